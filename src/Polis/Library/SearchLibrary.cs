using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Search;
using Polis.Searching;

namespace Polis.Library;

/// <summary>What a reader asks the library: the same record binds the search page's query string and the API's.</summary>
public sealed record LibrarySearchRequest
{
    /// <summary>Words, "a phrase", a prefix (polic*) or a document symbol.</summary>
    public string? Q { get; init; }
    public string[]? Type { get; init; }
    public string[]? Language { get; init; }
    public string[]? Priority { get; init; }
    public string[]? Year { get; init; }
    public string[]? Body { get; init; }
    public string[]? Country { get; init; }
    public string[]? Series { get; init; }
    /// <summary>relevance (default), newest or oldest.</summary>
    public string? Sort { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }
    /// <summary>false turns cross-language query translation off.</summary>
    public bool? Translate { get; init; }
}

/// <summary>Search results with the facet counts and the explanation of what was translated.</summary>
public sealed record LibrarySearchResponse(string Query, long Total, int Page, int PageSize, IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets, IReadOnlyList<TermTranslation> Translations, string? Error);

/// <summary>Searches the library through the access rule: the index filters by the viewer's keys, and each hit is checked again against the database.</summary>
public sealed class SearchLibrary(SearchIndexHolder index, PolisDb db)
{
    public static readonly string[] FacetFields = ["type", "language", "priority", "year", "body", "country", "series"];

    public async Task<LibrarySearchResponse> SearchAsync(LibrarySearchRequest request, Viewer viewer, string uiLanguage, CancellationToken ct)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        void Filter(string field, string[]? values)
        {
            var v = (values ?? []).Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x.Trim()).Distinct(StringComparer.Ordinal).Take(20).ToList();
            if (v.Count > 0) filters[field] = v;
        }
        Filter("type", request.Type);
        Filter("language", request.Language);
        Filter("priority", request.Priority);
        Filter("year", request.Year);
        Filter("body", request.Body);
        Filter("country", request.Country);
        Filter("series", request.Series);
        var text = (request.Q ?? "").Trim();
        if (text.Length > 2000) text = text[..2000];
        var query = new SearchQuery(text)
        {
            Filters = filters,
            ViewerKeys = AccessRule.ViewerKeys(viewer),
            Module = LibrarySearchSource.ModuleName,
            FacetFields = FacetFields,
            Sort = request.Sort switch { "newest" => SearchSort.DateDescending, "oldest" => SearchSort.DateAscending, _ => SearchSort.Relevance },
            Page = Math.Clamp(request.Page ?? 1, 1, 1000),
            PageSize = Math.Clamp(request.PageSize ?? 20, 1, 100),
            Translate = request.Translate ?? true,
            UiLanguage = uiLanguage,
        };
        var results = await index.Value.SearchAsync(query, ct);

        // Defence in depth: a hit the database does not show this viewer is dropped (the index may lag a change by moments).
        var ids = results.Hits.Select(h => Guid.TryParse(h.Id, out var g) ? g : Guid.Empty).ToList();
        var visible = (await db.Set<Document>().VisibleTo(viewer).Where(d => ids.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct)).ToHashSet();
        var hits = results.Hits.Where(h => Guid.TryParse(h.Id, out var g) && visible.Contains(g)).ToList();
        return new LibrarySearchResponse(text, results.Total, query.Page, query.PageSize, hits, results.Facets, results.Translations, results.Error);
    }
}
