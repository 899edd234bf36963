using System.Globalization;
using System.Text;
using Polis.Search;

namespace Polis.Bench;

// Samples index k of n with probability proportional to 1 / (k + 1)^s: Zipf-like word frequencies.
internal sealed class Zipf
{
    private readonly double[] cumulative;

    public Zipf(int count, double exponent)
    {
        cumulative = new double[count];
        var sum = 0.0;
        for (var k = 0; k < count; k++)
        {
            sum += 1.0 / Math.Pow(k + 1, exponent);
            cumulative[k] = sum;
        }
    }

    public int Next(Random random)
    {
        var target = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }
}

// The words of one language: general words from bench/Polis.Bench/Data (most frequent first) and the policing
// glossary's variants for that language (in a fixed shuffled order, so their Zipf ranks mix common and rare terms).
internal sealed class LanguageVocabulary
{
    public LanguageVocabulary(string language, string[] general, string[] glossaryTerms, string[] contentWords)
    {
        Language = language;
        General = general;
        GlossaryTerms = glossaryTerms;
        ContentWords = contentWords;
        GeneralZipf = new Zipf(general.Length, 1.0);
        GlossaryZipf = new Zipf(Math.Max(1, glossaryTerms.Length), 0.9);
        ContentZipf = new Zipf(contentWords.Length, 0.8);
    }

    public string Language { get; }

    public string[] General { get; }

    public string[] GlossaryTerms { get; }

    // Words a person would type: general words that are not stop words, then glossary words, Zipf over this order.
    public string[] ContentWords { get; }

    public Zipf GeneralZipf { get; }

    public Zipf GlossaryZipf { get; }

    public Zipf ContentZipf { get; }
}

internal sealed class Vocabulary
{
    public static readonly string[] CorpusLanguages = ["en", "ru", "fr", "de", "es", "it"];
    public static readonly double[] CorpusLanguageWeights = [0.45, 0.25, 0.10, 0.10, 0.05, 0.05];

    private readonly Dictionary<string, LanguageVocabulary> byLanguage;

    private Vocabulary(Dictionary<string, LanguageVocabulary> byLanguage, List<Dictionary<string, string[]>> concepts)
    {
        this.byLanguage = byLanguage;
        Concepts = concepts;
    }

    // Glossary concepts: language → variants.
    public List<Dictionary<string, string[]>> Concepts { get; }

    public LanguageVocabulary For(string language) => byLanguage[language];

    public const int CommonWordsNotQueried = 100;

    /// <summary>Word types added to each language's real common words (see <see cref="SyntheticWords"/>).</summary>
    public const int SyntheticWordCount = 40_000;

    private static List<string> SyntheticWords(string language, int count, int seed, string[] existing)
    {
        string[] onsets = language == "ru"
            ? ["б", "в", "г", "д", "ж", "з", "к", "л", "м", "н", "п", "р", "с", "т", "ф", "х", "ч", "ш", "пр", "ст", "кр", "тр"]
            : ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st", "pl", "gr", "sp"];
        string[] vowels = language == "ru" ? ["а", "е", "и", "о", "у", "ы", "я"] : ["a", "e", "i", "o", "u", "ai", "ou"];
        string[] codas = language == "ru" ? ["", "", "н", "р", "с", "т", "л", "к"] : ["", "", "n", "r", "s", "t", "l", "x"];
        var random = new Random(seed);
        var seen = existing.ToHashSet(StringComparer.Ordinal);
        var words = new List<string>(count);
        while (words.Count < count)
        {
            var syllables = random.Next(2, 5);
            var word = string.Concat(Enumerable.Range(0, syllables).Select(_ => onsets[random.Next(onsets.Length)] + vowels[random.Next(vowels.Length)]))
                + codas[random.Next(codas.Length)];
            if (seen.Add(word)) words.Add(word);
        }
        return words;
    }

