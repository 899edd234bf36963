using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polis.Accounts.Contracts;
using Polis.Data;
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

public static class SearchingModule
{
    /// <summary>Where the dictionary lexicon lives: a file in the data folder unless this setting names another.</summary>
    public const string LexiconSetting = "Polis:Search:Lexicon";

    /// <summary>When true and there is no lexicon yet, the server builds one in the background from the installed dictionaries (demo set-up).</summary>
    public const string BuildLexiconSetting = "Polis:Search:BuildLexicon";

    public static string LexiconPath(PolisStorage storage, IConfiguration configuration) =>
        configuration[LexiconSetting] is { Length: > 0 } path
            ? Path.GetFullPath(path, storage.DataPath)
            : Path.Combine(storage.DataPath, "lexicon", Lexicon.FileName);

    public static IServiceCollection AddSearching(this IServiceCollection services, PolisStorage storage, IConfiguration configuration)
    {
        services.AddSingleton(sp => new LexiconSource(LexiconPath(storage, configuration), sp.GetService<TimeProvider>()));
        services.AddSingleton<SearchIndexHolder>();
        services.AddSingleton<SearchIndexer>();
        services.AddScoped<ISearchOutbox, SearchOutbox>();
        services.AddHostedService<SearchIndexerService>();
        services.AddHostedService(sp => new LexiconPreloadService(
            sp.GetRequiredService<LexiconSource>(), configuration.GetValue<bool>(BuildLexiconSetting), sp.GetRequiredService<ILogger<LexiconPreloadService>>()));
        return services;
    }
}

// Loads the lexicon in the background after start, so the first translated query does not wait for it; with
// BuildLexicon on (the demo set-up) and no lexicon yet, first builds it from the installed dictionaries.
internal sealed class LexiconPreloadService(LexiconSource lexicon, bool buildIfMissing, ILogger<LexiconPreloadService> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var status = lexicon.Preload();
        if (status.State == LexiconState.Missing && buildIfMissing && lexicon.Path.Length > 0)
        {
            var options = new LexiconBuildOptions(lexicon.Path);
            if (Directory.Exists(options.DictdFolder) || File.Exists(options.DingFile))
            {
                log.LogInformation("Building the dictionary lexicon in the background from the installed dictionaries into {Path}", lexicon.Path);
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(lexicon.Path)!);
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
    }, stoppingToken);
}
