using System.Globalization;

namespace Polis.Bench;

// One benchmark query: the user's text plus what the Polis and raw sides need to do the same work.
internal sealed record BenchQuery(
    string Type,
    string Language,
    string Text,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Filters,
    IReadOnlyList<string> FacetFields,
    bool Translate);

// Draws the query sets from the corpus vocabulary with the corpus's Zipf ranks, so queries mix frequent, middling
// and rare words the way typed queries do (not only the rarest or commonest).
internal static class QuerySets
{
    public static readonly string[] Types = ["1-term", "2-term", "3-term", "phrase", "prefix", "symbol", "faceted", "cross-language"];

    public static readonly string[] FacetFields = ["type", "language", "priority", "year"];

    private static readonly string[] QueryLanguages = ["en", "ru", "fr", "de", "es"];
    private static readonly double[] QueryLanguageWeights = [0.50, 0.25, 0.10, 0.10, 0.05];

    public static List<BenchQuery> Build(Vocabulary vocabulary, int corpusSeed, int docs, int perType, int seed)
    {
        var random = new Random(seed);
        var queries = new List<BenchQuery>();
        foreach (var type in Types)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var attempts = 0;
            while (seen.Count < perType && attempts++ < perType * 50)
            {
                var language = CorpusGenerator.Pick(random, QueryLanguages, QueryLanguageWeights);
                var vocab = vocabulary.For(language);
                var query = type switch
                {
                    "1-term" => Plain(type, language, Word(random, vocab)),
                    "2-term" => Plain(type, language, random.NextDouble() < 0.4
                        ? GlossaryPhrase(random, vocab, 2, 2) ?? Words(random, vocab, 2)
                        : Words(random, vocab, 2)),
                    "3-term" => Plain(type, language, random.NextDouble() < 0.3
                        ? GlossaryPhrase(random, vocab, 3, 3) ?? Words(random, vocab, 3)
                        : Words(random, vocab, 3)),
                    "phrase" => Plain(type, language, "\"" + (random.NextDouble() < 0.7
                        ? GlossaryPhrase(random, vocab, 2, 4) ?? Words(random, vocab, 2)
                        : Words(random, vocab, 2)) + "\""),
                    "prefix" => Prefix(random, vocab) is { } prefix ? Plain(type, language, prefix) : null,
                    "symbol" => Symbol(random, corpusSeed, docs),
                    "faceted" => Faceted(random, language, vocab),
                    "cross-language" => CrossLanguage(random, language, vocab),
                    _ => throw new InvalidOperationException(type),
                };
                if (query is not null && seen.Add(query.Text + "|" + string.Join(',', query.Filters.Select(f => f.Key + "=" + string.Join('+', f.Value)))))
                {
                    queries.Add(query);
                }
            }
        }
        return queries;
    }

    private static BenchQuery Plain(string type, string language, string text) =>
        new(type, language, text, new Dictionary<string, IReadOnlyList<string>>(), [], Translate: false);

    private static string Word(Random random, LanguageVocabulary vocab) => vocab.ContentWords[vocab.ContentZipf.Next(random)];

    private static string Words(Random random, LanguageVocabulary vocab, int count)
    {
        var words = new List<string>();
        while (words.Count < count)
        {
            var word = Word(random, vocab);
            if (!words.Contains(word, StringComparer.Ordinal))
            {
                words.Add(word);
            }
        }
        return string.Join(' ', words);
    }

    private static string? GlossaryPhrase(Random random, LanguageVocabulary vocab, int minWords, int maxWords)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var term = vocab.GlossaryTerms.Length == 0 ? null : vocab.GlossaryTerms[vocab.GlossaryZipf.Next(random)];
            var count = term?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
            if (term is not null && count >= minWords && count <= maxWords && !term.Contains('\'', StringComparison.Ordinal) && !term.Contains('"', StringComparison.Ordinal))
            {
                return term;
            }
        }
        return null;
    }

    private static string? Prefix(Random random, LanguageVocabulary vocab)
    {
        var word = Word(random, vocab);
        if (word.Length < 6)
        {
            return null;
        }
        return word[..random.Next(4, Math.Min(8, word.Length))].ToLowerInvariant() + "*";
    }

    private static BenchQuery? Symbol(Random random, int corpusSeed, int docs)
    {
        var doc = random.Next(docs);
        var symbol = CorpusGenerator.SymbolOf(corpusSeed, doc);
        if (symbol is null)
        {
            return null;
        }
        return Plain("symbol", "en", random.NextDouble() < 0.3 ? symbol.ToLowerInvariant() : symbol);
    }

    private static BenchQuery Faceted(Random random, string language, LanguageVocabulary vocab)
    {
        var text = random.NextDouble() < 0.6 ? Word(random, vocab) : Words(random, vocab, 2);
        var names = new[] { "type", "language", "priority", "year", "body", "country" };
        random.Shuffle(names);
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var name in names.Take(2))
        {
            filters[name] = [name switch
            {
                "type" => CorpusGenerator.Types[random.Next(CorpusGenerator.Types.Length)],
                "language" => CorpusGenerator.Pick(random, Vocabulary.CorpusLanguages, Vocabulary.CorpusLanguageWeights),
                "priority" => CorpusGenerator.Priorities[random.Next(CorpusGenerator.Priorities.Length)],
                "year" => (2025 - random.Next(0, 15)).ToString(CultureInfo.InvariantCulture),
                "body" => CorpusGenerator.Bodies[random.Next(CorpusGenerator.Bodies.Length)],
                _ => CorpusGenerator.Countries[random.Next(CorpusGenerator.Countries.Length)],
            }];
        }
        return new BenchQuery("faceted", language, text, filters, FacetFields, Translate: false);
    }

    // A glossary term (one to three words), sometimes with one more word, searched with translation on.
    private static BenchQuery? CrossLanguage(Random random, string language, LanguageVocabulary vocab)
    {
        var term = GlossaryPhrase(random, vocab, 1, 3);
        if (term is null)
        {
            return null;
        }
        var text = random.NextDouble() < 0.3 ? term + " " + Word(random, vocab) : term;
        return new BenchQuery("cross-language", language, text, new Dictionary<string, IReadOnlyList<string>>(), [], Translate: true);
    }
}
