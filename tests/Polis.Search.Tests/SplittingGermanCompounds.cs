using System.Diagnostics;

namespace Polis.Search.Tests;

// German compounds that no resource translates as a whole are split into parts that translate (CompoundSplitter).
public sealed class SplittingGermanCompounds
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "datenbank", "daten", "bank", "datei", "arbeit", "platz", "polizei", "schutz", "grenz", "grenze", "beamter", "tabelle", "dokument",
    };

    [Theory]
    [InlineData("Datenbankdatei", "datenbank datei")]
    [InlineData("Arbeitsplatz", "arbeit platz")]
    [InlineData("Grenzschutzbeamter", "grenz schutz beamter")]
    [InlineData("tabellendokument", "tabelle dokument")]
    public void A_compound_splits_into_the_parts_that_translate(string word, string parts)
    {
        var split = CompoundSplitter.Split(word, p => Known.Contains(p) || Known.Contains(p.TrimEnd('n')));

        Assert.Equal(parts, string.Join(' ', split!.Select(p => p.TrimEnd('n') is var t && Known.Contains(t) && !Known.Contains(p) ? t : p)));
    }

    [Theory]
    [InlineData("Polizei")]             // too short to be a compound
    [InlineData("Bankdatei-2024")]      // not letters only
    [InlineData("Zwischenablage")]      // no parts that translate
    public void A_word_that_is_no_compound_of_known_parts_is_left_alone(string word)
    {
        Assert.Null(CompoundSplitter.Split(word, Known.Contains));
    }

    [Fact]
    public void A_thousand_letter_word_is_not_tried()
    {
        var calls = 0;
        var watch = Stopwatch.StartNew();

        var split = CompoundSplitter.Split(new string('a', 1000), _ => { calls++; return true; });

        Assert.Null(split);
        Assert.Equal(0, calls);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_German_compound_of_glossary_words_finds_the_English_document_with_both()
    {
        using var index = await Index.WithAsync(
            Index.Doc("both", "Police database", "How the national police database is kept."),
            Index.Doc("police", "Police training", "Training for police officers."),
            Index.Doc("database", "Database design", "Tables and keys."));

        var results = await index.SearchAsync(new SearchQuery("Polizeidatenbank") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal("both", results.Ids()[0]);
        Assert.Contains(results.Translations, t => t.SourceLanguage == "de" && t.Source == "polizei" && t.TargetLanguage == "en");
        Assert.Contains(results.Translations, t => t.SourceLanguage == "de" && t.Source == "datenbank" && t.Targets.Contains("database"));
    }

    [Fact]
    public async Task Without_compound_splitting_the_compound_is_not_translated()
    {
        using var index = LuceneSearchIndex.InMemory(new QueryTranslator(GlossaryTranslator.Default, () => null, new TranslationResources { GermanCompounds = false }));
        await index.IndexAsync([Index.Doc("both", "Police database", "How the national police database is kept.")], Index.Ct);

        var results = await index.SearchAsync(new SearchQuery("Polizeidatenbank") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Empty(results.Hits);
        // Only its spelling is tried in English (a cognate, "policeidatenbank", which meets nothing): no resource translates it.
        Assert.All(results.Translations, t => Assert.Equal(TranslationSource.Cognate, t.Resource));
    }
}