    public static Vocabulary Load(string dataFolder, int seed)
    {
        var concepts = LoadGlossary();
        var analyzers = LanguageAnalyzers.Shared;
        var result = new Dictionary<string, LanguageVocabulary>(StringComparer.Ordinal);
        foreach (var language in CorpusLanguages)
        {
            var general = File.ReadLines(Path.Combine(dataFolder, $"words-{language}.txt"))
                .Where(l => !l.StartsWith('#'))
                .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            // Real text has tens of thousands of word types, most of them rare; 200–400 common words alone would make
            // every word occur in most documents. Synthetic words after the real ones give the Zipf tail its rare words.
            general = [.. general, .. SyntheticWords(language, SyntheticWordCount, seed + 97 * Array.IndexOf(CorpusLanguages, language), general)];
            var glossary = concepts.SelectMany(c => c.GetValueOrDefault(language) ?? [])
                .Distinct(StringComparer.Ordinal).ToArray();
            new Random(seed + Array.IndexOf(CorpusLanguages, language)).Shuffle(glossary);   // string hashes vary per process
            if (language == "it")
            {
                glossary = [];
            }
            var fieldLanguage = LanguageAnalyzers.FieldLanguage(language);
            var analyzer = analyzers.For(fieldLanguage);
            var field = IndexFields.For(fieldLanguage).Body;
            var content = general
                .Where(w => w.Length >= 3 && LanguageAnalyzers.Analyze(analyzer, field, w).Count == 1)
                .Concat(glossary.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    .Where(w => w.Length >= 3 && w.All(char.IsLetter) && LanguageAnalyzers.Analyze(analyzer, field, w).Count == 1))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            // Interleave general and glossary content words so both kinds have common and rare members.
            var generalSet = general.ToHashSet(StringComparer.Ordinal);
            // The commonest ordinary words ("time", "year", "people") occur in nearly every document and are not what people
            // type into a library search box alone; queries draw from the words after them.
            var generalContent = content.Where(generalSet.Contains).Skip(CommonWordsNotQueried).ToArray();
            var glossaryContent = content.Where(w => !generalSet.Contains(w)).ToArray();
            var interleaved = new List<string>(content.Length);
            for (var k = 0; k < Math.Max(generalContent.Length, glossaryContent.Length); k++)
            {
                if (k < generalContent.Length)
                {
                    interleaved.Add(generalContent[k]);
                }
                if (k < glossaryContent.Length)
                {
                    interleaved.Add(glossaryContent[k]);
                }
            }
            result[language] = new LanguageVocabulary(language, general, glossary, [.. interleaved]);
        }
        return new Vocabulary(result, concepts);
    }

    private static List<Dictionary<string, string[]>> LoadGlossary()
    {
        using var stream = typeof(LuceneSearchIndex).Assembly.GetManifestResourceStream(GlossaryTranslator.ResourceName)
            ?? throw new InvalidOperationException("The glossary resource is missing.");
        using var reader = new StreamReader(stream);
        var concepts = new List<Dictionary<string, string[]>>();
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
            var concept = new Dictionary<string, string[]>(StringComparer.Ordinal);
            for (var c = 1; c < Math.Min(cells.Length, header.Length); c++)
            {
                var variants = cells[c].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (variants.Length > 0)
                {
                    concept[header[c].Trim()] = variants;
                }
            }
            concepts.Add(concept);
        }
        return concepts;
    }
}

// Generates document i from its own seeded Random, so any document can be regenerated alone and the corpus is the
// same on every run (System.Random with a seed is stable across runs of one .NET version).
internal sealed class CorpusGenerator(Vocabulary vocabulary, int seed)
{
    // 2: synthetic rare words give the vocabulary a realistic tail.
    // 3: glossary terms are 4 % of the words (not 10 %), topic terms 3 % (not 5 %); queries skip the 100 commonest words.
    public const int GeneratorVersion = 3;

    // Shares of the words drawn from the document's own topics and from the whole glossary. Policing texts written by
    // people use field terms as a few percent of their words; the rest is ordinary language.
    private const double TopicShare = 0.03;
    private const double GlossaryShare = 0.04;

    public static readonly string[] Types = ["report", "guidebook", "decision", "training-material", "speech", "press-release", "manual", "study", "journal"];
    private static readonly double[] TypeWeights = [0.25, 0.10, 0.15, 0.12, 0.08, 0.12, 0.06, 0.07, 0.05];
    public static readonly string[] Priorities = ["police-reform", "community-policing", "human-trafficking", "cybercrime", "border-management", "gender", "hate-crime", "terrorism", "drugs", "organized-crime"];
    public static readonly string[] Bodies = ["pc", "mc", "secretariat", "odihr", "hcnm", "field-operation", "tnt", "spmu"];
    private static readonly double[] BodyWeights = [0.15, 0.05, 0.25, 0.10, 0.05, 0.30, 0.05, 0.05];
    public static readonly string[] Countries = ["AL", "AM", "AT", "AZ", "BA", "BY", "DE", "ES", "FR", "GE", "GB", "IT", "KG", "KZ", "MD", "ME", "MK", "MN", "RS", "RU", "SE", "TJ", "TM", "UA", "US", "UZ", "PL", "RO", "TR", "CH"];
    private static readonly Zipf PriorityZipf = new(Priorities.Length, 1.0);
    private static readonly string[] SymbolPrefixes = ["PC.DEC", "MC.DEC", "SEC.GAL", "CIO.GAL", "PC.JOUR", "MC(9).DEC", "PC.DEL", "SEC.DEL"];

    public static readonly string[] AnonymousKeys = ["public"];
    public static readonly string[] MemberKeys = ["public", "registered", "members", "org:7", "state:KG"];

    public static T Pick<T>(Random random, T[] items, double[] weights)
    {
        var target = random.NextDouble() * weights.Sum();
        for (var k = 0; k < items.Length; k++)
        {
            target -= weights[k];
            if (target <= 0)
            {
                return items[k];
            }
        }
        return items[^1];
    }

