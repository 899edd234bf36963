using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Polis.Accounts.Contracts;
using Polis.Search;

namespace Polis.Searching.Contracts;

/// <summary>
/// What a module declares to make its records searchable, and nothing else: the save itself records changes in the
/// outbox (through <see cref="RecordOf"/>), one background indexer brings the index up to date, and
/// <see cref="ISearchService"/> answers queries through the access rule. The module sets
/// <see cref="SearchDocument.AccessKeys"/> from <see cref="AccessRule.RecordKeys(IRestricted)"/>.
/// </summary>
public interface ISearchSource
{
    /// <summary>The module name stored with each search document (e.g. "library").</summary>
    string Module { get; }

    /// <summary>The module's facets, in display order: the one list the index, the API, the page and the OpenAPI description use.</summary>
    IReadOnlyList<SearchFacet> Facets { get; }

    /// <summary>The id of the searchable record a changed entity belongs to (a document for its edition or file), or null.</summary>
    string? RecordOf(EntityEntry entry);

    /// <summary>The search form of a record, or null when it is gone. Called by the indexer as the system.</summary>
    Task<SearchDocument?> LoadAsync(string id, CancellationToken ct);

    /// <summary>
    /// The search forms of several records at once (the indexer's batches after an import); records that are gone are
    /// absent from the answer. The default loads them one by one; a module overrides it with one query.
    /// </summary>
    async Task<IReadOnlyDictionary<string, SearchDocument>> LoadManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var found = new Dictionary<string, SearchDocument>(StringComparer.Ordinal);
        foreach (var id in ids)
            if (await LoadAsync(id, ct) is { } document) found[id] = document;
        return found;
    }

    /// <summary>Every record, for a full re-index.</summary>
    IAsyncEnumerable<SearchDocument> LoadAllAsync(CancellationToken ct);

    /// <summary>Which of these records the database shows the viewer (the re-check of hits).</summary>
    Task<IReadOnlySet<string>> VisibleAsync(IReadOnlyCollection<string> ids, Viewer viewer, CancellationToken ct);

    /// <summary>What one of the module's records is called in the combined search ("Library document"), in the reader's language.</summary>
    string KindLabel { get; }

    /// <summary>The page of a record (a path of this site), where a hit of the combined search links to.</summary>
    string PathOf(string id);
}

/// <summary>A facet: the field in the index and query string, and its label in the reader's language.</summary>
public sealed record SearchFacet(string Field, Func<string> Label);

/// <summary>Search in one module's records, on behalf of a viewer.</summary>
public interface ISearchService
{
    /// <summary>
    /// Runs the query with the viewer's access keys, then checks every hit against the database; when the index lags
    /// a change, it catches up and asks again, so hits, totals and facets agree with what the viewer may read.
    /// </summary>
    Task<SearchResults> SearchAsync(ModuleSearch search, Viewer viewer, CancellationToken ct);

    /// <summary>
    /// One search across every module's records (library documents, activities, …) with the same guarantees: the
    /// viewer's access keys in the index, then each hit re-checked by its own module's source, so that hits, the total
    /// and the count per kind leave out what the viewer may not read.
    /// </summary>
    Task<CombinedSearchResults> SearchAllAsync(CombinedSearch search, Viewer viewer, CancellationToken ct);

    /// <summary>
    /// Indexes every pending change now and compacts the index after a large batch: for commands and seeding, never
    /// for a user's request (requests get read-your-writes from the save itself). False when another process holds the index.
    /// </summary>
    Task<bool> CatchUpAsync(CancellationToken ct);

    /// <summary>
    /// Indexes every pending change now and, when any came since the last compaction, compacts the index once: the end
    /// of a bulk load such as an import (which writes in batches and leaves the index to this one call). False when
    /// another process holds the index (a running server then indexes the changes and compacts once they stop coming).
    /// </summary>
    Task<bool> CatchUpAndCompactAsync(CancellationToken ct);

