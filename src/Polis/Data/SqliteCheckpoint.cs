using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Polis.Data;

/// <summary>
/// A checkpoint of a SQLite database's WAL on its own connection, off the caller's path: after a bulk write that
/// committed without one (<see cref="BulkInsert.InTransactionAsync(PolisDb, Func{Task{bool}}, CancellationToken)"/>). PASSIVE: it copies what no reader still needs
/// and waits for nobody; whatever it leaves, the next automatic checkpoint of any connection takes. At most one runs
/// per database. A checkpoint that cannot run (the database gone, as after a test) changes nothing: the WAL is the
/// committed data, and SQLite checkpoints it later or on the next open.
/// </summary>
internal static class SqliteCheckpoint
{
    private static readonly ConcurrentDictionary<string, bool> Running = new(StringComparer.Ordinal);

    public static void Start(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false, Mode = SqliteOpenMode.ReadWrite };
        var key = builder.DataSource;
        if (!Running.TryAdd(key, true)) return;
        _ = Task.Run(() =>
        {
            try
            {
                using var connection = new SqliteConnection(builder.ConnectionString);
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                command.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // Left to the next automatic checkpoint (see above).
            }
            finally
            {
                Running.TryRemove(key, out _);
            }
        });
    }
}