    public static string? SymbolOf(int seed, int doc)
    {
        var random = new Random(unchecked((seed * 7919) + (doc * 31) + 17));   // HashCode.Combine varies per process
        if (random.NextDouble() >= 0.20)
        {
            return null;
        }
        var prefix = SymbolPrefixes[random.Next(SymbolPrefixes.Length)];
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}/{(doc % 1400) + 1}/{(doc / 1400) % 100:D2}");
    }

    public SearchDocument Generate(int doc)
    {
        var random = new Random(unchecked((seed * 1_000_003) + doc));
        var language = Pick(random, Vocabulary.CorpusLanguages, Vocabulary.CorpusLanguageWeights);
        var languages = new List<string> { language };
        if (random.NextDouble() < 0.15)
        {
            languages.Add(language == "en" ? "ru" : "en");
        }
        var topics = new int[random.Next(2, 6)];
        for (var t = 0; t < topics.Length; t++)
        {
            topics[t] = random.Next(vocabulary.Concepts.Count);
        }
        var bodyWords = BodyLength(random);
        var hasSummary = random.NextDouble() < 0.7;
        var texts = languages.Select(l => new SearchText(
            l,
            Text(random, l, topics, random.Next(4, 16), sentences: false).TrimEnd('.'),
            hasSummary ? Text(random, l, topics, random.Next(25, 81), sentences: true) : null,
            Text(random, l, topics, bodyWords, sentences: true))).ToList();

        var year = random.NextDouble() < 0.95 ? 2025 - (int)Math.Min(30, Math.Abs(NextGaussian(random) * 9)) : (int?)null;
        DateOnly? date = year is { } y ? new DateOnly(y, random.Next(1, 13), random.Next(1, 29)) : null;
        var facets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["type"] = [Pick(random, Types, TypeWeights)],
            ["language"] = languages,
            ["priority"] = random.NextDouble() < 0.3
                ? [Priorities[PriorityZipf.Next(random)], Priorities[random.Next(Priorities.Length)]]
                : [Priorities[PriorityZipf.Next(random)]],
            ["body"] = [Pick(random, Bodies, BodyWeights)],
            ["country"] = random.NextDouble() < 0.25
                ? [Countries[random.Next(Countries.Length)], Countries[random.Next(Countries.Length)]]
                : [Countries[random.Next(Countries.Length)]],
        };
        if (year is { } dated)
        {
            facets["year"] = [dated.ToString(CultureInfo.InvariantCulture)];
        }
        var access = random.NextDouble();
        IReadOnlyList<string> keys = access switch
        {
            < 0.70 => ["public"],
            < 0.775 => ["registered"],
            < 0.85 => ["members"],
            _ => [string.Create(CultureInfo.InvariantCulture, $"org:{random.Next(1, 41)}"), "state:" + Countries[random.Next(Countries.Length)]],
        };
        var module = random.NextDouble() < 0.8 ? "library" : "activities";
        var id = string.Create(CultureInfo.InvariantCulture, $"doc-{doc:D7}");
        return new SearchDocument(id, module, SymbolOf(seed, doc), texts, date, facets, keys);
    }

    // Log-normal, median ~900 words, mean ~1,500, clamped to 100..20,000.
    private static int BodyLength(Random random) =>
        (int)Math.Clamp(Math.Exp(6.81 + NextGaussian(random)), 100, 20_000);

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());

    private string Text(Random random, string language, int[] topics, int words, bool sentences)
    {
        var vocab = vocabulary.For(language);
        var topicTerms = topics.SelectMany(t => vocabulary.Concepts[t].GetValueOrDefault(language) ?? []).ToArray();
        var text = new StringBuilder(words * 8);
        var emitted = 0;
        var sentenceLeft = random.Next(8, 26);
        var capital = true;
        var sentenceCount = 0;
        while (emitted < words)
        {
            var roll = random.NextDouble();
            string piece;
            if (topicTerms.Length > 0 && roll < TopicShare)
            {
                piece = topicTerms[random.Next(topicTerms.Length)];
            }
            else if (vocab.GlossaryTerms.Length > 0 && roll < TopicShare + GlossaryShare)
            {
                piece = vocab.GlossaryTerms[vocab.GlossaryZipf.Next(random)];
            }
            else
            {
                piece = vocab.General[vocab.GeneralZipf.Next(random)];
            }
            if (capital && sentences)
            {
                piece = char.ToUpperInvariant(piece[0]) + piece[1..];
                capital = false;
            }
            text.Append(piece);
            emitted += 1 + piece.Count(c => c == ' ');
            sentenceLeft--;
            if (sentences && (sentenceLeft <= 0 || emitted >= words))
            {
                text.Append('.');
                capital = true;
                sentenceLeft = random.Next(8, 26);
                sentenceCount++;
                text.Append(sentenceCount % 6 == 0 ? "\n\n" : " ");
            }
            else
            {
                text.Append(random.NextDouble() < 0.06 && sentences ? ", " : " ");
            }
        }
        return text.ToString().TrimEnd();
    }
}
