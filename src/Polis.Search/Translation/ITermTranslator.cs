namespace Polis.Search;

// Finds terms of an analysed query in some bilingual resource and returns their equivalents in other languages.
// Implementations: the policing glossary (GlossaryTranslator), the dictionary lexicon (Lexicon), and QueryTranslator,
// which puts them together in the order the search uses them.
internal interface ITermTranslator
{
    // stems: the query analysed with the source language's analyzer (stop words removed).
    // Matches cover consecutive stems; a longer match wins over the shorter ones inside it.
    IReadOnlyList<TermMatch> Translate(string sourceLanguage, IReadOnlyList<string> stems);

    // words: the query words the stems come from, one per stem, as typed (null: unknown). A translator may use them
    // where stems are too coarse (the glossary's one-word entries: "following" and "traces" share a Russian stem).
    IReadOnlyList<TermMatch> Translate(string sourceLanguage, IReadOnlyList<string> stems, IReadOnlyList<string>? words) =>
        Translate(sourceLanguage, stems);

    // What the search may do with the matches (pivots beside direct senses, German compound splitting).
    TranslationResources Resources => TranslationResources.All;

    // What the translations come from right now, compared by reference: a different object means that the same words
    // may translate differently now (a new lexicon file was loaded), so queries built before are built again
    // (BuiltQueries). Null for a translator that never changes.
    object? Generation => null;
}

/// <summary>Where a translation comes from, most trusted first.</summary>
public enum TranslationSource
{
    /// <summary>The shipped policing glossary.</summary>
    Glossary,

    /// <summary>A bilingual dictionary between the two languages (read in either direction).</summary>
    Dictionary,

    /// <summary>Two dictionaries chained through a third language (German or Polish).</summary>
    Pivot,

    /// <summary>
    /// No resource: the word respelt in the other alphabet (a borrowed word, "формат" → "format"), or a French, Spanish
    /// or German word with its international ending written the English way ("factorización" → "factorization"),
    /// matched to index words spelt alike.
    /// </summary>
    Cognate,

    /// <summary>
    /// The translated interface of Debian's software (gettext catalogs of GTK, GNOME, KDE … applications): the
    /// technical sense documentation uses ("minimize" → "свернуть").
    /// </summary>
    Software,
}

// The stems [FirstStem, FirstStem + StemCount) translate to Targets, written as in the resource (unanalysed), best
// first. Weights (0..1], one per target, say how sure the resource is (null: all 1); TargetStems, one per target,
// are the targets already analysed by the target language's analyzer (null: analyse Targets when building the query).
internal sealed record TermMatch(int FirstStem, int StemCount, string TargetLanguage, IReadOnlyList<string> Targets)
{
    public TranslationSource Source { get; init; } = TranslationSource.Glossary;

    public IReadOnlyList<float>? Weights { get; init; }

    public IReadOnlyList<string[]>? TargetStems { get; init; }

    // A Dictionary match of the secondary dictionary (Müller's, MuellerReader): general senses, searched as pivots are
    // (in titles only beside a direct sense, LuceneQueryBuilder.AddAlternatives).
    public bool Secondary { get; init; }

    // The glossary concepts matched (their ids in the glossary's first column); null for the lexicon's matches.
    public IReadOnlyList<string>? Concepts { get; init; }
}
