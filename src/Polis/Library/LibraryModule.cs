using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polis.Home;
using Polis.Ingest;
using Polis.Searching.Contracts;

namespace Polis.Library;

public static class LibraryModule
{
    public const string MaxUploadSetting = "Polis:Library:MaxUploadMegabytes";

    public static IServiceCollection AddLibrary(this IServiceCollection services, IConfiguration configuration)
    {
        var megabytes = configuration.GetValue<long?>(MaxUploadSetting) ?? 100;
        if (megabytes is < 1 or > 4096)
            throw new Data.PolisConfigurationException(MaxUploadSetting, $"{megabytes} is out of range; use 1 to 4096 (megabytes).");
        services.AddSingleton(new IngestLimits(MaxBytes: megabytes * 1024 * 1024));
        services.AddSingleton<BlobStore>();
        services.AddScoped<SaveDocument>();
        services.AddScoped<UploadFile>();
        services.AddScoped<DocumentQueries>();
        services.AddScoped<SearchLibrary>();
        services.AddScoped<ISearchSource, LibrarySearchSource>();
        services.AddScoped<IHoldingsSource, LibraryHoldings>();
        return services;
    }

    public static IEndpointRouteBuilder MapLibrary(this IEndpointRouteBuilder app)
    {
        app.MapLibraryApi();
        return app;
    }
}

internal sealed class LibraryHoldings(Data.PolisDb db) : IHoldingsSource
{
    public async Task<Holding> CountAsync(Accounts.Contracts.Viewer viewer, CancellationToken ct) =>
        new("documents", await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            Accounts.Contracts.AccessRule.VisibleTo(db.Set<Document>(), viewer), ct), Text.HomeDocuments);
}
