using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Library.Harvesting;

/// <summary>
/// The library's public records for machines: OAI-PMH 2.0 at /oai for harvesters (library catalogues, BASE,
/// Europeana-style aggregators) and an Atom feed at /library/feed.atom for feed readers. Both are XML described
/// by their own standards, so neither is in the JSON API's OpenAPI document.
/// </summary>
internal static class HarvestingEndpoints
{
    public static IEndpointRouteBuilder MapHarvesting(this IEndpointRouteBuilder app)
    {
        var settings = HarvestingSettings.From(app.ServiceProvider.GetRequiredService<IConfiguration>());

        // Harvesters POST forms without cookies or antiforgery tokens; the verbs only read public records.
        app.MapMethods("/oai", [HttpMethods.Get, HttpMethods.Post],
                (HttpContext http, PolisDb db, IReferenceDirectory reference, TimeProvider clock, IDataProtectionProvider keys, CancellationToken ct) =>
                    new OaiPmh(db, reference, clock, new ResumptionTokens(keys, clock), settings).AnswerAsync(http, ct))
            .RequireAuthorization(AccountPermissions.Public).DisableAntiforgery().AcceptsAccessTokenInQuery().ExcludeFromDescription();

        app.MapGet("/library/feed.atom",
                (HttpContext http, PolisDb db, IReferenceDirectory reference, TimeProvider clock, CancellationToken ct) =>
                    AtomFeed.AnswerAsync(http, db, reference, clock, ct))
            .RequireAuthorization(AccountPermissions.Public).AcceptsAccessTokenInQuery().ExcludeFromDescription();
        return app;
    }

    /// <summary>The site's public address (<see cref="Platform.PublicUrl"/>: Polis:PublicUrl, never an untrusted Host header).</summary>
    public static string SiteUrl(HttpRequest request) => request.HttpContext.RequestServices.GetRequiredService<Platform.PublicUrl>().For(request);

    public static string DocumentUrl(string site, Guid id) => $"{site}/library/documents/{id:D}";

    /// <summary>"2026-11-23T09:00:00Z": UTC to the second, the granularity OAI-PMH and RFC 3339 both accept.</summary>
    public static string Utc(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
}

/// <summary>
/// The records harvesters and feed readers see. A harvester is anonymous by definition, so this is the
/// access rule for <see cref="Viewer.Anonymous"/>, never for the viewer of the request: an administrator
/// pointing a harvester at Polis must not publish restricted records to an aggregator.
/// </summary>
internal static class PublicLibrary
{
    public static IQueryable<Document> Documents(PolisDb db) => db.Set<Document>().AsNoTracking().VisibleTo(Viewer.Anonymous);
}

internal sealed partial record HarvestingSettings(int PageSize, string AdminEmail)
{
    public const string PageSizeSetting = "Polis:Oai:PageSize";
    public const string AdminEmailSetting = "Polis:AdminEmail";

    public static HarvestingSettings From(IConfiguration configuration)
    {
        int pageSize;
        try
        {
            pageSize = configuration.GetValue<int?>(PageSizeSetting) ?? 100;
        }
        catch (InvalidOperationException)
        {
            throw new PolisConfigurationException(PageSizeSetting, $"'{configuration[PageSizeSetting]}' is not a number; use 1 to 1000 (records per OAI-PMH page).");
        }
        if (pageSize is < 1 or > 1000)
            throw new PolisConfigurationException(PageSizeSetting, $"{pageSize} is out of range; use 1 to 1000 (records per OAI-PMH page).");
        var email = configuration[AdminEmailSetting] is { Length: > 0 } e ? e.Trim() : "admin@polis.example";
        if (!Email().IsMatch(email))
            throw new PolisConfigurationException(AdminEmailSetting, $"'{email}' is not an e-mail address (OAI-PMH Identify publishes it as adminEmail).");
        return new HarvestingSettings(pageSize, email);
    }

    // The emailType pattern of OAI-PMH.xsd, anchored.
    [GeneratedRegex(@"^\S+@(\S+\.)+\S+\z")]
    private static partial Regex Email();
}
