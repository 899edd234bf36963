using System.Collections.Frozen;

namespace Polis.Search;

// The policing glossary (Glossary/policing-glossary.tsv, embedded): one concept per line, a column per language,
// variants separated by " | ". Each variant is analysed once with its language's analyzer, so that "торговли людьми"
// in a query meets "торговля людьми" in the glossary as the same stems.
internal sealed class GlossaryTranslator : ITermTranslator
{
    public const string ResourceName = "Polis.Search.Glossary.policing-glossary.tsv";

    public static readonly IReadOnlyList<string> Languages = ["en", "ru", "fr", "de", "es"];

    private readonly Lazy<Glossary> glossary;

    public GlossaryTranslator(Func<TextReader> open, LanguageAnalyzers analyzers)
    {
        glossary = new Lazy<Glossary>(() =>
        {
            using var reader = open();
            return Glossary.Load(reader, analyzers);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static GlossaryTranslator Default { get; } = new(OpenEmbedded, LanguageAnalyzers.Shared);

    public int ConceptCount => glossary.Value.ConceptCount;

    public IReadOnlyList<TermMatch> Translate(string sourceLanguage, IReadOnlyList<string> stems) => Translate(sourceLanguage, stems, null);

    // An entry matches query words only when each of them and the entry's word at its place share a dictionary form
    // (Hunspell lemmas, or the same word): stems alone are too coarse ("следующий" and "следы" both stem to a form of
    // "след", "trafficking" and "trafficker" to "traffick", "second" and "secondment" to "second", "interpolation"
    // and "INTERPOL" to "interpol"). A word the Hunspell dictionary does not know, or a language whose dictionary is
    // not loaded, matches only when it differs from the entry's word by an inflection ending (ShortEndings).
    public IReadOnlyList<TermMatch> Translate(string sourceLanguage, IReadOnlyList<string> stems, IReadOnlyList<string>? words)
    {
        var entries = glossary.Value.EntriesFor(sourceLanguage);
        if (entries is null || stems.Count == 0)
        {
            return [];
        }
        var matches = new List<TermMatch>();
        var i = 0;
        while (i < stems.Count)
        {
            var length = 0;
            var concepts = new List<Concept>();
            if (entries.TryGetValue(stems[i], out var candidates))
            {
                foreach (var entry in candidates)   // longest first
                {
                    if (entry.Stems.Length < length)
                    {
                        break;
                    }
                    if (StartsAt(stems, i, entry.Stems) && SameWords(sourceLanguage, words, i, entry))
                    {
                        length = entry.Stems.Length;
                        if (!concepts.Contains(entry.Concept))
                        {
                            concepts.Add(entry.Concept);
                        }
                    }
                }
            }
            if (length == 0)
            {
                i++;
                continue;
            }
            foreach (var target in Languages)
            {
                if (target == sourceLanguage)
                {
                    continue;
                }
                var variants = concepts.SelectMany(c => c.Variants(target)).Distinct(StringComparer.Ordinal).ToList();
                if (variants.Count > 0)
                {
                    matches.Add(new TermMatch(i, length, target, variants) { Concepts = [.. concepts.Select(c => c.Id)] });
                }
            }
            i += length;
        }
        return matches;
    }

    // Whether the query words from stem `at` on are, word for word, the entry's words (see SameWord); true when the
    // query words are unknown (a caller that passes stems only).
    private static bool SameWords(string language, IReadOnlyList<string>? words, int at, Entry entry)
    {
        if (words is null || at + entry.Words.Length > words.Count)
        {
            return true;
        }
        for (var k = 0; k < entry.Words.Length; k++)
        {
            if (!SameWord(language, words[at + k], entry.Words[k]))
            {
                return false;
            }
        }
        return true;
    }

    // Whether a query word and a glossary word (with the same stem) share a dictionary form. When the dictionary knows
    // neither (names, jargon), whether they differ only by an inflection's ending; a word the dictionary knows is not
    // the inflection of another it lists ("proc" is not "procès").
    internal static bool SameWord(string language, string word, string variant)
    {
        if (string.Equals(word, variant, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var lowerWord = word.ToLowerInvariant();
        var lowerVariant = variant.ToLowerInvariant();
        var lemmatizer = Lemmatizer.Shared;
        if (!lemmatizer.Has(language))
        {
            return ShortEndings(language, lowerWord, lowerVariant);
        }
        var wordForms = lemmatizer.Lemmas(language, word);
        var variantForms = lemmatizer.Lemmas(language, variant);
        return wordForms.Contains(lowerVariant) || variantForms.Contains(lowerWord) || wordForms.Any(variantForms.Contains)
            || (wordForms.Count == 0 && variantForms.Count == 0 && !lemmatizer.Knows(language, word) && !lemmatizer.Knows(language, variant)
                && ShortEndings(language, lowerWord, lowerVariant));
    }

    // Without a dictionary form to compare, two words are one when they differ only after their common beginning by
    // endings an inflection could give: at most three letters in Russian ("преступлениями"), two elsewhere
    // ("traffickers"/"trafficker", not "trafficking"; "interpolation" is not "interpol").
    internal static bool ShortEndings(string language, string word, string variant)
    {
        var common = 0;
        while (common < word.Length && common < variant.Length && word[common] == variant[common])
        {
            common++;
        }
        var longest = language == "ru" ? 3 : 2;
        return common >= 3 && word.Length - common <= longest && variant.Length - common <= longest;
    }

    private static bool StartsAt(IReadOnlyList<string> stems, int at, string[] entry)
    {
        if (at + entry.Length > stems.Count)
        {
            return false;
        }
        for (var k = 0; k < entry.Length; k++)
        {
            if (!string.Equals(stems[at + k], entry[k], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    // Every word of the glossary's variants, by language, as written (for the language identifier).
    public static IEnumerable<(string Language, string Word)> Words()
    {
        using var reader = OpenEmbedded();
        string[]? header = null;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var cells = line.Split('\t');
            if (header is null)
            {
                header = cells;
                continue;
            }
            for (var c = 1; c < cells.Length && c < header.Length; c++)
            {
                foreach (var word in cells[c].Split([' ', '|', '-', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return (header[c], word);
                }
            }
        }
    }

    private static StreamReader OpenEmbedded()
    {
        var stream = typeof(GlossaryTranslator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded glossary {ResourceName} is missing.");
        return new StreamReader(stream);
    }

    private sealed class Concept(string id, Dictionary<string, List<string>> variants)
    {
        public string Id { get; } = id;

        public List<string> Variants(string language) => variants.GetValueOrDefault(language) ?? [];
    }

    // Stems: the variant analysed; Words: the written word of each stem, as in the variant.
    private sealed record Entry(string[] Stems, Concept Concept, string Variant, string[] Words);

    private sealed class Glossary(int conceptCount, FrozenDictionary<string, FrozenDictionary<string, Entry[]>> index)
    {
        public int ConceptCount { get; } = conceptCount;

        public FrozenDictionary<string, Entry[]>? EntriesFor(string language) => index.GetValueOrDefault(language);

        public static Glossary Load(TextReader reader, LanguageAnalyzers analyzers)
        {
            var columns = new Dictionary<int, string>();
            var byLanguage = Languages.ToDictionary(l => l, _ => new Dictionary<string, List<Entry>>(StringComparer.Ordinal), StringComparer.Ordinal);
            var concepts = 0;
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (line.Length == 0 || line.StartsWith('#') || string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                var cells = line.Split('\t');
                if (columns.Count == 0)
                {
                    for (var c = 1; c < cells.Length; c++)
                    {
                        var language = LanguageAnalyzers.NormalizeCode(cells[c]);
                        if (byLanguage.ContainsKey(language))
                        {
                            columns[c] = language;
                        }
                    }
                    continue;
                }
                var variants = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                foreach (var (column, language) in columns)
                {
                    if (column >= cells.Length)
                    {
                        continue;
                    }
                    var list = cells[column].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                        .Distinct(StringComparer.Ordinal).ToList();
                    if (list.Count > 0)
                    {
                        variants[language] = list;
                    }
                }
                if (variants.Count < 2)
                {
                    continue;   // nothing to translate to
                }
                var concept = new Concept(cells[0].Trim(), variants);
                concepts++;
                foreach (var (language, list) in variants)
                {
                    var analyzer = analyzers.For(language);
                    foreach (var variant in list)
                    {
                        var terms = LanguageAnalyzers.Analyze(analyzer, IndexFields.For(language).Body, variant);
                        var stems = terms.Select(t => t.Term).ToArray();
                        if (stems.Length == 0)
                        {
                            continue;
                        }
                        var entries = byLanguage[language];
                        if (!entries.TryGetValue(stems[0], out var sameFirst))
                        {
                            entries[stems[0]] = sameFirst = [];
                        }
                        // A variant of several words that its stop words reduce to one stem ("en ligne", "en línea": online) is
                        // matched as a whole: its one remaining word ("ligne", line) is not the term.
                        string[] written = stems.Length == 1 && variant.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 1
                            ? [variant]
                            : [.. terms.Select(t => variant[t.Start..t.End])];
                        sameFirst.Add(new Entry(stems, concept, variant, written));
                    }
                }
            }
            var index = byLanguage.ToFrozenDictionary(
                l => l.Key,
                l => l.Value.ToFrozenDictionary(
                    e => e.Key, e => e.Value.OrderByDescending(x => x.Stems.Length).ToArray(), StringComparer.Ordinal),
                StringComparer.Ordinal);
            return new Glossary(concepts, index);
        }
    }
}
