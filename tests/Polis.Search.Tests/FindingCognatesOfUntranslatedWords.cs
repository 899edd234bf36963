namespace Polis.Search.Tests;

// A word the glossary does not translate is also searched in the other languages by its spelling, respelt in their script
// ("макросы" → "macros", "табуляция" → "tabulation", "format" → "формат") and matched loosely against their index terms.
public sealed class FindingCognatesOfUntranslatedWords
{
    [Theory]
    [InlineData("формат", "format")]
    [InlineData("макросы", "macrosy")]
    [InlineData("табуляция", "tabulation")]
    [InlineData("текст", "text")]
    [InlineData("архив", "archiv")]
    [InlineData("интерполяции", "interpolation")]
    public void A_Russian_word_is_respelt_the_way_international_words_are_borrowed(string russian, string latin) =>
        Assert.Equal(latin, Cognates.Respell(russian, "en"));

    [Theory]
    [InlineData("format", "формат")]
    [InlineData("tabulation", "табулация")]
    [InlineData("macro", "макро")]
    [InlineData("schema", "схема")]
    public void A_Latin_word_is_respelt_in_Cyrillic_for_Russian(string latin, string russian) =>
        Assert.Equal(russian, Cognates.Respell(latin, "ru"));

    [Fact]
    public void A_word_already_in_the_target_script_or_in_another_script_is_not_respelt()
    {
        Assert.Null(Cognates.Respell("format", "en"));
        Assert.Null(Cognates.Respell("формат", "ru"));
        Assert.Null(Cognates.Respell("Ελλάδα", "ru"));
    }

    [Fact]
    public async Task An_untranslated_Russian_loanword_finds_the_English_page_of_its_cognate()
    {
        using var index = await Index.WithAsync(
            Index.Doc("en-macros", "Recording macros", "A macro repeats the steps you recorded."),
            Index.Doc("en-tabs", "Tab stops", "Set the tab positions of a paragraph."));

        var macros = await index.SearchAsync(new SearchQuery("макросы") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);
        var untranslated = await index.SearchAsync(new SearchQuery("макросы") { Access = SearchAccess.Everything, Translate = false }, Index.Ct);

        Assert.Equal(["en-macros"], macros.Ids());
        Assert.Empty(untranslated.Ids());
        var explained = Assert.Single(macros.Translations, t => t.TargetLanguage == "en");
        Assert.Equal(("макросы", "ru", TranslationSource.Cognate, "macros"), (explained.Source, explained.SourceLanguage, explained.Resource, Assert.Single(explained.Targets)));
    }

    [Theory]
    [InlineData("factorización", "es", "factorization")]
    [InlineData("sintácticamente", "es", "sintactically")]
    [InlineData("estructura", "es", "structura")]
    [InlineData("multiplicatif", "fr", "multiplicative")]
    [InlineData("processeur", "fr", "processor")]
    [InlineData("réentrantes", "fr", null)]
    [InlineData("automatisch", "de", "automatic")]
    [InlineData("Konfiguration", "de", "configuration")]
    [InlineData("Kategorie", "de", "category")]
    [InlineData("automatic", "en", null)]
    [InlineData("automatisch", "ru", null)]
    public void A_French_Spanish_or_German_international_word_is_written_as_its_English_form(string word, string language, string? english) =>
        Assert.Equal(english, Cognates.ToEnglish(word, language));

    // A Spanish technical word no dictionary lists finds the English page through the English form of its ending; the
    // English page's own word is not respelt (an English query is searched as typed).
    [Fact]
    public async Task An_untranslated_Spanish_technical_word_finds_the_English_page_of_its_cognate()
    {
        using var index = await Index.WithAsync(
            Index.Doc("en-factor", "Integer factorization", "Factorization splits a number into primes."),
            Index.Doc("en-sort", "Sorting numbers", "Sort the numbers of a column."));

        var results = await index.SearchAsync(new SearchQuery("factorización de enteros") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);
        var english = await index.SearchAsync(new SearchQuery("factorizations") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal("en-factor", results.Ids().First());
        Assert.Contains(results.Translations, t => t.Source == "factorización" && t.TargetLanguage == "en" && t.Resource == TranslationSource.Cognate
            && t.Targets.SequenceEqual(["factorization"]));
        Assert.DoesNotContain(english.Translations, t => t.Resource == TranslationSource.Cognate && t.TargetLanguage == "en");
    }

    [Fact]
    public async Task A_cognate_match_is_listed_in_the_explanation_and_a_glossary_term_is_not_listed_as_one()
    {
        using var index = await Index.WithAsync(
            Index.Doc("ru-tabs", "Позиции табуляции", "Табуляция выравнивает текст абзаца.", language: "ru"),
            Index.Doc("en-gang", "Street gang violence", "How a gang recruits."));

        var tabulation = await index.SearchAsync(new SearchQuery("tabulation") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);
        var gang = await index.SearchAsync(new SearchQuery("банда") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Contains(tabulation.Translations, t => t.Source == "tabulation" && t.TargetLanguage == "ru" && t.Resource == TranslationSource.Cognate && t.Targets.SequenceEqual(["табулация"]));
        Assert.DoesNotContain(gang.Translations, t => t.Resource == TranslationSource.Cognate && t.TargetLanguage == "en");
    }

    [Fact]
    public async Task An_untranslated_English_word_finds_the_Russian_page_of_its_cognate_in_an_inflected_form()
    {
        using var index = await Index.WithAsync(
            Index.Doc("ru-tabs", "Позиции табуляции", "Табуляция выравнивает текст абзаца.", language: "ru"),
            Index.Doc("ru-print", "Печать документа", "Выберите принтер и нажмите кнопку.", language: "ru"));

        var results = await index.SearchAsync(new SearchQuery("tabulation") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal("ru-tabs", results.Ids().First());
        Assert.DoesNotContain("ru-print", results.Ids());
    }

    [Fact]
    public async Task A_word_the_glossary_translates_is_not_also_searched_by_its_spelling()
    {
        // "банда" is in the glossary (gang); its Latin respelling "banda", one edit from "band", must not bring in a
        // page about a brass band.
        using var index = await Index.WithAsync(
            Index.Doc("en-gang", "Street gang violence", "How a gang recruits."),
            Index.Doc("en-band", "A brass band concert", "The band plays."));

        var results = await index.SearchAsync(new SearchQuery("банда") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal(["en-gang"], results.Ids());
    }
}
