namespace Polis.Search;

/// <summary>Which resources translate query words (for the search, and for the cross-language evaluation).</summary>
public sealed record TranslationResources
{
    /// <summary>Everything available: glossary, dictionaries, pivots.</summary>
    public static TranslationResources All { get; } = new();

    /// <summary>The policing glossary.</summary>
    public bool Glossary { get; init; } = true;

    /// <summary>Direct bilingual dictionaries of the lexicon (when a lexicon is loaded).</summary>
    public bool Dictionaries { get; init; } = true;

    /// <summary>Terms of Debian's software translation catalogs (when the lexicon was built with them).</summary>
    public bool Software { get; init; } = true;

    /// <summary>Translations chained through German or Polish (when a lexicon is loaded).</summary>
    public bool Pivots { get; init; } = true;

    /// <summary>
    /// Pivots only for target languages that no glossary entry or direct dictionary covered for the word. Off: measured
    /// on three collections it lost 0.01–0.05 recall@10 in most pairs (the pivots' extra senses find more than they cost);
    /// with the software catalogs it raised content words but cost titles (issue 20, thirteenth part), so by default such
    /// pivots are searched in titles only, at a tenth of their weight, instead.
    /// </summary>
    public bool PivotsOnlyWithoutDirect { get; init; }

    /// <summary>German words not translated as a whole are split into parts that translate.</summary>
    public bool GermanCompounds { get; init; } = true;
}

// The translation a query gets: at each position the policing glossary first (its multi-word terms are the field's
// own vocabulary and win over word-by-word dictionary senses), then the lexicon's direct dictionaries, then its pivots,
// for the stems no multi-word glossary term covered. A one-word glossary term gives the word's policing sense, not its
// only one (запрос is a request for assistance, and a database's query): the lexicon's senses of the word are added
// after it, and weigh less (issue 20: +0.003 to +0.017 recall@10 in 17 of 30 cells, −0.003 to −0.007 in 5, titles
// and content words alike, on three collections). The lexicon is optional: without it (not built, corrupt) the glossary
// still translates, and the caller says why the lexicon is missing.
internal sealed class QueryTranslator(ITermTranslator? glossary, Func<ITermTranslator?> lexicon, TranslationResources resources)
    : ITermTranslator
{
    public TranslationResources Resources => resources;

    // The lexicon of the moment (LexiconSource replaces it when its file changes).
    public object? Generation => lexicon();

    public IReadOnlyList<TermMatch> Translate(string sourceLanguage, IReadOnlyList<string> stems) => Translate(sourceLanguage, stems, null);

    public IReadOnlyList<TermMatch> Translate(string sourceLanguage, IReadOnlyList<string> stems, IReadOnlyList<string>? words)
    {
        var glossaryMatches = resources.Glossary && glossary is not null ? glossary.Translate(sourceLanguage, stems, words) : [];
        var dictionary = resources.Dictionaries || resources.Pivots ? lexicon() : null;
        if (dictionary is null)
        {
            return glossaryMatches;
        }
        var covered = new bool[stems.Count];
        foreach (var match in glossaryMatches)
        {
            // A one-word glossary term is one sense of a common word (запрос → request, not query): the dictionaries'
            // senses of the word stay beside it, weighed below it.
            if (match.StemCount == 1)
            {
                continue;
            }
            for (var k = match.FirstStem; k < match.FirstStem + match.StemCount; k++)
            {
                covered[k] = true;
            }
        }
        var result = new List<TermMatch>(glossaryMatches);
        foreach (var match in dictionary.Translate(sourceLanguage, stems))
        {
            var wanted = match.Source switch
            {
                TranslationSource.Dictionary => resources.Dictionaries,
                TranslationSource.Pivot => resources.Pivots,
                TranslationSource.Software => resources.Software,
                _ => true,
            };
            if (!wanted || Overlaps(covered, match))
            {
                continue;
            }
            result.Add(match);
        }
        return result;
    }

    private static bool Overlaps(bool[] covered, TermMatch match)
    {
        for (var k = match.FirstStem; k < match.FirstStem + match.StemCount; k++)
        {
            if (covered[k])
            {
                return true;
            }
        }
        return false;
    }
}
