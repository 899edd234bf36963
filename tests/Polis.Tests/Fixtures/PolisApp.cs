using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polis.Accounts;
using Polis.Data;

namespace Polis.Tests.Fixtures;

/// <summary>
/// Polis on a real database, driven over HTTP. One subclass per provider; each test class gets its own
/// database and data folder. Intent methods (<see cref="SignedInAsync"/> …) keep tests free of plumbing.
/// The database starts as a copy of a template Polis migrated and seeded once per run (<see cref="SqliteTemplate"/>,
/// <see cref="PostgresServer"/>): the reference data and the roles, no accounts and no documents. Tests about the demo
/// data use <see cref="SqliteDemoApp"/> or <see cref="PostgresDemoApp"/>.
/// </summary>
public abstract partial class PolisApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "polis-test-" + Guid.NewGuid().ToString("N")[..10]);
    private int users;
    private string connectionString = "";

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Demo mode: the demo accounts are seeded and demo/library is imported on start. Off unless a test is about them.</summary>
    protected virtual bool Demo => false;

    /// <summary>This fixture's database: a copy of the SQLite template in the data folder, or a PostgreSQL clone of the template.</summary>
    protected virtual Task<string> CreateDatabaseAsync() => Provider switch
    {
        DatabaseProvider.Sqlite => SqliteTemplate.CopyToAsync(Path.Combine(DataPath, "polis.db")),
        DatabaseProvider.Postgres => (PostgresServer.Current ?? throw new InvalidOperationException("the PostgreSQL assembly fixture did not start")).CreateDatabaseAsync(),
        _ => throw new NotSupportedException(Provider.ToString()),
    };

    /// <summary>The clock Polis sees; tests move it instead of sleeping.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public string DataPath => dataPath;

    /// <summary>This fixture's database connection string (for tests that act on the database server itself).</summary>
    public string ConnectionString => connectionString;

    /// <summary>The dictionary lexicon the app translates queries with; null: none (the data folder has no lexicon).</summary>
    protected virtual string? LexiconPath => null;

    public virtual async ValueTask InitializeAsync()
    {
        connectionString = await CreateDatabaseAsync();
        _ = Server; // starts the host: migrations and seed run now, not inside the first test
        await WaitForSearchLanguagesAsync();
    }

    /// <summary>
    /// The lexicon and the Hunspell dictionaries load in the background after start; a query translated before they
    /// arrive can find other pages than the same query after. Tests start once readiness says they have settled.
    /// </summary>
    private async Task WaitForSearchLanguagesAsync()
    {
        var health = Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var report = await health.CheckHealthAsync(c => c.Name == Polis.Searching.SearchLanguagesHealthCheck.Name);
            if (report.Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy) return;
            if (waited.Elapsed > TimeSpan.FromMinutes(3))
                throw new TimeoutException("The search languages did not load within 3 minutes: " + string.Join("; ", report.Entries.Select(e => e.Value.Description)));
            await Task.Delay(100);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting(PolisStorage.ProviderSetting, Provider.ToString());
        builder.UseSetting(PolisStorage.ConnectionSetting, connectionString);
        builder.UseSetting(PolisStorage.DataPathSetting, dataPath);
        builder.UseSetting("Polis:Demo", Demo ? "true" : "false");
        if (LexiconPath is { } lexicon) builder.UseSetting(Polis.Searching.SearchingModule.LexiconSetting, lexicon);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Polis:Mail:PickupFolder", MailFolder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        builder.ConfigureServices(s => s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressFromHeader>());
    }

    /// <summary>An anonymous browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient Anonymous(string? language = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    /// <summary>Creates a user with the role and scope given and signs them in through the login form.</summary>
    public async Task<HttpClient> SignedInAsync(string? role, string[]? organisations = null, string? state = null)
    {
        var email = $"user{Interlocked.Increment(ref users)}-{Guid.NewGuid().ToString("N")[..6]}@test.example";
        const string password = "Test-password-2026";
        await using (var scope = Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserDirectory>()
                .CreateAsync(email, "Test " + (role ?? "Registered"), password, role is null ? [] : [role], organisations, state);
            if (!created) throw new InvalidOperationException("test user not created");
        }
        return await SignInAsync(email, password);
    }

    /// <summary>Adds the demo accounts (<see cref="DemoUsers.All"/>) as a demo start does, without the demo library.</summary>
    public Task AddDemoAccountsAsync() => WithServiceAsync<UserDirectory, int>(DemoUsers.EnsureAsync);

    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = Anonymous();
        var token = await AntiforgeryTokenAsync(client, "/account/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>Reads the antiforgery token from a page's form, as a browser would submit it.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"no antiforgery token on {page}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>Runs a query against the app's own database (counts for assertions).</summary>
    public async Task<T> QueryAsync<T>(Func<PolisDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PolisDb>());
    }

    /// <summary>Runs a scoped service of the app, as the command line does.</summary>
    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> use) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
    }
}

public sealed class SqliteApp : PolisApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary>Polis on SQLite in demo mode: the demo accounts and the demo library (for tests about them only: it costs seconds).</summary>
public sealed class SqliteDemoApp : PolisApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override bool Demo => true;
}

/// <summary>Polis on SQLite with the dictionary lexicon built from the installed dictionaries.</summary>
public sealed class SqliteAppWithLexicon : PolisApp
{
    private string? lexicon;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string? LexiconPath => lexicon;

    public override async ValueTask InitializeAsync()
    {
        lexicon = await SharedLexicon.PathAsync();
        await base.InitializeAsync();
    }
}

public sealed class PostgresApp : PolisApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>Polis on PostgreSQL in demo mode: the demo accounts and the demo library (for tests about them only).</summary>
public sealed class PostgresDemoApp : PolisApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override bool Demo => true;
}

/// <summary>
/// Polis started once on an empty template database: its own start-up (<c>PolisHost.InitialiseAsync</c>: MigrateAsync,
/// then the seed without demo data) builds the schema from the real migrations and adds the reference data.
/// </summary>
internal sealed class TemplateApp(DatabaseProvider provider, string connectionString) : PolisApp
{
    public override DatabaseProvider Provider => provider;
    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(connectionString);

    public static async Task MigrateAndSeedAsync(DatabaseProvider provider, string connectionString)
    {
        await using var app = new TemplateApp(provider, connectionString);
        await app.InitializeAsync();
    }
}