    /// <summary>
    /// The outbox rows that <paramref name="db"/>'s last save wrote for these records of <paramref name="module"/>: a bulk
    /// writer (an import) indexes what it saved itself (<see cref="IndexSavedAsync"/>) and hands them back to be removed.
    /// </summary>
    IReadOnlyList<long> SavedOutboxRows(DbContext db, string module, IReadOnlySet<string> recordIds);

    /// <summary>
    /// Adds records a bulk writer has just saved to the index, built from the records it holds (not loaded again), without
    /// an index commit: an import indexes each saved batch while it stages the next. The next catch-up
    /// (<see cref="CatchUpAndCompactAsync"/>, at the import's end) commits them once and then removes
    /// <paramref name="outboxRows"/> (theirs, from <see cref="SavedOutboxRows"/>); a crash before leaves the rows, and the
    /// next catch-up indexes them again. False when another process holds the index: the rows stay for it.
    /// </summary>
    Task<bool> IndexSavedAsync(IReadOnlyCollection<SearchDocument> documents, IReadOnlyCollection<long> outboxRows, CancellationToken ct);
}

/// <summary>A search in one module: text, facet filters (field → values), order and page.</summary>
public sealed record ModuleSearch(string Module, string Text)
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public SearchSort Sort { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
    public bool Translate { get; init; } = true;
    public string? UiLanguage { get; init; }
}

/// <summary>
/// Endpoint metadata: the endpoint takes one repeatable query parameter per facet (e.g. <c>type=Report&amp;type=Decision</c>);
/// the OpenAPI description lists them from here, so the facet list is written once.
/// </summary>
public sealed record SearchFacetParameters(IReadOnlyList<SearchFacet> Facets)
{
    /// <summary>The facet filters present in a query string: field → distinct non-blank values (at most 20 each).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Read(Microsoft.AspNetCore.Http.IQueryCollection query)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var facet in Facets)
        {
            var values = query[facet.Field].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim())
                .Distinct(StringComparer.Ordinal).Take(20).ToList();
            if (values.Count > 0) filters[facet.Field] = values;
        }
        return filters;
    }
}

/// <summary>A search across every module: text, optionally one kind (a module name), page and translation.</summary>
public sealed record CombinedSearch(string Text)
{
    /// <summary>Only this module's records ("library", "activities"); null for every kind.</summary>
    public string? Kind { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
    public bool Translate { get; init; } = true;
    public string? UiLanguage { get; init; }
}

/// <summary>One hit of the combined search: the record, its kind (module and label) and the page it links to.</summary>
/// <param name="Id">The record's id in its module.</param>
/// <param name="Kind">The module the record belongs to ("library", "activities").</param>
/// <param name="KindLabel">What the kind is called, in the reader's language.</param>
/// <param name="Url">The record's page on this site.</param>
/// <param name="Title">The title in the language that matched best.</param>
/// <param name="Language">That language.</param>
/// <param name="Date">The record's date (a document's publication, an activity's start), if any.</param>
/// <param name="Snippet">A short passage around the matches.</param>
public sealed record CombinedHit(string Id, string Kind, string KindLabel, string Url, string Title, string Language, DateOnly? Date,
    IReadOnlyList<SnippetPart> Snippet);

/// <summary>How many matching records of one kind the viewer may read.</summary>
public sealed record KindCount(string Kind, string Label, long Count);

/// <summary>One page of the combined search.</summary>
/// <param name="Total">Every matching record the viewer may read, of the chosen kind (or of every kind).</param>
/// <param name="Hits">The page, best first.</param>
/// <param name="Kinds">Matching records per kind (the kind facet), whatever kind is chosen.</param>
/// <param name="Translations">Query terms translated to search other languages.</param>
/// <param name="Error">A short message when the query could not be used; the result is then empty.</param>
public sealed record CombinedSearchResults(long Total, IReadOnlyList<CombinedHit> Hits, IReadOnlyList<KindCount> Kinds,
    IReadOnlyList<TermTranslation> Translations, string? Error);
