using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polis.Data;

namespace Polis.Platform;

/// <summary>What every module stands on (the clock, the database, set-up) plus the modules themselves.</summary>
public static class PolisPlatform
{
    public static ModuleCatalog AddPolis(this IServiceCollection services, PolisStorage storage, IConfiguration configuration,
        IEnumerable<PolisModule>? modules = null)
    {
        var catalog = new ModuleCatalog(modules ?? PolisModules.All);
        CachedStrings.Install();
        services.AddSingleton(TimeProvider.System);
        services.AddPolisData(storage);
        services.AddScoped<PolisSetup>();
        services.AddSingleton<Shared.StaticAssets>();
        services.AddSingleton<ChangeAwareCache>();
        services.AddSingleton(Shared.PolisLanguages.From(configuration));
        services.AddSingleton(PublicUrl.From(configuration));
        catalog.AddServices(services, configuration, storage);
        return catalog;
    }
}
