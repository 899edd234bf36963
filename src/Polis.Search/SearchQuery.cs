using System.Collections.ObjectModel;

namespace Polis.Search;

/// <summary>The order of search hits.</summary>
public enum SearchSort
{
    /// <summary>Best match first.</summary>
    Relevance,

    /// <summary>Newest first; documents without a date last.</summary>
    DateDescending,

    /// <summary>Oldest first; documents without a date last.</summary>
    DateAscending,
}

/// <summary>A search request. The text is parsed leniently: a malformed query never throws.</summary>
/// <param name="Text">
/// User text: words (all must match for the best rank, but any may match), "quoted phrases", prefixes (<c>polic*</c>),
/// exclusions (<c>-word</c>), and document symbols (<c>MC.DEC/3/05</c>). Empty text or <c>*</c> lists every visible document.
/// </param>
public sealed record SearchQuery(string Text)
{
    /// <summary>Facet filters: AND across facet names, OR within the values of one facet.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } =
        ReadOnlyDictionary<string, IReadOnlyList<string>>.Empty;

    /// <summary>
    /// Whose search this is: <see cref="SearchAccess.Keys"/> of the viewer, or <see cref="SearchAccess.Everything"/>
    /// said explicitly (administrators). Required: a query that forgets it does not compile.
    /// </summary>
    public required SearchAccess Access { get; init; }

    /// <summary>
    /// Documents left out whatever they match (by Id): records whose access changed in the database before the index
    /// caught up, so that hits, total and facets leave them out alike.
    /// </summary>
    public IReadOnlyCollection<string> ExcludeIds { get; init; } = [];

    /// <summary>Limits the search to one module's documents.</summary>
    public string? Module { get; init; }

    /// <summary>Facets to count over all matching documents.</summary>
    public IReadOnlyList<string> FacetFields { get; init; } = [];

    /// <summary>The order of hits.</summary>
    public SearchSort Sort { get; init; }

    /// <summary>1-based page number, clamped to 1..1000.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Hits per page, clamped to 1..100.</summary>
    public int PageSize { get; init; } = 20;

    /// <summary>Whether glossary terms of the query are translated to find documents in other languages.</summary>
    public bool Translate { get; init; } = true;

    /// <summary>The viewer's interface language: a hint for the query's language and the edition shown.</summary>
    public string? UiLanguage { get; init; }
}

/// <summary>What a search may see: documents holding one of the viewer's access keys, or (said explicitly) everything.</summary>
public sealed record SearchAccess
{
    private SearchAccess(IReadOnlyList<string>? keys) => ViewerKeys = keys;

    /// <summary>The viewer's keys; null only for <see cref="Everything"/>.</summary>
    public IReadOnlyList<string>? ViewerKeys { get; }

    /// <summary>No access filter: administrators and the system.</summary>
    public static SearchAccess Everything { get; } = new((IReadOnlyList<string>?)null);

    /// <summary>Documents holding one of these keys; an empty list sees nothing.</summary>
    public static SearchAccess Keys(IReadOnlyList<string> keys) => new(keys ?? throw new ArgumentNullException(nameof(keys)));
}
