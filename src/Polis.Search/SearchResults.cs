namespace Polis.Search;

/// <summary>A piece of a snippet: plain text, highlighted when it matched the query. Never HTML; the caller escapes it.</summary>
public sealed record SnippetPart(string Text, bool Highlighted);

/// <summary>One document found.</summary>
/// <param name="Id">The document's Id.</param>
/// <param name="Module">The owning module.</param>
/// <param name="Score">
/// Relevance of the hit to the query, for ordering only: comparable within one answer, not across queries or callers.
/// It is computed from the documents the caller may read (how many hold each word, how many there are), so it does
/// not change with records the caller cannot read; hits come best first.
/// </param>
/// <param name="Title">Title of the language edition that matched best.</param>
/// <param name="Language">Language of that edition.</param>
/// <param name="Symbol">The document symbol as indexed.</param>
/// <param name="Date">The document date.</param>
/// <param name="Snippet">A short passage around the matches, or the opening lines when nothing matched in the text.</param>
public sealed record SearchHit(
    string Id,
    string Module,
    float Score,
    string Title,
    string Language,
    string? Symbol,
    DateOnly? Date,
    IReadOnlyList<SnippetPart> Snippet);

/// <summary>How many matching documents carry a facet value.</summary>
public sealed record FacetCount(string Value, int Count);

/// <summary>A query term that was translated to search documents in another language.</summary>
/// <param name="Source">The words of the query that were translated.</param>
/// <param name="SourceLanguage">Their language.</param>
/// <param name="Targets">The equivalent terms searched in the target language.</param>
/// <param name="TargetLanguage">The target language.</param>
/// <param name="Resource">Where the translation comes from: the policing glossary, a dictionary, two dictionaries through a third language, or (Cognate) the word respelt in the other alphabet or with its ending written the English way, which matches words spelt alike.</param>
public sealed record TermTranslation(
    string Source, string SourceLanguage, IReadOnlyList<string> Targets, string TargetLanguage, TranslationSource Resource = TranslationSource.Glossary);

/// <summary>One page of results.</summary>
/// <param name="Total">All visible matching documents.</param>
/// <param name="Hits">The requested page.</param>
/// <param name="Facets">Counts per requested facet over all matching documents, by count then value, at most 50 per facet.</param>
/// <param name="Translations">Query terms translated (glossary, dictionaries, pivots) to search other languages.</param>
/// <param name="Error">A short message when the query could not be used; the result is then empty.</param>
public sealed record SearchResults(
    long Total,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets,
    IReadOnlyList<TermTranslation> Translations,
    string? Error)
{
    /// <summary>
    /// "Did you mean": the query with its misspelt words corrected from the words of the documents the caller may see,
    /// when the query found fewer than three of them and the corrected one finds more; otherwise null.
    /// </summary>
    public string? Suggestion { get; init; }

    /// <summary>
    /// When translation was on: the languages the query could be translated into, which are the languages the index
    /// holds editions in (kept current as documents are added and removed); no other language is searched. Empty when
    /// translation was off.
    /// </summary>
    public IReadOnlyList<string> TranslationLanguages { get; init; } = [];
}
