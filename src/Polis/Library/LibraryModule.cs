using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Home.Contracts;
using Polis.Ingest;
using Polis.Platform;
using Polis.Searching.Contracts;

namespace Polis.Library;

/// <summary>The digital library: documents in language editions, files, search, citations, OAI-PMH and Atom.</summary>
public sealed partial class LibraryModule : PolisModule
{
    public const string MaxUploadSetting = "Polis:Library:MaxUploadMegabytes";
    /// <summary>The executive structure that owns imported documents issued by a decision-making body (default SEC, the Secretariat).</summary>
    public const string DefaultOwnerSetting = "Polis:Library:DefaultOwner";

    public override string Name => "library";

    public override IReadOnlyDictionary<string, string[]> Permissions => LibraryPermissions.Roles;

    public override void AddServices(ModuleServices module)
    {
        var megabytes = module.Configuration.GetValue<long?>(MaxUploadSetting) ?? 100;
        if (megabytes is < 1 or > 4096)
            throw new Data.PolisConfigurationException(MaxUploadSetting, $"{megabytes} is out of range; use 1 to 4096 (megabytes).");
        // Larger requests get 413 before any byte is stored.
        module.AcceptUploadsUpTo(megabytes);
        _ = Harvesting.HarvestingSettings.From(module.Configuration);   // checked at start, before anything is served
        var services = module.Services;
        services.AddSingleton(ExtractionSettings.From(module.Configuration, megabytes));
        services.AddSingleton<BlobStore>();
        services.AddSingleton(OrphanSweepSettings.From(module.Configuration));
        services.AddSingleton<BlobSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<BlobSweeper>());
        var owner = module.Configuration[DefaultOwnerSetting] is { Length: > 0 } o ? o.Trim().ToUpperInvariant() : "SEC";
        if (owner.Length > 32 || owner.Any(char.IsWhiteSpace))
            throw new Data.PolisConfigurationException(DefaultOwnerSetting, $"'{owner}' is not an executive structure code.");
        services.AddSingleton(new Import.ImportSettings(owner));
        services.AddScoped<SaveDocument>();
        services.AddScoped<UploadFile>();
        services.AddScoped<DescribeEdition>();
        services.AddScoped<DocumentLifecycle>();
        services.AddScoped<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, Harvesting.OaiTombstoneInterceptor>();
        services.AddScoped<Import.ImportDocuments>();
        services.AddScoped<Import.DemoLibrary>();
        services.AddScoped<DocumentQueries>();
        services.AddSingleton<HitFactsCache>();
        services.AddSingleton<DocumentVisibility>();
        services.AddScoped<DownloadCounts>();
        services.AddSingleton(s => new PdfPreviews(s.GetRequiredService<BlobStore>(), s.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PdfPreviews>>()));
        services.AddSingleton(Citing.CitationSettings.From(module.Configuration));
        services.AddScoped<Citing.PermanentLinks>();
        services.AddScoped<Citing.Citations>();
        services.AddScoped<SearchLibrary>();
        services.AddScoped<ISearchSource, LibrarySearchSource>();
        services.AddScoped<IHoldingsSource, LibraryHoldings>();
        services.AddScoped<Contracts.ILibraryCatalogue, LibraryCatalogue>();
    }

    /// <summary>
    /// The upload page reads its form here, before antiforgery and model binding do: a body over the limit then answers
    /// 413 with the limit (the error page shows it), not the 400 of a form that could not be read.
    /// </summary>
    public override void AfterAuthentication(IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsPost(request.Method) && request.HasFormContentType && context.User.Identity?.IsAuthenticated == true
                && request.Path.Value is { } path && UploadPage().IsMatch(path))
            {
                try
                {
                    await request.ReadFormAsync(context.RequestAborted);
                }
                catch (Exception e) when (e is InvalidDataException { Message: var m } && m.Contains("length limit", StringComparison.OrdinalIgnoreCase)
                    || e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
                {
                    var limits = context.RequestServices.GetRequiredService<IngestLimits>();
                    ErrorDetail.Set(context, string.Format(CultureInfo.CurrentCulture, Text.LibraryUploadTooLarge, limits.MaxBytes / 1024 / 1024));
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }
            }
            await next(context);
        });

    [GeneratedRegex("^/library/documents/[0-9a-fA-F-]{36}/upload/?$")]
    private static partial Regex UploadPage();

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapLibraryApi();
        Harvesting.HarvestingEndpoints.MapHarvesting(app);
        Citing.CitingEndpoints.MapCiting(app);
    }

    public override void ConfigurePages(PageConventionCollection pages) =>
        pages.AddPageRoute("/Library/Pages/Edit", "library/documents/new");

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/library", () => Text.NavLibrary, 10),
        new("/library/search", () => Text.NavSearch, 20),
    ];

    public override IEnumerable<ApiTag> ApiTags =>
        [new("Library", "The digital library: search across languages, documents, editions, files and citations.")];

    // The search page, the API and the browse page: they open the index, load the analyzers and compile the queries.
    public override IEnumerable<string> WarmUpPaths => ["/library/search?q=police", "/api/v1/library/search?q=police", "/library"];

    public override IEnumerable<string> PublicRoutes =>
    [
        "/api/v1/library/search", "/api/v1/library/documents/{id:guid}", "/library/files/{id:guid}", "/library/files/{id:guid}/preview",
        "/library", "/library/search", "/library/documents/{id:guid}", "/oai", "/library/feed.atom", "/library/feed",
        "/d/{id:guid}", "/d/{**key}", "/library/documents/{id:guid}/cite.bib", "/library/documents/{id:guid}/cite.ris",
        "/library/documents/{id:guid}/cite.json",
    ];

    public override IEnumerable<Command> Commands(CommandHost host) => [Import.ImportCommand.Create(host)];

    public override IEnumerable<string> TopLevelAliases => ["import"];

    public override async Task SeedAsync(SeedContext seed, CancellationToken ct)
    {
        if (!seed.Demo) return;
        var folder = seed.Configuration[Import.DemoLibrary.PathSetting] is { Length: > 0 } path
            ? Path.GetFullPath(path) : Import.DemoLibrary.DefaultPath;
        var report = await seed.Services.GetRequiredService<Import.DemoLibrary>().SeedAsync(folder, ct);
        seed.Report(report?.DocumentsCreated ?? 0, "demo documents");
    }

    public override async Task<AccessProbe?> CreateRestrictedMarkerAsync(IServiceProvider services, string marker, AccessGrant party, CancellationToken ct)
    {
        var save = services.GetRequiredService<SaveDocument>();
        var word = AccessProbe.SearchWord(marker);
        var input = new DocumentInput
        {
            Title = $"{marker} {word}",
            Summary = $"{marker} {word}",
            Keywords = [marker, word],
            Type = DocumentType.Report,
            Access = AccessLevel.Restricted,
            AllowedParties = [party.ToString()],
            Owner = party.OrganisationCode,
            Countries = ["KG"],
            Priorities = ["PoliceDevelopmentAndReform"],
            IssuingBody = "SPMU",
        };
        var created = await save.CreateAsync(input, Viewer.System, ct, PublicationState.Published);
        if (!created.Succeeded) throw new InvalidOperationException("marker not created: " + string.Join("; ", created.Errors.SelectMany(e => e.Value)));
        var id = created.Id!.Value;
        await using var text = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"{marker} {word}\n\nA restricted note about {word}.\n"));
        var uploaded = await services.GetRequiredService<UploadFile>().UploadAsync(id, "en", marker, text, "marker.txt", Viewer.System, ct);
        if (!uploaded.Succeeded) throw new InvalidOperationException("marker file not stored");
        var db = services.GetRequiredService<Data.PolisDb>();
        var fileId = await db.Set<StoredFile>().Where(f => db.Set<Edition>().Any(e => e.Id == f.EditionId && e.DocumentId == id))
            .Select(f => f.Id).FirstAsync(ct);
        return new AccessProbe([id.ToString(), fileId.ToString()],
        [
            "q=" + word, "q=" + word + "&translate=false", "verb=ListRecords&metadataPrefix=oai_dc", "verb=ListIdentifiers&metadataPrefix=oai_dc",
            $"verb=GetRecord&metadataPrefix=oai_dc&identifier={Harvesting.OaiPmh.IdentifierPrefix}{id}", "verb=ListSets",
        ]);
    }
}

internal sealed class LibraryHoldings(Data.PolisDb db) : IHoldingsSource
{
    public async Task<Holding> CountAsync(Viewer viewer, CancellationToken ct) =>
        new("documents", await db.Set<Document>().VisibleTo(viewer).CountAsync(ct), Text.HomeDocuments);
}
