using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Polis.Accounts.Contracts;
using Polis.Search;
using Polis.Searching.Contracts;

namespace Polis.Searching;

/// <summary>The combined search's answer: hits of every kind (each with its kind and page), the count per kind, the query translation used.</summary>
public sealed record CombinedSearchResponse(string Query, string? Kind, long Total, int Page, int PageSize, IReadOnlyList<CombinedHit> Hits,
    IReadOnlyList<KindCount> Kinds, IReadOnlyList<TermTranslation> Translations, string? Error);

/// <summary>One search box for every module: <c>GET /api/v1/search</c> and the page <c>/search</c> read the same request.</summary>
internal static class SearchApi
{
    public const string Root = "/api/v1/search";

    public static void MapSearchApi(this IEndpointRouteBuilder app) =>
        app.MapGet(Root, Search).WithTags("Search").RequireAuthorization(AccountPermissions.Public)
            .WithSummary("One search across the library's documents and the activities (every module's records), in every language: each hit names its kind (library, activities) and links to its page; kinds counts the matches per kind; kind=library or kind=activities keeps one kind. Only records the caller may read are counted or returned.");

    private static async Task<Results<Ok<CombinedSearchResponse>, ValidationProblem>> Search(string? q, string? kind, int? page, int? pageSize, bool? translate,
        ISearchService search, [FromServices] IEnumerable<ISearchSource> sources, Viewer viewer, CancellationToken ct)
    {
        var request = Request(q, kind, page, pageSize, translate);
        if (request.Kind is { } k && !sources.Any(s => s.Module == k))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["kind"] = [string.Format(CultureInfo.CurrentCulture, Text.SearchUnknownKind, k, string.Join(", ", sources.Select(s => s.Module)))],
            });
        return TypedResults.Ok(Response(request, await search.SearchAllAsync(request, viewer, ct)));
    }

    /// <summary>The request as the API and the page read it: text at most 2,000 characters, page 1..1000, page size 1..100.</summary>
    public static CombinedSearch Request(string? q, string? kind, int? page, int? pageSize, bool? translate)
    {
        var text = (q ?? "").Trim();
        if (text.Length > 2000) text = text[..2000];
        return new CombinedSearch(text)
        {
            Kind = string.IsNullOrWhiteSpace(kind) ? null : kind.Trim(),
            Page = Math.Clamp(page ?? 1, 1, 1000),
            PageSize = Math.Clamp(pageSize ?? 20, 1, 100),
            Translate = translate ?? true,
            UiLanguage = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
        };
    }

    public static CombinedSearchResponse Response(CombinedSearch request, CombinedSearchResults results) =>
        new(request.Text, request.Kind, results.Total, request.Page, request.PageSize, results.Hits, results.Kinds, results.Translations, results.Error);
}
