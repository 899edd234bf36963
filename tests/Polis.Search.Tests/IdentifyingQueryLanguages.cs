namespace Polis.Search.Tests;

// The query's language comes from its own letters; the interface language (English for an anonymous caller) is only
// a weak prior. Short queries of the kind people type, one to four words.
public sealed class IdentifyingQueryLanguages
{
    // Identification counts a word Hunspell knows in a form of the language (Lemmatizer): the same conditions for
    // every test, as on a server whose readiness says Healthy.
    public IdentifyingQueryLanguages() => Assert.True(Lemmatizer.Shared.WaitUntilLoaded(TimeSpan.FromMinutes(2)));

    // Lucene's Hunspell stem filter hands an unknown word back unchanged, like a dictionary form: "knows" used to be
    // true of every word. Now: headwords and inflected forms only.
    [Theory]
    [InlineData("de", "komplexes", true)]      // inflected form of "komplex"
    [InlineData("de", "wand", true)]           // headword
    [InlineData("de", "ausblenden", true)]     // headword (the "zu" rule's infinitive)
    [InlineData("de", "diagrammwand", false)]  // a compound the dictionary does not list
    [InlineData("de", "xqztvbn", false)]
    [InlineData("en", "printing", true)]
    [InlineData("en", "komplexes", false)]
    [InlineData("ru", "детали", true)]
    [InlineData("ru", "дервь", false)]
    public void Hunspell_knows_headwords_and_inflected_forms_and_not_unknown_words(string language, string word, bool known)
    {
        Assert.Equal(known, Lemmatizer.Shared.Knows(language, word));
    }

    // LibreOffice Help's German titles were often taken for English: an inflected word or a compound had no
    // dictionary bonus, only n-grams. Now a known form and a compound of known headwords count as German words.
    [Fact]
    public void An_inflected_German_word_is_German_and_a_German_compound_stays_plausible_with_an_English_interface()
    {
        Assert.Equal("de", LanguageIdentifier.Shared.Identify("komplexes", "en")[0].Language);
        Assert.Contains(LanguageIdentifier.Shared.Identify("Diagrammwand", "en"), g => g.Language == "de");
    }

    [Theory]
    [InlineData("ru", "торговля людьми")]
    [InlineData("ru", "настройки времени")]
    [InlineData("ru", "детали")]
    [InlineData("fr", "traite des êtres humains")]
    [InlineData("fr", "changer le fond d'écran")]
    [InlineData("fr", "imprimer une page")]
    [InlineData("fr", "mot de passe oublié")]
    [InlineData("de", "Menschenhandel")]
    [InlineData("de", "Hintergrundbild ändern")]
    [InlineData("de", "eine Seite drucken")]
    [InlineData("de", "Passwort vergessen")]
    [InlineData("es", "trata de personas")]
    [InlineData("es", "cambiar el fondo de escritorio")]
    [InlineData("es", "imprimir una página")]
    [InlineData("es", "contraseña olvidada")]
    [InlineData("en", "trafficking in human beings")]
    [InlineData("en", "change the wallpaper")]
    [InlineData("en", "print a page")]
    [InlineData("en", "forgotten password")]
    [InlineData("de", "Funktion FindObject")]             // a name no dictionary knows counts half
    [InlineData("fr", "Significations de WEP et WPA")]
    [InlineData("ru", "IDE для Python")]                  // Latin names in a Russian query say nothing against Russian
    [InlineData("ru", "ошибка Windows Update")]
    public void A_short_query_is_recognised_with_an_English_interface(string language, string query)
    {
        var guesses = LanguageIdentifier.Shared.Identify(query, "en");

        Assert.Equal(language, guesses[0].Language);
    }

    // Words English and French both know ("pivot", "table", "compare", "document") were French with confidence 1 for
    // an English interface, because their letters look French in word lists; a word both languages know now counts
    // for both alike, so the interface decides and French stays a candidate. A word only one of them knows still
    // decides for it.
    [Theory]
    [InlineData("Pivot Table", "fr")]
    [InlineData("Compare Document", "fr")]
    [InlineData("Formula Bar", "es")]
    public void A_query_of_words_two_languages_share_follows_the_interface_and_keeps_the_other(string query, string other)
    {
        var guesses = LanguageIdentifier.Shared.Identify(query, "en");

        Assert.Equal("en", guesses[0].Language);
        Assert.Contains(guesses, g => g.Language == other);
    }

