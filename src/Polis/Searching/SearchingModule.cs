using System.CommandLine;
using Lucene.Net.Store;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Platform;
using Polis.Search;
using Polis.Searching.Contracts;

namespace Polis.Searching;

/// <summary>Who may see and run the search's administration (index and lexicon status).</summary>
public static class SearchingPermissions
{
    public const string Administer = "Searching.Administer";

    internal static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [Administer] = [Role.Administrator],
    };
}

/// <summary>The search service: one index for every module, the outbox written by the save, one background indexer.</summary>
public sealed class SearchingModule : PolisModule
{
    /// <summary>Where the dictionary lexicon lives: a file in the data folder unless this setting names another.</summary>
    public const string LexiconSetting = "Polis:Search:Lexicon";

    /// <summary>When true and there is no lexicon yet, the server builds one in the background from the installed dictionaries (demo set-up).</summary>
    public const string BuildLexiconSetting = "Polis:Search:BuildLexicon";

    public override string Name => "search";

    public override IReadOnlyDictionary<string, string[]> Permissions => SearchingPermissions.Roles;

    public static string LexiconPath(PolisStorage storage, IConfiguration configuration) =>
        configuration[LexiconSetting] is { Length: > 0 } path
            ? Path.GetFullPath(path, storage.DataPath)
            : Path.Combine(storage.DataPath, "lexicon", Lexicon.FileName);

    public override void AddServices(ModuleServices module)
    {
        var (services, storage, configuration) = (module.Services, module.Storage, module.Configuration);
        services.AddSingleton(sp => new LexiconSource(LexiconPath(storage, configuration), sp.GetService<TimeProvider>()));
        services.AddSingleton<SearchIndexHolder>();
        services.AddSingleton<SearchIndexer>();
        services.AddSingleton<PendingChanges>();
        services.AddScoped<ISearchService, SearchService>();
        services.AddScoped<IInterceptor, SearchOutboxInterceptor>();
        services.AddScoped<ISearchOutbox, SearchOutboxWriter>();
        services.AddHostedService<SearchIndexerService>();
        services.AddSingleton(sp => new LexiconPreloadService(
            sp.GetRequiredService<LexiconSource>(), configuration.GetValue<bool>(BuildLexiconSetting), sp.GetRequiredService<ILogger<LexiconPreloadService>>()));
        services.AddHostedService(sp => sp.GetRequiredService<LexiconPreloadService>());
        module.HealthChecks.AddCheck<SearchLanguagesHealthCheck>(SearchLanguagesHealthCheck.Name);
    }

    public override void MapEndpoints(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app) => app.MapSearchApi();

    public override IEnumerable<ApiTag> ApiTags =>
        [new("Search", "One search across every module's records (library documents and activities), with the kind of each hit.")];

    public override IEnumerable<string> PublicRoutes => ["/search", SearchApi.Root];

    public override IEnumerable<NavigationEntry> Navigation =>
        [new("/admin/search", () => Text.NavAdminSearch, 900, v => v.IsAdministrator)];

    public override IEnumerable<Command> Commands(CommandHost host) =>
        [Polis.Searching.Commands.ReindexCommand.Create(host), Polis.Searching.Commands.LexiconCommand.Create(host)];

    public override IEnumerable<string> TopLevelAliases => ["reindex", "lexicon"];

    // Opened now, not on the first search: a second server on the same data folder stops here with a message
    // instead of running without its index.
    public override void OnStarting(IServiceProvider services)
    {
        try
        {
            _ = services.GetRequiredService<SearchIndexHolder>().Value;
        }
        catch (LockObtainFailedException e)
        {
            throw new PolisStartupException(4, e.Message);
        }
    }
}

// Loads the lexicon and the query side's Hunspell dictionaries in the background after start, so the first
// translated query does not wait for them; with BuildLexicon on (the demo set-up) and no usable lexicon yet, first builds it
// from the installed dictionaries. Settled once the lexicon is loaded, built or known missing (SearchLanguagesHealthCheck).
internal sealed class LexiconPreloadService(LexiconSource lexicon, bool buildIfMissing, ILogger<LexiconPreloadService> log) : BackgroundService
{
    private volatile bool settled;

    public bool Settled => settled;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        LanguageResources.Preload();
        try
        {
            Load(stoppingToken);
        }
        finally
        {
            settled = true;
        }
    }, stoppingToken);

    private void Load(CancellationToken stoppingToken)
    {
        var status = lexicon.Preload();
        // An unusable file (of an older format version after an upgrade, or damaged) is rebuilt as a missing one is.
        if (status.State is LexiconState.Missing or LexiconState.Unusable && buildIfMissing && lexicon.Path.Length > 0)
        {
            var options = new LexiconBuildOptions(lexicon.Path) { CatalogFolders = LexiconBuildOptions.DefaultCatalogs };
            if (System.IO.Directory.Exists(options.DictdFolder) || File.Exists(options.DingFile))
            {
                log.LogInformation("Building the dictionary lexicon in the background from the installed dictionaries into {Path}", lexicon.Path);
                try
                {
                    System.IO.Directory.CreateDirectory(Path.GetDirectoryName(lexicon.Path)!);
                    LexiconBuilder.Build(options, null, stoppingToken);
                    status = lexicon.Reload();
                }
                catch (LexiconException e)
                {
                    log.LogWarning("The dictionary lexicon was not built: {Reason}", e.Message);
                }
            }
        }
        if (status.State == LexiconState.Loaded)
            log.LogInformation("Dictionary lexicon loaded from {Path}", status.Path);
        else
            log.LogWarning("Search translates with the glossary only: {Problem}", status.Problem);
    }
}

// Readiness of the search's languages: Degraded (still 200) while the lexicon or the Hunspell dictionaries load in the
// background after start, because until then the same query can be translated differently a few seconds later.
// Healthy once both have settled, whether or not they were found (a missing lexicon is the administration page's
// concern, not a reason to take the server out of a load balancer).
internal sealed class SearchLanguagesHealthCheck(LexiconPreloadService lexicon) : IHealthCheck
{
    public const string Name = "search languages";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var loading = new List<string>(2);
        if (!lexicon.Settled) loading.Add("the dictionary lexicon");
        if (!LanguageResources.Loaded) loading.Add("the Hunspell dictionaries");
        return Task.FromResult(loading.Count == 0
            ? HealthCheckResult.Healthy("search languages loaded")
            : HealthCheckResult.Degraded("search languages loading: " + string.Join(", ", loading)));
    }
}
