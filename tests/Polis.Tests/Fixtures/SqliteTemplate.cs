using Microsoft.Data.Sqlite;
using Polis.Data;

[assembly: AssemblyFixture(typeof(Polis.Tests.Fixtures.SqliteTemplate))]

namespace Polis.Tests.Fixtures;

/// <summary>
/// One SQLite database per test run, migrated and seeded by Polis's own start-up (<see cref="TemplateApp"/>), on first
/// use only, into a temp folder deleted at the end. Each SQLite fixture copies the file into its data folder before its
/// host starts, whose MigrateAsync then finds nothing to do.
/// </summary>
public sealed class SqliteTemplate : IAsyncLifetime
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "polis-template-" + Guid.NewGuid().ToString("N")[..8]);
    private static readonly Lazy<Task<string>> Template = new(() => Task.Run(CreateAsync));

    /// <summary>Copies the template to <paramref name="path"/> (its folder is created) and returns the connection string.</summary>
    public static async Task<string> CopyToAsync(string path)
    {
        var template = await Template.Value;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(template, path);
        return $"Data Source={path}";
    }

    private static async Task<string> CreateAsync()
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, "polis.db");
        await TemplateApp.MigrateAndSeedAsync(DatabaseProvider.Sqlite, $"Data Source={path}");
        // The database is in WAL mode: close the app's pooled connections, then fold the log into the file, so the file
        // alone is the whole database. Closing the last connection removes the -wal file.
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            if (Convert.ToInt64(await checkpoint.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) != 0)
                throw new InvalidOperationException($"the SQLite template {path} could not be checkpointed: a connection is open");
        }
        if (File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0)
            throw new InvalidOperationException($"the SQLite template {path} still has a write-ahead log: a connection is open");
        return path;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        try { if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
