using System.Text;

namespace Polis.Search;

/// <summary>
/// A text reduced to language-neutral features with weights, so that two texts in different languages can be compared
/// (cosine similarity). Features: <c>c:</c> a policing-glossary concept, <c>w:</c> an English stem (the word itself in
/// English text, its dictionary translation otherwise), <c>n:</c> a number, <c>t:</c> the transliterated start of a
/// capitalised word (names of places and institutions: "Бишкек" and "Bishkek" both give <c>t:bishke</c>), and
/// <c>ru:</c>, <c>fr:</c>… a stem nothing translated (it still meets the same word in a text of the same language).
/// </summary>
public sealed class ConceptBag
{
    private readonly Dictionary<string, double> weights;

    internal ConceptBag(string language, Dictionary<string, double> weights)
    {
        Language = language;
        this.weights = weights;
        var sum = 0.0;
        foreach (var w in weights.Values)
        {
            sum += w * w;
        }
        Norm = Math.Sqrt(sum);
    }

    /// <summary>The language the text was analysed as (two letters; "xx" for a language without its own analyzer).</summary>
    public string Language { get; }

    /// <summary>The features and their weights.</summary>
    public IReadOnlyDictionary<string, double> Weights => weights;

    /// <summary>The Euclidean length of the weights.</summary>
    public double Norm { get; }

    /// <summary>Cosine similarity in [0, 1]; 0 when either text has no feature.</summary>
    public double Cosine(ConceptBag other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Norm == 0 || other.Norm == 0)
        {
            return 0;
        }
        var (small, large) = weights.Count <= other.weights.Count ? (weights, other.weights) : (other.weights, weights);
        var dot = 0.0;
        foreach (var (feature, w) in small)
        {
            if (large.TryGetValue(feature, out var v))
            {
                dot += w * v;
            }
        }
        return Math.Clamp(dot / (Norm * other.Norm), 0, 1);
    }
}

/// <summary>
/// Turns a text into a <see cref="ConceptBag"/> through the same machinery that translates search queries (ADR 0005):
/// the text's language analyzer, then the policing glossary (longest term first: its multi-word terms become one
/// concept shared by every language), then, for the words the glossary leaves, the lexicon's dictionaries into English
/// (the pivot language), when a lexicon is loaded. Deterministic for a given lexicon; thread-safe.
/// </summary>
public sealed class ContentConcepts
{
    /// <summary>At most this many analysed words of a text are used (the title and the start of the description).</summary>
    public const int MaxTerms = 400;

    private const string Pivot = "en";
    private const double ConceptWeight = 1.5;
    private const double WordWeight = 1.0;
    private const double NameWeight = 1.0;
    private const double NumberWeight = 0.5;
    private const int NameLength = 6;

    private readonly ITermTranslator glossary;
    private readonly Func<Lexicon?> lexicon;

    /// <summary>Glossary plus the lexicon of <paramref name="lexiconSource"/> when it has one.</summary>
    public ContentConcepts(LexiconSource? lexiconSource)
        : this(GlossaryTranslator.Default, () => lexiconSource?.Lexicon)
    {
    }

    internal ContentConcepts(ITermTranslator glossary, Func<Lexicon?> lexicon)
    {
        this.glossary = glossary;
        this.lexicon = lexicon;
    }

    /// <summary>The glossary alone (no dictionaries): what tests and a server without a lexicon use.</summary>
    public static ContentConcepts GlossaryOnly { get; } = new(GlossaryTranslator.Default, () => null);

    /// <summary>The most likely language of a text among those the search knows (en ru fr de es).</summary>
    public static string IdentifyLanguage(string text, string? fallback) =>
        LanguageIdentifier.Shared.Identify(text ?? "", fallback)[0].Language;

