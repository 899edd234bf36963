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
    // Reads numbered as they start (written under the lock), and the last one that finished with its answer.
    private long readsStarted;
    private long lastRead;
    private long? lastVersion;

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
    /// <remarks>
    /// Callers that queue on the connection share a read (issue 21, ninth pass: 32 searches at once queued on the
    /// lock, one read each, and a thread descheduled while holding it held them all): a read that started after this
    /// call began saw every commit made before it, so it answers for this call too. Each read takes a number when it
    /// starts; a caller notes the last number taken when it arrives and, once it has the lock, takes the last read's
    /// answer if that read's number is higher, and reads itself otherwise.
    /// </remarks>
    public long? Current()
    {
        if (connectionString is null) return null;
        var arrived = Interlocked.Read(ref readsStarted);   // a full fence: nothing this caller did before moves after it
        lock (gate)
        {
            if (lastRead > arrived) return lastVersion;
            var read = Interlocked.Increment(ref readsStarted);   // taken before the read starts: whoever sees it may not share it
            try
            {
                if (command is null)
                {
                    connection = new SqliteConnection(connectionString);
                    connection.Open();
                    command = connection.CreateCommand();
                    command.CommandText = "PRAGMA data_version";   // prepared once, run again on each call
                }
                var version = command.ExecuteScalar() is long v ? v : (long?)null;
                (lastRead, lastVersion) = (read, version);
                return version;
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
