using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;

namespace Polis.Search.Tests;

// The analysers lower-case tokens from a table instead of Lucene's LowerCaseFilter (which calls ICU for any letter
// outside ASCII): the index's terms and the queries' must stay exactly what Lucene's own filter and analysers give.
public sealed class LowerCasingAsLuceneDoes
{
    private static readonly Analyzer Table = Keyword(tokens => new TableLowerCaseFilter(tokens));
    private static readonly Analyzer Lucene = Keyword(tokens => new LowerCaseFilter(LanguageAnalyzers.Version, tokens));

    [Fact]
    public void Every_character_alone_and_inside_a_word_is_lower_cased_as_lucene_does()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var alone = ((char)c).ToString();
            Assert.Equal(LowerCased(Lucene, alone), LowerCased(Table, alone));
            var inside = "ÄbΣ" + alone + "Жx";
            Assert.Equal(LowerCased(Lucene, inside), LowerCased(Table, inside));
        }
    }

    [Fact]
    public void Runs_of_every_table_character_are_lower_cased_as_lucene_does()
    {
        for (var start = 0; start < TableLowerCaseFilter.TableSize; start += 61)
        {
            var run = new string(Enumerable.Range(start, Math.Min(97, TableLowerCaseFilter.TableSize - start)).Select(c => (char)c).ToArray());
            Assert.Equal(LowerCased(Lucene, run), LowerCased(Table, run));
        }
    }

    [Fact]
    public void Every_surrogate_pair_and_lone_surrogate_is_lower_cased_as_lucene_does()
    {
        for (var codePoint = 0x10000; codePoint <= 0x10FFFF; codePoint++)
        {
            var word = "É" + char.ConvertFromUtf32(codePoint);
            Assert.Equal(LowerCased(Lucene, word), LowerCased(Table, word));
        }
        foreach (var word in new[] { "Ä\uD801", "\uDC00Ä", "\uDC00\uD801", "Ω\uD801\uDC00Ω", "\uD801\uDC00" })
        {
            Assert.Equal(LowerCased(Lucene, word), LowerCased(Table, word));
        }
    }

    public static TheoryData<string> Languages => ["en", "ru", "fr", "de", "es", LanguageAnalyzers.Other];

    // Each language's chain against Lucene's own analyser for that language: the same terms, positions, offsets, types
    // and keyword flags, over hand-picked awkward text and random text from an alphabet of awkward characters.
    [Theory]
    [MemberData(nameof(Languages))]
    public void Each_language_chain_gives_the_tokens_of_lucenes_own_analyser(string language)
    {
        var lucene = LuceneAnalyser(language);
        var ours = LanguageAnalyzers.Shared.For(language);
        string[] texts =
        [
            "The Secretary-General's report on the UN's peace-keeping operations (A/78/123), 2024's figures.",
            "L'État et l'Union européenne: qu'il s'agisse des ÉLECTIONS ou jusqu'à l'ŒUVRE, lorsqu'on l'a vu.",
            "Die Straße, GRÜSSE, Ärzte und der Fuß; ẞ und ß, Übersetzungsbüro des Österreichischen Außenministeriums.",
            "El Niño, la PROTECCIÓN de los niños y las niñas; ¿Qué ocurrió en Ávila? ¡ÁNIMO!",
            "СОВЕТ БЕЗОПАСНОСТИ Организации Объединённых Наций, Ёлка и ЁЖ; Україна, Ґанок, Їжак; Беларусь, Ўсход.",
            "ΟΔΥΣΣΕΥΣ ΣΟΦΟΣ Σ ς; İstanbul IŞIK ığdır; ǅemal ǄEMAL; Ｆｕｌｌｗｉｄｔｈ ＡＢＣ; ⅫⅣ ⓐⒶ; 𐐀𐐨 𝐀𝐁; 中文 日本語 한국어.",
            "Words—with\u00ADsoft\u00ADhyphens, non\u2011breaking, don’t, l’état, e-mail, user@example.org, 3.14, 1,000, x²",
            new string('Ä', 300) + " " + new string('ж', 256) + " short",
        ];
        foreach (var text in texts)
        {
            Assert.Equal(Tokens(lucene, text), Tokens(ours, text));
        }
        var random = new Random(21);
        const string alphabet = "aAeEßẞÄäÖöÜüÉéÈèÇçÑñÁáÍíÓóÚú ЖжЁёЇїҐґЎўΣσςΩωİıIiǅǄǆ'’-.,0123456789 \u00AD\u0301\u0308中😀";
        for (var round = 0; round < 500; round++)
        {
            var text = new StringBuilder();
            var length = random.Next(1, 80);
            for (var i = 0; i < length; i++)
            {
                var c = alphabet[random.Next(alphabet.Length)];
                text.Append(char.IsSurrogate(c) ? "😀" : c.ToString());
            }
            Assert.Equal(Tokens(lucene, text.ToString()), Tokens(ours, text.ToString()));
        }
    }

    private static Analyzer LuceneAnalyser(string language) => language switch
    {
        "en" => new EnglishAnalyzer(LanguageAnalyzers.Version),
        "ru" => new RussianAnalyzer(LanguageAnalyzers.Version),
        "fr" => new FrenchAnalyzer(LanguageAnalyzers.Version),
        "de" => new GermanAnalyzer(LanguageAnalyzers.Version),
        "es" => new SpanishAnalyzer(LanguageAnalyzers.Version),
        _ => new StandardAnalyzer(LanguageAnalyzers.Version),
    };

    private static Analyzer Keyword(Func<TokenStream, TokenStream> filter) =>
        Analyzer.NewAnonymous((_, reader) =>
        {
            var tokenizer = new KeywordTokenizer(reader);
            return new TokenStreamComponents(tokenizer, filter(tokenizer));
        });

    private static string LowerCased(Analyzer analyzer, string word)
    {
        using var stream = analyzer.GetTokenStream("f", word);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var result = stream.IncrementToken() ? term.ToString() : "";
        stream.End();
        return result;
    }

    private static List<string> Tokens(Analyzer analyzer, string text)
    {
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        var keyword = stream.AddAttribute<IKeywordAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add($"{term}|{increment.PositionIncrement}|{offset.StartOffset}-{offset.EndOffset}|{type.Type}|{keyword.IsKeyword}");
        }
        stream.End();
        tokens.Add($"end {offset.EndOffset}");
        return tokens;
    }
}
