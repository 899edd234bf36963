namespace Polis.Search.Tests;

// Relies on the policing glossary embedded in Polis.Search (Glossary/policing-glossary.tsv).
public sealed class SearchingAcrossLanguages
{
    private static Task<LuceneSearchIndex> CorpusAsync() => Index.WithAsync(
        Index.Doc("en-thb", "Trafficking in human beings: identification of potential and presumed victims",
            "A community policing approach to trafficking in human beings."),
        Index.Doc("ru-thb", "Торговля людьми: выявление жертв", "Пособие для сотрудников полиции о торговле людьми.", language: "ru"),
        Index.Doc("en-cyber", "Cybercrime investigation course", "Digital evidence."),
        Index.Doc("ru-cyber", "Киберпреступность", "Расследование преступлений в сети.", language: "ru"));

    [Fact]
    public async Task A_Russian_query_finds_an_English_document_and_reports_the_translation()
    {
        using var index = await CorpusAsync();

        var results = await index.SearchAsync("торговля людьми");

        Assert.Contains("en-thb", results.Ids());
        Assert.DoesNotContain("en-cyber", results.Ids());
        var english = Assert.Single(results.Translations, t => t.TargetLanguage == "en");
        Assert.Equal(("торговля людьми", "ru"), (english.Source, english.SourceLanguage));
        Assert.Contains("trafficking in human beings", english.Targets);
    }

    // Quotes ask for the words together. A quoted phrase is translated as a whole where a resource has it (the
    // glossary's "торговля людьми"), else word by word from the query's own language (a Russian title quoting a dialog
    // name, Панель "Маркеры и нумерация"); the other candidate languages give it whole-phrase translations only, so
    // that "police reform" in quotes does not match the two words apart (SearchingByWords).
    [Fact]
    public async Task A_quoted_phrase_is_translated_as_a_whole_or_word_by_word_from_the_query_language()
    {
        using var index = await Index.WithAsync(
            Index.Doc("en-thb", "Trafficking in human beings", "Identification of victims."),
            Index.Doc("en-apart", "Police training", "Courses on corruption for officers."));

        var whole = await index.SearchAsync("\"торговля людьми\"");
        var words = await index.SearchAsync("\"коррупция полиция\"");

        Assert.Equal(["en-thb"], whole.Ids());
        Assert.Equal(["en-apart"], words.Ids());
        Assert.NotEmpty(words.Translations);

        // English first, French and German also plausible: their readings of the words are neither searched nor
        // reported, since no resource has the phrase.
        var english = await index.SearchAsync("\"police training\"");
        Assert.Contains(LanguageIdentifier.Shared.Identify("police training", "en"), g => g.Language == "fr");
        Assert.Equal(["en-apart"], english.Ids());
        Assert.Empty(english.Translations);
    }

    [Fact]
    public async Task A_direct_match_ranks_above_a_match_through_translation()
    {
        using var index = await CorpusAsync();

        var results = await index.SearchAsync("торговля людьми");

        Assert.Equal(["ru-thb", "en-thb"], results.Ids());
    }

    [Fact]
    public async Task Without_translation_the_English_document_is_not_found()
    {
        using var index = await CorpusAsync();

        var results = await index.SearchAsync(new SearchQuery("торговля людьми") { Access = SearchAccess.Everything, Translate = false }, Index.Ct);

        Assert.Equal(["ru-thb"], results.Ids());
        Assert.Empty(results.Translations);
    }

    [Fact]
    public async Task A_French_query_finds_a_Russian_only_document()
    {
        using var index = await Index.WithAsync(
            Index.Doc("ru-thb", "Торговля людьми: выявление жертв", "Пособие для сотрудников полиции.", language: "ru"),
            Index.Doc("ru-cyber", "Киберпреступность", "Расследование преступлений в сети.", language: "ru"));

        var results = await index.SearchAsync(new SearchQuery("traite des êtres humains") { Access = SearchAccess.Everything, UiLanguage = "fr" }, Index.Ct);

        Assert.Equal(["ru-thb"], results.Ids());
        Assert.Contains(results.Translations, t => t.SourceLanguage == "fr" && t.TargetLanguage == "ru" && t.Targets.Contains("торговля людьми"));
    }

    [Fact]
    public async Task An_inflected_Russian_query_is_translated_too()
    {
        using var index = await CorpusAsync();

        var results = await index.SearchAsync("торговли людьми");

        Assert.Contains("en-thb", results.Ids());
        Assert.Contains(results.Translations, t => t.Source == "торговли людьми" && t.TargetLanguage == "en");
    }

    [Fact]
    public async Task The_English_hit_found_through_translation_highlights_the_English_words()
    {
        using var index = await CorpusAsync();

        var results = await index.SearchAsync("торговля людьми");

        var hit = Assert.Single(results.Hits, h => h.Id == "en-thb");
        Assert.Equal("en", hit.Language);
        Assert.Contains(hit.Snippet, p => p.Highlighted && p.Text == "trafficking");
    }

    [Fact]
    public void The_glossary_loads_with_hundreds_of_concepts() =>
        Assert.True(GlossaryTranslator.Default.ConceptCount > 100, $"{GlossaryTranslator.Default.ConceptCount} concepts");
}
