using Microsoft.Data.Sqlite;

namespace Polis.Data;

/// <summary>
/// Whether the database changed since an answer was read from it, by anyone: SQLite's <c>PRAGMA data_version</c>, read
/// on a connection of its own that never writes, changes whenever any other connection (of this process or another:
/// <c>polis import</c>, a raw SQL change) commits (issue 21, eighth pass). An answer read from the database while the
/// version was V is the answer the database would give again for as long as the version is still V, so a cache keyed
/// by it serves nothing the database would not (<c>DocumentVisibility</c>: the access re-check of a page of search
/// hits, which was a query on every search). Reading the version costs a few microseconds; the query it saves, a
/// connection from the pool, its pragmas, a statement prepared and run.
/// <para>
/// PostgreSQL has no such cheap counter of commits (only round trips), so <see cref="Current"/> answers null there and
/// a caller asks the database every time, as before.
/// </para>
/// </summary>
public sealed class DatabaseVersion : IDisposable
{
    private readonly string? connectionString;
    private readonly Lock gate = new();
    private SqliteConnection? connection;
    private SqliteCommand? command;

    /// <summary>For <paramref name="storage"/>'s database; a PostgreSQL database has no version (always null).</summary>
    public DatabaseVersion(PolisStorage storage)
    {
        if (storage.Provider != DatabaseProvider.Sqlite) return;
        // Its own connection, not from the pool (a pooled one would be another connection each time: data_version counts
        // the commits of every connection but the one it is read on). ReadWrite: never creates the file.
        connectionString = new SqliteConnectionStringBuilder(storage.ConnectionString) { Pooling = false, Mode = SqliteOpenMode.ReadWrite }.ConnectionString;
    }

    /// <summary>
    /// The database's version now, or null when it cannot be told (PostgreSQL; the database not there yet): then nothing
    /// may be served from what was read before.
    /// </summary>
    public long? Current()
    {
        if (connectionString is null) return null;
        lock (gate)
        {
            try
            {
                if (command is null)
                {
                    connection = new SqliteConnection(connectionString);
                    connection.Open();
                    command = connection.CreateCommand();
                    command.CommandText = "PRAGMA data_version";   // prepared once, run again on each call
                }
                return command.ExecuteScalar() is long version ? version : null;
            }
            catch (SqliteException)
            {
                Close();
                return null;
            }
        }
    }

    private void Close()
    {
        command?.Dispose();
        connection?.Dispose();
        command = null;
        connection = null;
    }

    public void Dispose()
    {
        lock (gate) Close();
    }
}
