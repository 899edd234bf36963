using System.Collections.Frozen;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Polis.Search;

// One set of analyzers per process. Analyzers are thread-safe (each thread reuses its own token stream),
// so queries, snippets and the glossary share them instead of allocating new ones.
internal sealed class LanguageAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Languages with their own fields; every other language goes to the "xx" fields and the StandardAnalyzer.
    public const string Other = "xx";
    public static readonly IReadOnlyList<string> FieldLanguages = ["en", "ru", "fr", "de", "es", Other];

    public static LanguageAnalyzers Shared { get; } = new();

    private readonly FrozenDictionary<string, Analyzer> byLanguage;
    private readonly FrozenDictionary<string, CharArraySet> stopWords;

    // Each language's chain is the one Lucene's own analyzer for it builds at Version (EnglishAnalyzer, RussianAnalyzer,
    // FrenchAnalyzer, GermanAnalyzer, SpanishAnalyzer; StandardAnalyzer for the rest: the standard tokenizer and
    // filter, then the same filters with the same stop words and stemmers), with TableLowerCaseFilter where they have
    // LowerCaseFilter: the same terms without ICU in the indexing's hot path (issue 21, tenth pass; the tests compare
    // every chain's tokens with Lucene's analyzer's).
    private LanguageAnalyzers()
    {
        byLanguage = new Dictionary<string, Analyzer>(StringComparer.Ordinal)
        {
            ["en"] = new Chain(words => new PorterStemFilter(
                new StopFilter(Version, new TableLowerCaseFilter(new EnglishPossessiveFilter(Version, words)), EnglishAnalyzer.DefaultStopSet))),
            ["ru"] = new Chain(words => new SnowballFilter(
                new StopFilter(Version, new TableLowerCaseFilter(words), RussianAnalyzer.DefaultStopSet), new RussianStemmer())),
            ["fr"] = new Chain(words => new FrenchLightStemFilter(
                new StopFilter(Version, new TableLowerCaseFilter(new ElisionFilter(words, FrenchAnalyzer.DEFAULT_ARTICLES)), FrenchAnalyzer.DefaultStopSet))),
            ["de"] = new Chain(words => new GermanLightStemFilter(new GermanNormalizationFilter(new SetKeywordMarkerFilter(
                new StopFilter(Version, new TableLowerCaseFilter(words), GermanAnalyzer.DefaultStopSet), CharArraySet.Empty)))),
            ["es"] = new Chain(words => new SpanishLightStemFilter(
                new StopFilter(Version, new TableLowerCaseFilter(words), SpanishAnalyzer.DefaultStopSet))),
            [Other] = new Chain(words => new StopFilter(Version, new TableLowerCaseFilter(words), StandardAnalyzer.STOP_WORDS_SET)),
        }.ToFrozenDictionary(StringComparer.Ordinal);
        stopWords = new Dictionary<string, CharArraySet>(StringComparer.Ordinal)
        {
            ["en"] = EnglishAnalyzer.DefaultStopSet,
            ["ru"] = RussianAnalyzer.DefaultStopSet,
            ["fr"] = FrenchAnalyzer.DefaultStopSet,
            ["de"] = GermanAnalyzer.DefaultStopSet,
            ["es"] = SpanishAnalyzer.DefaultStopSet,
        }.ToFrozenDictionary(StringComparer.Ordinal);
        Symbol = new SymbolAnalyzer();
        Spelling = new SpellingAnalyzer();

        var perField = new Dictionary<string, Analyzer>(StringComparer.Ordinal) { [IndexFields.SymbolText] = Symbol, [IndexFields.Spell] = Spelling };
        foreach (var language in FieldLanguages)
        {
            var fields = IndexFields.For(language);
            perField[fields.Title] = byLanguage[language];
            perField[fields.Summary] = byLanguage[language];
            perField[fields.Body] = byLanguage[language];
        }
        Index = new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField);
    }

    // The analyzer IndexWriter uses: each language field with its own language's analyzer.
    public Analyzer Index { get; }

    // Splits a document symbol into its letter and digit runs: "MC(9).DEC/9" → mc 9 dec 9.
    public Analyzer Symbol { get; }

    // Words as typed, lower-cased, in every language (the standard tokenizer, no stemming, no stop words): the
    // "did you mean" dictionary.
    public Analyzer Spelling { get; }

    public Analyzer For(string fieldLanguage) => byLanguage[fieldLanguage];

    public CharArraySet? StopWords(string language) => stopWords.GetValueOrDefault(language);

    // "en-GB" → "en"; unknown and empty codes stay as given, lower-cased.
    public static string NormalizeCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Other;
        }
        var trimmed = code.Trim();
        var cut = trimmed.IndexOfAny(['-', '_']);
        return (cut > 0 ? trimmed[..cut] : trimmed).ToLowerInvariant();
    }

    public static string FieldLanguage(string? code)
    {
        var normalized = NormalizeCode(code);
        return normalized is "en" or "ru" or "fr" or "de" or "es" ? normalized : Other;
    }

    // The analysed terms of a text with their positions, e.g. for a phrase query.
    public static List<AnalyzedTerm> Analyze(Analyzer analyzer, string field, string text)
    {
        var terms = new List<AnalyzedTerm>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            terms.Add(new AnalyzedTerm(term.ToString(), position, offset.StartOffset, offset.EndOffset));
        }
        stream.End();
        return terms;
    }

    private sealed class SymbolAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new LetterOrDigitTokenizer(reader);
            return new TokenStreamComponents(tokenizer, new TableLowerCaseFilter(tokenizer));
        }
    }

    private sealed class SpellingAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            return new TokenStreamComponents(tokenizer, new TableLowerCaseFilter(tokenizer));
        }
    }

    // A language's chain: the standard tokenizer and filter, then the filters the language adds over them.
    private sealed class Chain(Func<TokenStream, TokenStream> filters) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            return new TokenStreamComponents(tokenizer, filters(new StandardFilter(Version, tokenizer)));
        }
    }

    private sealed class LetterOrDigitTokenizer(TextReader reader) : CharTokenizer(Version, reader)
    {
        protected override bool IsTokenChar(int c) => Rune.IsValid(c) && Rune.IsLetterOrDigit(new Rune(c));
    }
}

internal readonly record struct AnalyzedTerm(string Term, int Position, int Start, int End);
