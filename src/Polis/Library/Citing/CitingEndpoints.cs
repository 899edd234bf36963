using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Polis.Accounts.Contracts;
using Polis.Data;

namespace Polis.Library.Citing;

/// <summary>The organisation named as publisher in citations (<c>Polis:Library:Publisher</c>, default OSCE).</summary>
public sealed record CitationSettings(string Publisher)
{
    public const string PublisherSetting = "Polis:Library:Publisher";

    public static CitationSettings From(IConfiguration configuration)
    {
        var publisher = configuration[PublisherSetting] is { Length: > 0 } p ? p.Trim() : "OSCE";
        if (publisher.Length > 200)
            throw new PolisConfigurationException(PublisherSetting, "the publisher's name is longer than 200 characters.");
        return new CitationSettings(publisher);
    }
}

/// <summary>Builds a document's citation through the access rule: what the viewer may not read has none.</summary>
public sealed class Citations(DocumentQueries queries, PermanentLinks links, CitationSettings settings)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public async Task<CitationRecord?> GetAsync(Guid id, Viewer viewer, string site, CancellationToken ct)
    {
        if (await queries.GetAsync(id, viewer, ct) is not { } d) return null;
        var shortId = await links.ShortIdAsync(d.Id, ct);
        var key = d.Symbol is { } s ? string.Concat(s.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-')) : "polis-" + shortId;
        var genre = Text.ResourceManager.GetString("Type_" + d.Type, English) ?? d.Type.ToString();
        return new CitationRecord(key, d.Title, d.IssuingBody, d.Type, genre, d.Symbol, d.PublishedOn,
            d.Editions.Count > 0 ? d.Editions[0].Language : null, d.Series, d.Volume, settings.Publisher, site + PermanentLinks.PathFor(shortId));
    }
}

internal static class CitingEndpoints
{
    public static void MapCiting(this IEndpointRouteBuilder app)
    {
        // Permanent links are for people and pages, not part of the JSON API.
        app.MapGet("/d/{id:guid}", (Guid id, PermanentLinks links, Viewer viewer, CancellationToken ct) => Follow(id.ToString(), links, viewer, ct))
            .RequireAuthorization(AccountPermissions.Public).ExcludeFromDescription();
        app.MapGet("/d/{**key}", (string? key, PermanentLinks links, Viewer viewer, CancellationToken ct) => Follow(key, links, viewer, ct))
            .RequireAuthorization(AccountPermissions.Public).ExcludeFromDescription();

        var documents = app.MapGroup("/library/documents/{id:guid}").WithTags("Library");
        documents.MapGet("/cite.bib", (Guid id, Citations citations, Viewer viewer, HttpContext http, CancellationToken ct) =>
                AnswerAsync(id, citations, viewer, http, CitationFormats.BibTex, CitationFormats.BibTexMediaType, "bib", ct))
            .RequireAuthorization(AccountPermissions.Public).Produces<string>(StatusCodes.Status200OK, CitationFormats.BibTexMediaType).Produces(StatusCodes.Status404NotFound)
            .WithSummary("The document's citation in BibTeX (UTF-8; the issuing body as institutional author, the symbol as number, the permanent link as url). 404 when it does not exist or the caller may not read it.");
        documents.MapGet("/cite.ris", (Guid id, Citations citations, Viewer viewer, HttpContext http, CancellationToken ct) =>
                AnswerAsync(id, citations, viewer, http, CitationFormats.Ris, CitationFormats.RisMediaType, "ris", ct))
            .RequireAuthorization(AccountPermissions.Public).Produces<string>(StatusCodes.Status200OK, CitationFormats.RisMediaType).Produces(StatusCodes.Status404NotFound)
            .WithSummary("The document's citation in RIS, for reference managers (Zotero, EndNote, Mendeley). 404 when it does not exist or the caller may not read it.");
        documents.MapGet("/cite.json", (Guid id, Citations citations, Viewer viewer, HttpContext http, CancellationToken ct) =>
                AnswerAsync(id, citations, viewer, http, CitationFormats.CslJson, CitationFormats.CslJsonMediaType, "json", ct))
            .RequireAuthorization(AccountPermissions.Public).Produces<List<Dictionary<string, System.Text.Json.JsonElement>>>(StatusCodes.Status200OK, CitationFormats.CslJsonMediaType).Produces(StatusCodes.Status404NotFound)
            .WithSummary("The document's citation in CSL-JSON (an array of one item), for citeproc and Citation Style Language processors. 404 when it does not exist or the caller may not read it.");
    }

    private static async Task<Results<RedirectHttpResult, NotFound>> Follow(string? key, PermanentLinks links, Viewer viewer, CancellationToken ct) =>
        await links.ResolveAsync(key, viewer, ct) is { } id
            ? TypedResults.Redirect($"/library/documents/{id}")
            : TypedResults.NotFound();

    private static async Task<Results<ContentHttpResult, NotFound>> AnswerAsync(Guid id, Citations citations, Viewer viewer, HttpContext http,
        Func<CitationRecord, string> format, string mediaType, string extension, CancellationToken ct)
    {
        var site = Harvesting.HarvestingEndpoints.SiteUrl(http.Request);
        if (await citations.GetAsync(id, viewer, site, ct) is not { } citation) return TypedResults.NotFound();
        http.Response.Headers.ContentDisposition = $"inline; filename=\"{citation.Key}.{extension}\"";
        return TypedResults.Text(format(citation), mediaType + "; charset=utf-8");
    }
}
