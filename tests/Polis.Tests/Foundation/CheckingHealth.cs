using System.Net;
using Npgsql;
using Polis.Data;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Foundation;

/// <summary>
/// Liveness and readiness (issue 21): <c>/health/live</c> answers while the process runs, without touching the
/// database; <c>/health</c> and <c>/health/ready</c> probe the database, and keep the answer for 2 s so that a monitor
/// polling them does not open a connection per request. Proved on a PostgreSQL database that stops accepting
/// connections (this class has its own database: nothing else runs on it).
/// </summary>
public sealed class CheckingHealth(CheckingHealth.OwnDatabaseApp app) : IClassFixture<CheckingHealth.OwnDatabaseApp>
{
    public sealed class OwnDatabaseApp : PolisApp
    {
        public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await app.Anonymous().GetAsync(path, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task AllowConnectionsAsync(bool allow)
    {
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        await using var admin = new NpgsqlConnection(PostgresServer.Current!.AdminConnectionString);
        await admin.OpenAsync(Ct);
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS {(allow ? "true" : "false")}", admin))
            await alter.ExecuteNonQueryAsync(Ct);
        if (!allow)
        {
            await using var end = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @d AND pid <> pg_backend_pid()", admin);
            end.Parameters.AddWithValue("d", database);
            await end.ExecuteNonQueryAsync(Ct);
        }
        NpgsqlConnection.ClearAllPools();
    }

    [Fact]
    public async Task Liveness_holds_without_the_database_and_readiness_reports_it_gone_once_its_answer_is_stale()
    {
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync("/health"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync("/health/live"));
        await AllowConnectionsAsync(false);
        try
        {
            // Within 2 s the last probe stands: no connection is tried.
            Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync("/health/ready"));
            app.Clock.Advance(Polis.Web.DatabaseHealthCheck.Freshness);
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await GetAsync("/health"));
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await GetAsync("/health/ready"));
            Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync("/health/live"));
        }
        finally
        {
            await AllowConnectionsAsync(true);
        }
        app.Clock.Advance(Polis.Web.DatabaseHealthCheck.Freshness);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync("/health"));
    }
}

/// <summary>
/// Readiness while the search's languages load in the background after start: 200 Degraded, naming what is still
/// loading, then Healthy once the lexicon has settled (here: known missing) and the Hunspell dictionaries are loaded.
/// </summary>
public sealed class ReportingSearchLanguagesLoading
{
    [Fact]
    public async Task Readiness_is_degraded_until_the_lexicon_and_the_dictionaries_have_loaded()
    {
        var ct = TestContext.Current.CancellationToken;
        using var preload = new Polis.Searching.LexiconPreloadService(
            Polis.Search.LexiconSource.None, buildIfMissing: false, Microsoft.Extensions.Logging.Abstractions.NullLogger<Polis.Searching.LexiconPreloadService>.Instance);
        var check = new Polis.Searching.SearchLanguagesHealthCheck(preload);

        var before = await check.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext(), ct);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, before.Status);
        Assert.Contains("the dictionary lexicon", before.Description, StringComparison.Ordinal);

        await preload.StartAsync(ct);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!preload.Settled && waited.Elapsed < TimeSpan.FromMinutes(1)) await Task.Delay(20, ct);
        Assert.True(Polis.Search.LanguageResources.WaitUntilLoaded(TimeSpan.FromMinutes(2)));

        var after = await check.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext(), ct);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, after.Status);
        await preload.StopAsync(ct);
    }
}
