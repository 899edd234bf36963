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
    /// At most this many parameters in one command. PostgreSQL allows 65,535 (and each command is a round trip). SQLite
    /// allows 32,766, but binding looks each parameter up by name in a list (sqlite3_bind_parameter_index), so a
    /// command's binding is quadratic in its parameters, while each command run costs some 50 µs in the driver: a
    /// couple of hundred parameters per command, measured (800 were 3× slower per row, one row per command 5×).
    /// </summary>
    private const int MaxParametersPostgres = 30_000;
    private const int MaxParametersSqlite = 200;
    private const int MaxRowsPerCommand = 500;

    /// <summary>
    /// Runs <paramref name="write"/> (bulk inserts) in one transaction, committed when it returns. On SQLite the
    /// connection's page cache is raised for it (64 MB instead of 2 MB; set back afterwards, as the connection returns
    /// to the pool): the rows land at random places of several large indexes (random ids), and with the default cache
    /// SQLite spills dirty pages to the WAL in the middle of the transaction and reads them back.
    /// </summary>
    public static async Task InTransactionAsync(PolisDb db, Func<Task> write, CancellationToken ct)
    {
        var sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (sqlite) await db.Database.ExecuteSqlAsync($"PRAGMA cache_size = -65536", ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await write();
            await transaction.CommitAsync(ct);
        }
        finally
        {
            if (sqlite) await db.Database.ExecuteSqlAsync($"PRAGMA cache_size = -2000", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

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
        // A primitive collection stored as JSON text (SQLite): written by its JSON writer directly. It is what the
        // mapping's converter calls, but that converter's compiled lambda resolves a method by reflection on every call.
        var json = mappings.Select(m => m is { ElementTypeMapping: not null, Converter.ProviderClrType: var provider, JsonValueReaderWriter: { } w } && provider == typeof(string) ? w : null).ToArray();
        var maxParameters = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true ? MaxParametersSqlite : MaxParametersPostgres;
        var perCommand = Math.Max(1, Math.Min(MaxRowsPerCommand, maxParameters / columns.Count));
        var connection = transaction.Connection!;
        var names = columns.Select(c => c.GetColumnName(store)!).ToList();
        DbCommand? command = null;
        DbParameter[] parameters = [];
        try
        {
            for (var start = 0; start < rows.Count; start += perCommand)
            {
                var n = Math.Min(perCommand, rows.Count - start);
                if (command is null || parameters.Length != n * columns.Count)
                {
                    // One command per size (the full chunk, then the last one), its parameters made once by the
                    // columns' type mappings (their database types) and given each chunk's values.
                    if (command is not null) await command.DisposeAsync();
                    command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = Text(sql, table, type.GetSchema(), names, n);
                    parameters = new DbParameter[n * columns.Count];
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        var c = i % columns.Count;
                        parameters[i] = json[c] is null ? mappings[c].CreateParameter(command, Name(i / columns.Count, c, columns.Count), null, columns[c].IsNullable)
                            : command.CreateParameter();
                        parameters[i].ParameterName = Name(i / columns.Count, c, columns.Count);
                        command.Parameters.Add(parameters[i]);
                    }
                }
                for (var r = 0; r < n; r++)
                {
                    var row = rows[start + r];
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var value = getters[c] is { } getter ? getter.GetClrValue(row)
                            : shadow?.Invoke(row, columns[c]) ?? throw new InvalidOperationException($"No value for the shadow property {columns[c].Name} of {type.DisplayName()}.");
                        parameters[r * columns.Count + c].Value = ProviderValue(value, mappings[c], json[c]);
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

    /// <summary>
    /// The value as the database takes it, as <see cref="RelationalTypeMapping.CreateParameter"/> makes it: the mapping's
    /// converter applied (a JSON collection by its writer), an enum without one as its number, null as DBNull.
    /// </summary>
    private static object ProviderValue(object? value, RelationalTypeMapping mapping, Microsoft.EntityFrameworkCore.Storage.Json.JsonValueReaderWriter? json)
    {
        if (value is null) return DBNull.Value;
        if (json is not null) return json.ToJsonString(value);
        if (mapping.Converter is { } converter) return converter.ConvertToProvider(value) ?? DBNull.Value;
        return value is Enum e ? Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), System.Globalization.CultureInfo.InvariantCulture) : value;
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
