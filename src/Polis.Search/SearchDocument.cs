namespace Polis.Search;

/// <summary>One language edition of an indexed record.</summary>
/// <param name="Language">ISO 639-1 code ("en", "ru", "fr", "de", "es", others); decides the analyzer.</param>
/// <param name="Title">The edition's title.</param>
/// <param name="Summary">An optional abstract, searched with a higher weight than the body.</param>
/// <param name="Body">The full text.</param>
public sealed record SearchText(string Language, string Title, string? Summary, string Body);

/// <summary>A record that a module hands to the search index. Polis.Search knows no module.</summary>
/// <param name="Id">Unique across modules (a Guid string); indexing the same Id again replaces the document.</param>
/// <param name="Module">The owning module, e.g. "library"; queries can be limited to one module.</param>
/// <param name="Symbol">Official document symbol such as "MC.DEC/3/05", found exactly in any letter case.</param>
/// <param name="Texts">One entry per language edition of the record.</param>
/// <param name="Date">The date used for sorting by date.</param>
/// <param name="Facets">Facet values by facet name, e.g. "type" → ["guidebook"]; used for filters and counts.</param>
/// <param name="AccessKeys">Opaque keys: a viewer sees the document if and only if it holds one of them.</param>
public sealed record SearchDocument(
    string Id,
    string Module,
    string? Symbol,
    IReadOnlyList<SearchText> Texts,
    DateOnly? Date,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Facets,
    IReadOnlyList<string> AccessKeys);
