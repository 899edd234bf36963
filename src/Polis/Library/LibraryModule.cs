using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polis.Home;
using Polis.Ingest;
using Polis.Searching.Contracts;

namespace Polis.Library;

public static class LibraryModule
{
    public const string MaxUploadSetting = "Polis:Library:MaxUploadMegabytes";
    /// <summary>The executive structure that owns imported documents issued by a decision-making body (default SEC, the Secretariat).</summary>
    public const string DefaultOwnerSetting = "Polis:Library:DefaultOwner";

    public static IServiceCollection AddLibrary(this IServiceCollection services, IConfiguration configuration)
    {
        var megabytes = configuration.GetValue<long?>(MaxUploadSetting) ?? 100;
        if (megabytes is < 1 or > 4096)
            throw new Data.PolisConfigurationException(MaxUploadSetting, $"{megabytes} is out of range; use 1 to 4096 (megabytes).");
        services.AddSingleton(new IngestLimits(MaxBytes: megabytes * 1024 * 1024));
        services.AddSingleton<BlobStore>();
        var owner = configuration[DefaultOwnerSetting] is { Length: > 0 } o ? o.Trim().ToUpperInvariant() : "SEC";
        if (owner.Length > 32 || owner.Any(char.IsWhiteSpace))
            throw new Data.PolisConfigurationException(DefaultOwnerSetting, $"'{owner}' is not an executive structure code.");
        services.AddSingleton(new Import.ImportSettings(owner));
        services.AddScoped<SaveDocument>();
        services.AddScoped<UploadFile>();
        services.AddScoped<Import.ImportDocuments>();
        services.AddScoped<Import.DemoLibrary>();
        services.AddScoped<DocumentQueries>();
        services.AddScoped<SearchLibrary>();
        services.AddScoped<ISearchSource, LibrarySearchSource>();
        services.AddScoped<IHoldingsSource, LibraryHoldings>();
        return services;
    }

    public static IEndpointRouteBuilder MapLibrary(this IEndpointRouteBuilder app)
    {
        app.MapLibraryApi();
        Harvesting.HarvestingEndpoints.MapHarvesting(app);
        return app;
    }
}

internal sealed class LibraryHoldings(Data.PolisDb db) : IHoldingsSource
{
    public async Task<Holding> CountAsync(Viewer viewer, CancellationToken ct) =>
        new("documents", await db.Set<Document>().VisibleTo(viewer).CountAsync(ct), Text.HomeDocuments);
}
