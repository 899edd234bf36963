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
    private const int JsonRowsPerCommand = 1000;
    private const int ArrayRowsPerCommand = 5000;

    /// <summary>
    /// Runs <paramref name="write"/> (bulk inserts) in one transaction, committed when it returns. On SQLite the
    /// connection's page cache is raised for it (64 MB instead of 2 MB; set back afterwards, as the connection returns
    /// to the pool): the rows land at random places of several large indexes (random ids), and with the default cache
    /// SQLite spills dirty pages to the WAL in the middle of the transaction and reads them back. And its commit does not
    /// checkpoint: with the default automatic checkpoint the committing call copies the whole write from the WAL into
    /// the database file and syncs both before it returns (a 46 MB WAL: 359 ms against 64 ms without, measured with
    /// SQLite alone), which was most of an import's commit. The checkpoint runs right after, in the background
    /// (<see cref="SqliteCheckpoint"/>), as PostgreSQL's checkpointer does; readers meanwhile read the WAL.
    /// </summary>
    public static Task InTransactionAsync(PolisDb db, Func<Task> write, CancellationToken ct) =>
        InTransactionAsync(db, async () =>
        {
            await write();
            return true;
        }, ct);

    /// <summary>
    /// As <see cref="InTransactionAsync(PolisDb, Func{Task}, CancellationToken)"/>, committed only if <paramref name="write"/>
    /// returns true (rolled back if false); returns whether it committed.
    /// </summary>
    public static async Task<bool> InTransactionAsync(PolisDb db, Func<Task<bool>> write, CancellationToken ct)
    {
        var sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (sqlite) await db.Database.ExecuteSqlAsync($"PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 0", ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!await write())
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return false;
            }
            await transaction.CommitAsync(ct);
            if (sqlite) SqliteCheckpoint.Start(db.Database.GetConnectionString()!);
            return true;
        }
        finally
        {
            if (sqlite) await db.Database.ExecuteSqlAsync($"PRAGMA cache_size = -2000; PRAGMA wal_autocheckpoint = 1000", CancellationToken.None);
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
        var table = new Table<T>(type, shadow);
        if (WritesAsJson(db, type))
            await InsertAsJsonAsync(transaction, db.GetService<ISqlGenerationHelper>(), table, rows, ct);
        else if (WritesAsArrays(db, type))
            await InsertAsArraysAsync(transaction, db.GetService<ISqlGenerationHelper>(), table, rows, ct);
        else
            await InsertWithParametersAsync(transaction, db.GetService<ISqlGenerationHelper>(), table, rows, db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true, ct);
    }

    /// <summary>Whether rows of <paramref name="type"/> go to SQLite as JSON rows (<see cref="InsertAsJsonAsync"/>), not as parameters.</summary>
    internal static bool WritesAsJson(PolisDb db, IEntityType type) =>
        db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true && SqliteJson.Supported(db.Database.GetDbConnection())
        && Table<object>.Of(type).All(c => SqliteJson.Expression(c.Mapping) is not null);

    /// <summary>
    /// Whether rows of <paramref name="type"/> go to PostgreSQL as one array per column (<see cref="InsertAsArraysAsync"/>):
    /// every column holds one value of a type the driver sends as an array, or is a list column (an array column), sent
    /// as its array literals (<see cref="ArrayLiteral"/>).
    /// </summary>
    internal static bool WritesAsArrays(PolisDb db, IEntityType type) =>
        db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true
        && Table<object>.Of(type).All(c => ArrayElementType(c) is not null || IsArrayColumn(c));

    /// <summary>A PostgreSQL array column (a primitive collection: text[], uuid[], …).</summary>
    private static bool IsArrayColumn<TRow>(Table<TRow>.Column c) where TRow : class =>
        c.Mapping.ElementTypeMapping is not null && c.Mapping.StoreType.EndsWith("[]", StringComparison.Ordinal);

    /// <summary>
    /// A list column's value as a PostgreSQL array literal (<c>{"KG","RS"}</c>, or null), which the insert casts to the
    /// column's type: a column of arrays cannot be one array parameter (PostgreSQL's arrays are rectangular). Each
    /// element is converted as the element's type mapping converts it (an enum to its name, as EF stores it) and
    /// quoted, so any element type reads back from its text.
    /// </summary>
    internal static string? ArrayLiteral(object? list, CoreTypeMapping element)
    {
        if (list is null) return null;
        var text = new StringBuilder("{");
        var first = true;
        foreach (var item in (System.Collections.IEnumerable)list)
        {
            if (!first) text.Append(',');
            first = false;
            var value = item is null ? null : element.Converter is { } converter ? converter.ConvertToProvider(item) : item;
            if (value is Enum e) value = Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), System.Globalization.CultureInfo.InvariantCulture);
            if (value is null)
            {
                text.Append("NULL");
                continue;
            }
            var plain = value switch
            {
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
            text.Append('"').Append(plain.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }
        return text.Append('}').ToString();
    }

    private static readonly HashSet<Type> ArrayElements =
    [
        typeof(string), typeof(bool), typeof(short), typeof(int), typeof(long), typeof(decimal), typeof(Guid), typeof(DateOnly),
        typeof(DateTimeOffset), typeof(byte[]),
    ];

    /// <summary>The element type of a column's array parameter (nullable for a nullable value type), or null.</summary>
    private static Type? ArrayElementType<TRow>(Table<TRow>.Column c) where TRow : class
    {
        var plain = SqliteJson.ProviderType(c.Mapping);
        if (!ArrayElements.Contains(plain)) return null;
        return plain.IsValueType && c.Property.IsNullable ? typeof(Nullable<>).MakeGenericType(plain) : plain;
    }

    /// <summary>
    /// PostgreSQL: each chunk is one command <c>INSERT INTO t (…) SELECT c0, c1, … FROM unnest(@c0, @c1, …) AS r(c0, c1, …)</c>
    /// with one typed array per column (a list column's as its rows' array literals, cast to the column's type), sent
    /// in the driver's binary format: the server plans a statement of a few parameters instead
    /// of a VALUES list of thousands (which took longer to plan and bind than to insert: 60,000 coverage keys as
    /// parameters 2.2 s, measured).
    /// </summary>
    private static async Task InsertAsArraysAsync<T>(DbTransaction transaction, ISqlGenerationHelper sql, Table<T> table, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        var columns = table.Columns;
        var lists = columns.Select(c => IsArrayColumn(c)).ToArray();
        var elements = columns.Select((c, i) => lists[i] ? typeof(string) : ArrayElementType(c)!).ToArray();
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        string Name(int i) => "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.Name))).Append(") SELECT ")
            .AppendJoin(", ", columns.Select((c, i) => lists[i] ? Name(i) + "::" + c.Mapping.StoreType : Name(i))).Append(" FROM unnest(")
            .AppendJoin(", ", columns.Select((_, i) => "@" + Name(i))).Append(") AS r(")
            .AppendJoin(", ", columns.Select((_, i) => Name(i))).Append(')').ToString();
        var parameters = columns.Select((_, i) =>
        {
            var p = command.CreateParameter();
            p.ParameterName = "@c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        for (var start = 0; start < rows.Count; start += ArrayRowsPerCommand)
        {
            var n = Math.Min(ArrayRowsPerCommand, rows.Count - start);
            for (var c = 0; c < columns.Count; c++)
            {
                var values = Array.CreateInstance(elements[c], n);
                for (var r = 0; r < n; r++)
                    values.SetValue(lists[c] ? ArrayLiteral(table.Raw(rows[start + r], columns[c]), columns[c].Mapping.ElementTypeMapping!)
                        : table.Value(rows[start + r], columns[c]) is var v && v is DBNull ? null : v, r);
                parameters[c].Value = values;
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The columns written of an entity type's table, each with how its value is read from a row.</summary>
    private sealed class Table<T>(IEntityType type, Func<T, IProperty, object?>? shadow) where T : class
    {
        public string Name { get; } = type.GetTableName()!;
        public string? Schema { get; } = type.GetSchema();
        public IReadOnlyList<Column> Columns { get; } = Of(type);

        public sealed record Column(IProperty Property, string Name, IClrPropertyGetter? Getter, RelationalTypeMapping Mapping,
            Microsoft.EntityFrameworkCore.Storage.Json.JsonValueReaderWriter? Json);

        public static List<Column> Of(IEntityType type)
        {
            var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            return [.. type.GetProperties().Where(p => !GeneratedByDatabase(p) && p.GetColumnName(store) is not null).Select(p =>
            {
                var mapping = p.GetRelationalTypeMapping();
                // A primitive collection stored as JSON text (SQLite): written by its JSON writer directly. It is what the
                // mapping's converter calls, but that converter's compiled lambda resolves a method by reflection on every call.
                var json = mapping is { ElementTypeMapping: not null, Converter.ProviderClrType: var provider, JsonValueReaderWriter: { } w } && provider == typeof(string) ? w : null;
                return new Column(p, p.GetColumnName(store)!, p.IsShadowProperty() ? null : p.GetGetter(), mapping, json);
            })];
        }

        /// <summary>The value of column <paramref name="c"/> in <paramref name="row"/> as the database takes it.</summary>
        public object Value(T row, Column c) => ProviderValue(Raw(row, c), c.Mapping, c.Json);

        /// <summary>The value of column <paramref name="c"/> in <paramref name="row"/> as the entity holds it.</summary>
        public object? Raw(T row, Column c) => c.Getter is { } getter ? getter.GetClrValue(row)
            : shadow?.Invoke(row, c.Property) ?? throw new InvalidOperationException($"No value for the shadow property {c.Property.Name} of {type.DisplayName()}.");
    }

    /// <summary>
    /// SQLite: each chunk of rows is one JSON array of rows (each an array of the columns' values) in a single text
    /// parameter, expanded inside SQLite: <c>INSERT INTO t (…) SELECT value -&gt;&gt; 0, … FROM jsonb_each(jsonb(@rows))</c>.
    /// Binding a parameter per value costs the driver a name lookup each (quadratic in a command's parameters) and
    /// forces small commands; one parameter per thousand rows costs neither. The text is parsed once into JSONB, whose
    /// rows each column reads without parsing again (<c>json_each</c>'s text rows were parsed once per column: 2.7× the
    /// CPU time for 40 columns, measured). Each value is written as the driver would bind it (<see cref="SqliteJson"/>),
    /// so the stored text, number or blob is the same.
    /// </summary>
    private static async Task InsertAsJsonAsync<T>(DbTransaction transaction, ISqlGenerationHelper sql, Table<T> table, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Name))).Append(") SELECT ")
            .AppendJoin(", ", table.Columns.Select((c, i) => SqliteJson.Expression(c.Mapping)!.Replace("{0}", "value ->> " + i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)))
            .Append(" FROM jsonb_each(jsonb(@rows))").ToString();
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@rows";
        command.Parameters.Add(parameter);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 20);
        for (var start = 0; start < rows.Count; start += JsonRowsPerCommand)
        {
            buffer.ResetWrittenCount();
            await using (var json = new System.Text.Json.Utf8JsonWriter(buffer, SqliteJson.WriterOptions))
            {
                json.WriteStartArray();
                for (var r = start; r < Math.Min(rows.Count, start + JsonRowsPerCommand); r++)
                {
                    json.WriteStartArray();
                    foreach (var c in table.Columns) SqliteJson.Write(json, table.Value(rows[r], c));
                    json.WriteEndArray();
                }
                json.WriteEndArray();
            }
            parameter.Value = Encoding.UTF8.GetString(buffer.WrittenSpan);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task InsertWithParametersAsync<T>(DbTransaction transaction, ISqlGenerationHelper sql, Table<T> table, IReadOnlyList<T> rows, bool sqlite, CancellationToken ct)
        where T : class
    {
        var columns = table.Columns;
        var maxParameters = sqlite ? MaxParametersSqlite : MaxParametersPostgres;
        var perCommand = Math.Max(1, Math.Min(MaxRowsPerCommand, maxParameters / columns.Count));
        var connection = transaction.Connection!;
        var names = columns.Select(c => c.Name).ToList();
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
                    command.CommandText = Text(sql, table.Name, table.Schema, names, n);
                    parameters = new DbParameter[n * columns.Count];
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        var c = columns[i % columns.Count];
                        parameters[i] = c.Json is null ? c.Mapping.CreateParameter(command, Name(i / columns.Count, i % columns.Count, columns.Count), null, c.Property.IsNullable)
                            : command.CreateParameter();
                        parameters[i].ParameterName = Name(i / columns.Count, i % columns.Count, columns.Count);
                        command.Parameters.Add(parameters[i]);
                    }
                }
                for (var r = 0; r < n; r++)
                    for (var c = 0; c < columns.Count; c++)
                        parameters[r * columns.Count + c].Value = table.Value(rows[start + r], columns[c]);
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

    /// <summary>The key the database numbers for <paramref name="type"/> (an identity id), or null when the rows carry their own.</summary>
    internal static IProperty? IdentityKey(IEntityType type) =>
        type.FindPrimaryKey() is { Properties: [var key] } && GeneratedByDatabase(key) ? key : null;

    /// <summary>The highest id of <paramref name="identity"/>'s table (0 when empty), read inside the caller's transaction.</summary>
    internal static async Task<long> MaxIdAsync(PolisDb db, IEntityType type, IProperty identity, CancellationToken ct)
    {
        var ids = await QueryIdsAsync(db, type, identity, "coalesce(max({0}), 0)", null, ct);
        return ids[0];
    }

    /// <summary>The ids above <paramref name="after"/> in <paramref name="identity"/>'s table, in ascending order.</summary>
    internal static Task<List<long>> IdsAfterAsync(PolisDb db, IEntityType type, IProperty identity, long after, CancellationToken ct) =>
        QueryIdsAsync(db, type, identity, "{0}", after, ct);

    private static async Task<List<long>> QueryIdsAsync(PolisDb db, IEntityType type, IProperty identity, string select, long? after, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var column = sql.DelimitIdentifier(identity.GetColumnName(StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema()))!);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Ids are read back inside the caller's transaction.");
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT " + string.Format(System.Globalization.CultureInfo.InvariantCulture, select, column) + " FROM "
            + sql.DelimitIdentifier(type.GetTableName()!, type.GetSchema()) + (after is null ? "" : " WHERE " + column + " > @after ORDER BY " + column);
        if (after is { } a)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@after";
            parameter.Value = a;
            command.Parameters.Add(parameter);
        }
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        return ids;
    }

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
