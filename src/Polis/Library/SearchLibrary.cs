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

/// <summary>
/// Search results with the facet counts and the explanation of what was translated. <c>Suggestion</c> is "did you
/// mean": the query with misspelt words corrected from the words of the documents the caller may read, when the query
/// found fewer than three and the corrected one finds more (null otherwise). <c>TranslatedInto</c>: when translation was
/// on, the languages a query may be translated into, which are the languages the library holds editions in (empty when off).
/// </summary>
public sealed record LibrarySearchResponse(string Query, long Total, int Page, int PageSize, IReadOnlyList<LibraryHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets, IReadOnlyList<TermTranslation> Translations, string? Error,
    string? Suggestion = null, IReadOnlyList<string>? TranslatedInto = null);

/// <summary>A language edition of a hit, with the link that opens the document in it.</summary>
public sealed record HitEdition(string Language, string Title, string Url);

/// <summary>
/// One document found: the index's hit (title and snippet of the edition that matched best) with what a reader looks
/// for in a list: the type, year, the editions in other languages, the file formats, and the access level.
/// <c>Title</c> is the title of the edition that matched best; <c>Access</c> the access level (anything but Public is
/// marked with a lock; only callers who may read the record get the hit at all); <c>Formats</c> the media types of the
/// document's files, each once (application/pdf, text/plain …).
/// </summary>
public sealed record LibraryHit(string Id, string Module, float Score, string Title, string Language, string? Symbol, DateOnly? Date,
    IReadOnlyList<SnippetPart> Snippet, DocumentType? Type, int? Year, AccessLevel? Access, IReadOnlyList<HitEdition> Editions, IReadOnlyList<string> Formats)
{
    /// <summary>The title of the edition in <paramref name="language"/>, if the document has one.</summary>
    public string? TitleIn(string language) => Editions.FirstOrDefault(e => e.Language == language)?.Title;
}

/// <summary>Searches the library through the search service, which applies the access rule and re-checks each hit.</summary>
public sealed class SearchLibrary(ISearchService search, DocumentQueries documents)
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
        var ids = new string[results.Hits.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = results.Hits[i].Id;
        var facts = await documents.HitFactsAsync(ids, viewer, ct);
        var hits = new LibraryHit[results.Hits.Count];
        for (var i = 0; i < hits.Length; i++)
        {
            var h = results.Hits[i];
            hits[i] = facts.GetValueOrDefault(h.Id) is { } f
                ? new LibraryHit(h.Id, h.Module, h.Score, h.Title, h.Language, h.Symbol, h.Date, h.Snippet, f.Type, f.Year ?? h.Date?.Year, f.Access,
                    f.Editions, f.Formats)
                : new LibraryHit(h.Id, h.Module, h.Score, h.Title, h.Language, h.Symbol, h.Date, h.Snippet, null, h.Date?.Year, null, [], []);
        }
        return new LibrarySearchResponse(text, results.Total, query.Page, query.PageSize, hits, results.Facets, results.Translations,
            results.Error == Polis.Search.QueryErrors.NoWords ? Text.LibraryQueryNoWords : results.Error, results.Suggestion,
            results.TranslationLanguages);
    }
}