    // "Extras" is a word of English, French, German and Spanish alike: with the interface's English first, the three
    // others tie, and none of them is dropped to keep to three candidates (German, the query's language in LibreOffice
    // Help, was the one dropped when the tie went by the letters alone).
    [Fact]
    public void Languages_exactly_as_likely_as_the_last_candidate_are_all_kept()
    {
        var guesses = LanguageIdentifier.Shared.Identify("Extras", "en");

        Assert.Equal("en", guesses[0].Language);
        Assert.Equal(["de", "es", "fr"], guesses.Skip(1).Select(g => g.Language).Order(StringComparer.Ordinal));
        Assert.Single(guesses.Skip(1).Select(g => g.Confidence).Distinct());
    }

    [Fact]
    public void A_word_only_one_of_the_languages_knows_still_decides_for_it()
    {
        Assert.Equal("fr", LanguageIdentifier.Shared.Identify("comparer le document", "en")[0].Language);
        Assert.Equal("es", LanguageIdentifier.Shared.Identify("barra de fórmulas", "en")[0].Language);
    }

    [Theory]
    [InlineData("fr", "imprimer une page")]
    [InlineData("de", "eine Seite drucken")]
    [InlineData("es", "imprimir una página")]
    [InlineData("ru", "детали")]
    public void A_French_German_or_Spanish_interface_does_not_turn_an_English_query_into_its_language(string ui, string foreign)
    {
        Assert.Equal("en", LanguageIdentifier.Shared.Identify("change the wallpaper", ui)[0].Language);
        Assert.NotEqual("en", LanguageIdentifier.Shared.Identify(foreign, ui)[0].Language);
    }

    [Fact]
    public void Confidences_add_up_to_one_and_an_ambiguous_word_keeps_several_languages()
    {
        var guesses = LanguageIdentifier.Shared.Identify("information", "en");

        Assert.Equal(1.0, guesses.Sum(g => g.Confidence), 6);
        Assert.True(guesses.Count >= 2, string.Join(", ", guesses));
        Assert.Contains(guesses, g => g.Language == "fr");
    }

    [Theory]
    [InlineData("警察")]
    [InlineData("#")]
    [InlineData("")]
    public void Text_without_letters_of_a_known_script_falls_back_to_the_interface_language(string query)
    {
        Assert.Equal([new LanguageGuess("en", 1)], LanguageIdentifier.Shared.Identify(query, null));
        Assert.Equal("de", LanguageIdentifier.Shared.Identify(query, "de-AT")[0].Language);
    }

    [Fact]
    public async Task A_French_query_from_an_anonymous_caller_is_translated_from_French()
    {
        using var index = await Index.WithAsync(
            Index.Doc("ru-thb", "Торговля людьми: выявление жертв", "Пособие для сотрудников полиции.", language: "ru"),
            Index.Doc("ru-cyber", "Киберпреступность", "Расследование преступлений в сети.", language: "ru"));

        var results = await index.SearchAsync(new SearchQuery("traite des êtres humains") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal(["ru-thb"], results.Ids());
        Assert.Contains(results.Translations, t => t.SourceLanguage == "fr" && t.TargetLanguage == "ru");
        Assert.DoesNotContain(results.Translations, t => t.SourceLanguage == "en");
    }

    // A German word in a query read as English (the English words around it outweigh it) is translated from German all
    // the same: no guessed language knows it, German does. Without this, "Kriminalpolizei" stayed untranslated and the
    // two reports tied.
    [Fact]
    public async Task A_word_only_another_language_knows_is_translated_from_that_language()
    {
        using var index = await Index.WithAsync(
            Index.Doc("police-2", "Criminal police: annual statistics report", "Figures of the year."),
            Index.Doc("police-1", "Traffic police: annual statistics report", "Figures of the year."));
        const string query = "Kriminalpolizei annual report statistics";
        Assert.Equal([new LanguageGuess("en", 1)], LanguageIdentifier.Shared.Identify(query, "en"));

        var results = await index.SearchAsync(new SearchQuery(query) { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal("police-2", results.Ids()[0]);
        Assert.Contains(results.Translations, t => t.SourceLanguage == "de" && t.Source == "Kriminalpolizei" && t.Targets.Contains("criminal police"));
        Assert.DoesNotContain(results.Translations, t => t.SourceLanguage == "de" && t.Source != "Kriminalpolizei");
    }

    // A word the query's own language knows is that language's word, whatever other language also has it: "police" in an
    // English query is not translated from French.
    [Fact]
    public async Task A_word_the_query_language_knows_is_not_translated_from_another_language()
    {
        using var index = await Index.WithAsync(
            Index.Doc("report", "Police annual report", "Figures of the year."));

        var results = await index.SearchAsync(new SearchQuery("police annual report") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal(["report"], results.Ids());
        Assert.DoesNotContain(results.Translations, t => t.SourceLanguage != "en");
        Assert.True(LanguageIdentifier.Shared.Knows("fr", "police"));
    }
}
