using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts;
using Polis.Data;
using Polis.Reference;
using Polis.Reference.Contracts;

namespace Polis;

/// <summary>The only place that knows every module: the host calls these two methods.</summary>
public static class PolisModules
{
    public static IServiceCollection AddPolisModules(this IServiceCollection services, PolisStorage storage)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddPolisData(storage);
        services.AddAccounts(AccountPermissions.Roles);
        services.AddScoped<IReferenceDirectory, ReferenceDirectory>();
        services.AddScoped<ReferenceSeeder>();
        services.AddScoped<PolisSetup>();
        return services;
    }

    public static IEndpointRouteBuilder MapPolisModules(this IEndpointRouteBuilder app)
    {
        app.MapAccounts();
        app.MapReferenceApi();
        return app;
    }
}
