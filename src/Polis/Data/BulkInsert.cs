using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Polis.Data;

/// <summary>
/// Set-based inserts of new rows for bulk writes (the activities' CSV import, the generator): multi-row INSERT
/// commands, one command text reused for every full chunk, inside the caller's transaction, without the change
/// tracker. The columns, their names and their conversions come from the EF model (the entity's table mapping and
/// each property's type mapping, so a Guid, a date, an enum or a list is stored exactly as EF stores it); keys the
/// database generates (identity ids) are left to it. The caller writes what the save's interceptors would have
/// added (the audit entry, the search outbox row) itself: nothing here is audited.
/// </summary>
public static class BulkInsert
{
    /// <summary>
    /// At most this many parameters in one command. PostgreSQL allows 65,535; SQLite 32,766, but binding looks each
    /// parameter up by name in a list (sqlite3_bind_parameter_index), so a command's binding is quadratic in its
    /// parameters: a few hundred per command there (with 500 rows a command, a first 100,000-activity benchmark run under
    /// load 50–90 inserted only some 15,000 activities in 8 minutes).
    /// </summary>
    private const int MaxParametersPostgres = 30_000;
    private const int MaxParametersSqlite = 800;
    private const int MaxRowsPerCommand = 500;

    /// <summary>
    /// Inserts <paramref name="rows"/> as rows of <paramref name="type"/>'s table. <paramref name="shadow"/> gives the
    /// value of a shadow property (an owned entity's owner key); a transaction must be open on <paramref name="db"/>.
    /// </summary>
    public static async Task InsertAsync<T>(PolisDb db, IEntityType type, IReadOnlyList<T> rows, Func<T, IProperty, object?>? shadow, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the caller's transaction.");
        var table = type.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var columns = type.GetProperties().Where(p => !GeneratedByDatabase(p) && p.GetColumnName(store) is not null).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var getters = columns.Select(p => p.IsShadowProperty() ? null : p.GetGetter()).ToArray();
        var mappings = columns.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var maxParameters = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true ? MaxParametersSqlite : MaxParametersPostgres;
        var perCommand = Math.Max(1, Math.Min(MaxRowsPerCommand, maxParameters / columns.Count));
        var connection = transaction.Connection!;
        DbCommand? command = null;
        var commandRows = 0;
        try
        {
            for (var start = 0; start < rows.Count; start += perCommand)
            {
                var n = Math.Min(perCommand, rows.Count - start);
                if (command is null || commandRows != n)
                {
                    if (command is not null) await command.DisposeAsync();
                    command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = Text(sql, table, type.GetSchema(), columns.Select(c => c.GetColumnName(store)!).ToList(), n);
                    commandRows = n;
                }
                command.Parameters.Clear();
                for (var r = 0; r < n; r++)
                {
                    var row = rows[start + r];
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var value = getters[c] is { } getter ? getter.GetClrValue(row)
                            : shadow?.Invoke(row, columns[c]) ?? throw new InvalidOperationException($"No value for the shadow property {columns[c].Name} of {type.DisplayName()}.");
                        command.Parameters.Add(mappings[c].CreateParameter(command, Name(r, c, columns.Count), value, columns[c].IsNullable));
                    }
                }
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            if (command is not null) await command.DisposeAsync();
        }
    }

    /// <summary>The entity type EF maps <typeparamref name="T"/> to (not for owned types: see <see cref="Owned"/>).</summary>
    public static IEntityType EntityType<T>(PolisDb db) => db.Model.FindEntityType(typeof(T))
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model.");

    /// <summary>The owned entity type behind the navigation <paramref name="navigation"/> of <typeparamref name="TOwner"/>.</summary>
    public static IEntityType Owned<TOwner>(PolisDb db, string navigation) =>
        EntityType<TOwner>(db).FindNavigation(navigation)?.TargetEntityType
        ?? throw new InvalidOperationException($"{typeof(TOwner).Name} has no navigation {navigation}.");

    /// <summary>An identity key (an int or long id the database numbers): not written.</summary>
    private static bool GeneratedByDatabase(IProperty p) =>
        p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && (p.ClrType == typeof(int) || p.ClrType == typeof(long));

    private static string Name(int row, int column, int columns) => "@p" + (row * columns + column).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Text(ISqlGenerationHelper sql, string table, string? schema, List<string> columns, int rows)
    {
        var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table, schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c))).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            if (r > 0) text.Append(", ");
            text.Append('(');
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0) text.Append(", ");
                text.Append(Name(r, c, columns.Count));
            }
            text.Append(')');
        }
        return text.ToString();
    }
}
