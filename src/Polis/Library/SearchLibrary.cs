using Polis.Accounts.Contracts;
using Polis.Search;
using Polis.Searching.Contracts;

namespace Polis.Library;

/// <summary>What a reader asks the library: the search page's query string and the API's bind to it.</summary>
public sealed record LibrarySearchRequest
{
    /// <summary>Words, "a phrase", a prefix (polic*) or a document symbol.</summary>
    public string? Q { get; init; }
    /// <summary>Facet filters (field → values), from <see cref="LibraryFacets"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
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

/// <summary>Searches the library through the search service, which applies the access rule and re-checks each hit.</summary>
public sealed class SearchLibrary(ISearchService search)
{
    public async Task<LibrarySearchResponse> SearchAsync(LibrarySearchRequest request, Viewer viewer, string uiLanguage, CancellationToken ct)
    {
        var text = (request.Q ?? "").Trim();
        if (text.Length > 2000) text = text[..2000];
        var query = new ModuleSearch(LibrarySearchSource.ModuleName, text)
        {
            Filters = request.Filters,
            Sort = request.Sort switch { "newest" => SearchSort.DateDescending, "oldest" => SearchSort.DateAscending, _ => SearchSort.Relevance },
            Page = Math.Clamp(request.Page ?? 1, 1, 1000),
            PageSize = Math.Clamp(request.PageSize ?? 20, 1, 100),
            Translate = request.Translate ?? true,
            UiLanguage = uiLanguage,
        };
        var results = await search.SearchAsync(query, viewer, ct);
        return new LibrarySearchResponse(text, results.Total, query.Page, query.PageSize, results.Hits, results.Facets, results.Translations,
            results.Error == Polis.Search.QueryErrors.NoWords ? Text.LibraryQueryNoWords : results.Error);
    }
}