    /// <summary>The text's features. <paramref name="language"/>: its language code (null or empty: identified).</summary>
    public ConceptBag Extract(string text, string? language)
    {
        text ??= "";
        var code = string.IsNullOrWhiteSpace(language) ? IdentifyLanguage(text, null) : LanguageAnalyzers.FieldLanguage(language);
        var analyzers = LanguageAnalyzers.Shared;
        var terms = LanguageAnalyzers.Analyze(analyzers.For(code), IndexFields.For(code).Body, text);
        if (terms.Count > MaxTerms)
        {
            terms = terms[..MaxTerms];
        }
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        var stems = terms.Select(t => t.Term).ToArray();
        var covered = new bool[stems.Length];

        // Glossary concepts: the same id from every language. One match per target language: count each term once.
        foreach (var match in glossary.Translate(code, stems).GroupBy(m => (m.FirstStem, m.StemCount)).Select(g => g.First()))
        {
            var concepts = match.Concepts ?? [];
            foreach (var concept in concepts)
            {
                Add(counts, "c:" + concept, ConceptWeight / concepts.Count);
            }
            for (var k = match.FirstStem; k < match.FirstStem + match.StemCount; k++)
            {
                covered[k] = true;
            }
        }

        // The rest: English words as they are; other languages through the lexicon's dictionaries into English (not the
        // secondary dictionary's general senses, which search treats as pivots).
        var dictionary = code == Pivot ? null : lexicon();
        if (dictionary is not null)
        {
            var english = analyzers.For(Pivot);
            var field = IndexFields.For(Pivot).Body;
            foreach (var match in dictionary.Translate(code, stems).Where(m => m.TargetLanguage == Pivot && m.Source == TranslationSource.Dictionary && !m.Secondary))
            {
                if (IsCovered(covered, match))
                {
                    continue;
                }
                var targets = match.Targets.Take(2).ToList();
                foreach (var target in targets)
                {
                    var targetStems = LanguageAnalyzers.Analyze(english, field, target);
                    foreach (var stem in targetStems)
                    {
                        Add(counts, "w:" + stem.Term, WordWeight / targets.Count / targetStems.Count);
                    }
                }
                for (var k = match.FirstStem; k < match.FirstStem + match.StemCount; k++)
                {
                    covered[k] = true;
                }
            }
        }
        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            if (term.Term.All(char.IsAsciiDigit))
            {
                Add(counts, "n:" + term.Term, NumberWeight);
                continue;
            }
            var surface = text[term.Start..term.End];
            if (surface.Length > 1 && char.IsUpper(surface[0]) && !char.IsUpper(surface[1]) && Transliterate(surface) is { Length: >= 4 } name)
            {
                Add(counts, "t:" + name[..Math.Min(NameLength, name.Length)], NameWeight);
            }
            if (!covered[i])
            {
                // Untranslated: English words are the pivot's own; another language's word still meets its own language.
                Add(counts, (code == Pivot ? "w:" : code + ":") + term.Term, WordWeight);
            }
        }

        // Sub-linear term frequency: a word said five times is not five times the evidence.
        var weights = new Dictionary<string, double>(counts.Count, StringComparer.Ordinal);
        foreach (var (feature, count) in counts)
        {
            weights[feature] = count <= 1 ? count : 1 + Math.Log(count);
        }
        return new ConceptBag(code, weights);
    }

    private static bool IsCovered(bool[] covered, TermMatch match)
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

    private static void Add(Dictionary<string, double> counts, string feature, double weight) =>
        counts[feature] = counts.GetValueOrDefault(feature) + weight;

    // Lower-case Latin letters of a word: Cyrillic transliterated (a simplified BGN/PCGN: "дж" → "j"), accents dropped.
    internal static string Transliterate(string word)
    {
        var lower = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(lower.Length + 4);
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            if (c == 'д' && i + 1 < lower.Length && lower[i + 1] == 'ж')
            {
                result.Append('j');
                i++;
                continue;
            }
            var latin = c switch
            {
                'а' => "a",
                'б' => "b",
                'в' => "v",
                'г' => "g",
                'д' => "d",
                'е' or 'ё' or 'э' => "e",
                'ж' => "zh",
                'з' => "z",
                'и' => "i",
                'й' or 'ы' => "y",
                'к' => "k",
                'л' => "l",
                'м' => "m",
                'н' => "n",
                'о' => "o",
                'п' => "p",
                'р' => "r",
                'с' => "s",
                'т' => "t",
                'у' => "u",
                'ф' => "f",
                'х' => "kh",
                'ц' => "ts",
                'ч' => "ch",
                'ш' => "sh",
                'щ' => "shch",
                'ъ' or 'ь' => "",
                'ю' => "yu",
                'я' => "ya",
                'і' => "i",
                'ї' => "yi",
                'є' => "ye",
                'ґ' => "g",
                'ў' => "u",
                _ when c is >= 'a' and <= 'z' => c.ToString(),
                _ => null,
            };
            if (latin is not null)
            {
                result.Append(latin);
            }
        }
        return result.ToString();
    }
}
