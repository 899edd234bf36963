using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts;
using Microsoft.Extensions.Configuration;
using Polis.Data;
using Polis.Library;
using Polis.Searching;
using Polis.Reference;
using Polis.Reference.Contracts;

namespace Polis;

/// <summary>The only place that knows every module: the host calls these two methods.</summary>
public static class PolisModules
{
    public static IServiceCollection AddPolisModules(this IServiceCollection services, PolisStorage storage, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddPolisData(storage);
        services.AddAccounts(AccountPermissions.Roles, LibraryPermissions.Roles, SearchingPermissions.Roles);
        services.AddSearching(storage, configuration);
        services.AddLibrary(configuration);
        services.AddScoped<IReferenceDirectory, ReferenceDirectory>();
        services.AddScoped<IReferenceCodes, ReferenceCodes>();
        services.AddScoped<ReferenceSeeder>();
        services.AddScoped<PolisSetup>();
        services.AddSingleton<Shared.StaticAssets>();
        return services;
    }

    public static IEndpointRouteBuilder MapPolisModules(this IEndpointRouteBuilder app)
    {
        app.MapAccounts();
        app.MapReferenceApi();
        app.MapLibrary();
        return app;
    }
}
