using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(Polis.Tests.Fixtures.PostgresServer))]

namespace Polis.Tests.Fixtures;

/// <summary>
/// A throwaway PostgreSQL 15 cluster for the whole test run: initdb into a temp folder, started with pg_ctl on
/// 127.0.0.1 and a free port, stopped and deleted at the end. No Docker. As root, it runs as the
/// `postgres` system user (initdb refuses root). Polis migrates and seeds one template database once per run, on first
/// use (<see cref="TemplateApp"/>); every fixture's database is a clone of it (CREATE DATABASE … TEMPLATE).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? dataDir;
    private string? bin;
    private string? runAs;
    private const string Template = "polis_template";
    private int databases;
    private readonly Lazy<Task> template;

    public PostgresServer() => template = new(() => Task.Run(CreateTemplateAsync));

    public static PostgresServer? Current { get; private set; }
    public int Port { get; private set; }
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=polis;Database=postgres;Pooling=false";

    public async ValueTask InitializeAsync()
    {
        bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL 15 server binaries were not found (looked for initdb in /usr/lib/postgresql/*/bin and on PATH). Run tests/run.sh, which installs them.");
        runAs = Environment.UserName == "root" ? "postgres" : null;
        dataDir = Path.Combine(Path.GetTempPath(), "polis-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDir);
        if (runAs is not null) await RunAsync("chown", $"{runAs} {dataDir}", asUser: false);
        Port = FreePort();
        await RunAsync(Path.Combine(bin, "initdb"), $"-D {dataDir}/db -U polis --auth=trust -E UTF8 --locale=C.UTF-8", asUser: true);
        var options = $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories={dataDir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        await RunAsync(Path.Combine(bin, "pg_ctl"), $"-D {dataDir}/db -l {dataDir}/server.log -o \"{options}\" -w -t 60 start", asUser: true);
        Current = this;
    }

    /// <summary>A fresh database for one test class: a clone of the migrated and seeded template.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        await template.Value;
        var name = $"polis_test_{Interlocked.Increment(ref databases)}_{Guid.NewGuid().ToString("N")[..6]}";
        await AdminAsync($"CREATE DATABASE {name} TEMPLATE {Template}");
        return $"Host=127.0.0.1;Port={Port};Username=polis;Database={name};Maximum Pool Size=20";
    }

    /// <summary>
    /// Creates the template and lets Polis migrate and seed it through its own start-up. A database being cloned must
    /// have no connection open: the app connects without pooling, and the template then refuses connections.
    /// </summary>
    private async Task CreateTemplateAsync()
    {
        await AdminAsync($"CREATE DATABASE {Template}");
        var connectionString = $"Host=127.0.0.1;Port={Port};Username=polis;Database={Template};Pooling=false";
        await TemplateApp.MigrateAndSeedAsync(Polis.Data.DatabaseProvider.Postgres, connectionString);
        await using (var pooled = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(pooled);
        await AdminAsync($"ALTER DATABASE {Template} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
        // Should a connection have outlived the app, end it; CREATE DATABASE waits a few seconds for it to go.
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Template}'");
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Current = null;
        if (dataDir is null || bin is null) return;
        NpgsqlConnection.ClearAllPools();
        try { await RunAsync(Path.Combine(bin, "pg_ctl"), $"-D {dataDir}/db -m immediate -w stop", asUser: true); }
        finally { Directory.Delete(dataDir, recursive: true); }
    }

    private static string? FindBin()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
            : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync(string file, string arguments, bool asUser)
    {
        var start = asUser && runAs is not null
            ? new ProcessStartInfo("runuser", $"-u {runAs} -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await error} {await output}");
    }
}
