namespace Polis.Search.Tests;

// The lexicon behind the search, through QueryTranslator, as the search host wires it.
[Collection(InstalledLexiconTests.Name)]
public sealed class SearchingAcrossLanguagesWithTheLexicon(InstalledLexicon installed)
{
    private static readonly SearchDocument[] Corpus =
    [
        Index.Doc("en-border", "Training of border guards", "A course for the officers who guard the state border."),
        Index.Doc("en-cyber", "Cybercrime investigation", "Digital evidence."),
    ];

    [Fact]
    public async Task A_Russian_query_the_glossary_cannot_translate_finds_an_English_document_through_the_lexicon()
    {
        using var withLexicon = await IndexAsync(new QueryTranslator(GlossaryTranslator.Default, () => installed.Lexicon, TranslationResources.All));
        using var glossaryOnly = await IndexAsync(new QueryTranslator(GlossaryTranslator.Default, () => null, TranslationResources.All));

        var found = await withLexicon.SearchAsync("пограничная стража");
        var notFound = await glossaryOnly.SearchAsync("пограничная стража");

        Assert.Equal(["en-border"], found.Ids());
        Assert.Empty(notFound.Ids());
        Assert.Contains(found.Translations, t => t.SourceLanguage == "ru" && t.TargetLanguage == "en" && t.Targets.Contains("border guard"));
    }

    // Built queries are cached per text (issue 21); a lexicon that arrives (or changes) after a search is used by the
    // next search of the same text.
    [Fact]
    public async Task A_lexicon_loaded_after_a_search_translates_the_same_query_at_once()
    {
        Lexicon? current = null;
        using var index = await IndexAsync(new QueryTranslator(GlossaryTranslator.Default, () => current, TranslationResources.All));

        var before = await index.SearchAsync("пограничная стража");
        var again = await index.SearchAsync("пограничная стража");
        current = installed.Lexicon;
        var after = await index.SearchAsync("пограничная стража");

        Assert.Empty(before.Ids());
        Assert.Empty(again.Ids());
        Assert.Equal(["en-border"], after.Ids());
    }

    [Fact]
    public async Task Without_pivots_a_translation_found_only_through_a_pivot_is_not_used()
    {
        using var directOnly = await IndexAsync(new QueryTranslator(GlossaryTranslator.Default, () => installed.Lexicon, new TranslationResources { Pivots = false }));

        var results = await directOnly.SearchAsync("пограничная стража");

        Assert.Empty(results.Ids());
    }

    // A Russian adjective or participle no dictionary lists ("программная", "programmatic") is translated through the word
    // it is made from (программа), found by its stem shortened by a letter or a few.
    [Fact]
    public async Task A_Russian_word_no_dictionary_lists_is_translated_through_the_word_it_is_made_from()
    {
        Assert.True(Lemmatizer.Shared.WaitUntilLoaded(TimeSpan.FromMinutes(2)));
        using var index = LuceneSearchIndex.InMemory(new QueryTranslator(GlossaryTranslator.Default, () => installed.Lexicon, TranslationResources.All));
        await index.IndexAsync(
            [
                Index.Doc("en-program", "Program settings", "How the program starts."),
                Index.Doc("en-cyber", "Cybercrime investigation", "Digital evidence."),
            ], Index.Ct);

        var results = await index.SearchAsync(new SearchQuery("программная") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal(["en-program"], results.Ids());
        Assert.Contains(results.Translations, t => t.Source == "программная" && t.TargetLanguage == "en" && t.Resource != TranslationSource.Cognate
            && t.Targets.Contains("program"));
    }

    [Theory]
    [InlineData("детали", "деталь")]
    [InlineData("Einstellungen", "Einstellung")]
    [InlineData("imprimez", "imprimer")]
    public async Task An_inflected_word_is_translated_like_its_dictionary_form(string inflected, string lemma)
    {
        Assert.True(LanguageIdentifier.HasHunspell, "These tests need the Hunspell dictionaries of tests/run.sh (hunspell-ru, hunspell-fr, hunspell-de-de, …).");
        Assert.True(Lemmatizer.Shared.WaitUntilLoaded(TimeSpan.FromMinutes(2)));
        using var index = await IndexAsync(new QueryTranslator(GlossaryTranslator.Default, () => installed.Lexicon, TranslationResources.All));

        var fromLemma = await index.SearchAsync(new SearchQuery(lemma) { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);
        var fromInflected = await index.SearchAsync(new SearchQuery(inflected) { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        // The dictionary form's direct senses come first, in its order (a cognate, the word respelt, is listed as it was
        // typed: "detali", "detal"; pivot senses may give way to the form's own secondary ones: Müller's "minutiae" for
        // the plural "детали").
        var expected = fromLemma.Translations.Where(t => t.TargetLanguage == "en" && t.Resource is TranslationSource.Dictionary or TranslationSource.Software)
            .SelectMany(t => t.Targets).ToList();
        var actual = fromInflected.Translations.Where(t => t.TargetLanguage == "en" && t.Resource != TranslationSource.Cognate).SelectMany(t => t.Targets).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual.Take(expected.Count));
    }

    // The lemma of "Erweiterte" is the verb erweitern (extend); the form's own stem erweitert is the adjective,
    // "advanced", which is what an interface and its help call the page. Both are searched (a dictionary written by
    // the test, so that each sense's origin is known).
    [Fact]
    public async Task A_word_is_searched_by_its_dictionary_form_and_by_its_own_form()
    {
        using var folder = new TempFolder();
        using var index = await IndexWithGermanDingAsync(folder, "erweitern {vt} :: to extend\nerweitert {adj} :: advanced",
            Index.Doc("en-advanced", "Advanced options", "Options for experienced users."),
            Index.Doc("en-extend", "Extending a deadline", "How to extend the time allowed."),
            Index.Doc("en-cyber", "Cybercrime investigation", "Digital evidence."));

        var results = await index.SearchAsync(new SearchQuery("Erweiterte") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal(["en-advanced", "en-extend"], results.Ids().Order(StringComparer.Ordinal));
        var english = results.Translations.Where(t => t.TargetLanguage == "en" && t.Resource == TranslationSource.Dictionary).SelectMany(t => t.Targets).ToList();
        Assert.Equal(["advanced", "to extend"], english.Order(StringComparer.Ordinal));
    }

    // The lemma of "Erweiterte" (erweitern) has another stem than the word, so the query's words were looked up by
    // their lemmas alone and the phrase "erweiterte Suche" (advanced search) was lost: the page on advanced search
    // matched "search" only, no better than any page about searching. The phrase as written is kept, and the lemma's
    // sense counts as one of its words, below it.
    [Fact]
    public async Task A_phrase_of_the_words_as_written_is_kept_when_a_lemma_of_one_of_them_differs()
    {
        using var folder = new TempFolder();
        using var index = await IndexWithGermanDingAsync(folder,
            "erweitern {vt} :: to extend\nSuche {f} :: search\nerweiterte Suche {f} :: advanced search",
            Index.Doc("en-a-tips", "Search tips", "Short queries find more."),
            Index.Doc("en-b-advanced", "Advanced search", "Find documents by several fields at once."),
            Index.Doc("en-cyber", "Cybercrime investigation", "Digital evidence."));

        var results = await index.SearchAsync(new SearchQuery("Erweiterte Suche") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal(["en-b-advanced", "en-a-tips"], results.Ids());
        Assert.Contains(results.Translations, t => t.Source == "Erweiterte Suche" && t.Targets.Contains("advanced search"));
        Assert.Contains(results.Translations, t => t.Source == "Erweiterte" && t.Targets.Contains("to extend"));
    }

    // "auszublenden" is "ausblenden" with the infix "zu" of a separable verb: Hunspell does not list it, the
    // dictionaries translate the infinitive (Lemmatizer.WithoutInfixZu).
    [Fact]
    public async Task A_German_verb_with_the_infix_zu_is_translated_like_its_infinitive()
    {
        using var folder = new TempFolder();
        using var index = await IndexWithGermanDingAsync(folder, "ausblenden {vt} :: to hide",
            Index.Doc("en-hide", "Hiding the toolbar", "Choose View to hide it."),
            Index.Doc("en-cyber", "Cybercrime investigation", "Digital evidence."));

        var results = await index.SearchAsync(new SearchQuery("die Symbolleiste auszublenden") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal("en-hide", results.Ids().FirstOrDefault());
        Assert.Contains(results.Translations, t => t.TargetLanguage == "en" && t.Targets.Contains("to hide"));
        Assert.Equal("ausblenden", Lemmatizer.WithoutInfixZu("auszublenden"));
        Assert.Null(Lemmatizer.WithoutInfixZu("zuordnen"));
    }

    // Dictionaries give a Russian verb as its infinitive, help pages use the imperative: the snowball stems differ
    // (разгруппирова, разгруппир), so the translation's stem shortened by up to three letters is searched as a prefix.
    [Fact]
    public async Task An_English_query_finds_the_Russian_page_that_uses_another_form_of_the_translation()
    {
        using var folder = new TempFolder();
        using var index = await IndexWithEnglishRussianAsync(folder,
            ["ungroup /ʌnˈɡruːp/\nразгруппировать\n", "police /pəˈliːs/\nполиция\n"],
            Index.Doc("ru-ungroup", "Работа с группами", "Выделите группу и разгруппируйте её.", "ru"),
            Index.Doc("ru-police", "Полиция", "Работа полиции с группами граждан.", "ru"));

        var results = await index.SearchAsync(new SearchQuery("ungroup") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal(["ru-ungroup"], results.Ids());
        Assert.Contains(results.Translations, t => t.TargetLanguage == "ru" && t.Targets.Contains("разгруппировать"));
    }

    // "page break" is one headword (разрыв страницы), and it covers both words; the word "page" also keeps its own
    // translation (страница), so a page about pages, not their breaks, is found too, below the phrase's page.
    [Fact]
    public async Task The_words_of_a_translated_phrase_keep_their_own_translations_below_the_phrase()
    {
        using var folder = new TempFolder();
        using var index = await IndexWithEnglishRussianAsync(folder,
            ["page /peɪdʒ/\nстраница\n", "page break /peɪdʒ breɪk/\nразрыв страницы\n", "police /pəˈliːs/\nполиция\n"],
            Index.Doc("ru-break", "Вставка разрыва страницы", "Разрыв страницы начинает новую.", "ru"),
            Index.Doc("ru-page", "Нумерация", "Номер на каждой странице.", "ru"),
            Index.Doc("ru-other", "Киберпреступность", "Цифровые доказательства.", "ru"));

        var results = await index.SearchAsync(new SearchQuery("page break") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal(["ru-break", "ru-page"], results.Ids());
    }

    // A one-word glossary term is the word's policing sense, not its only one: запрос is a request for assistance and a
    // database's query. The dictionary's sense is searched too, below the glossary's, and both are explained.
    [Fact]
    public async Task A_one_word_glossary_term_keeps_the_dictionary_senses_of_the_word_below_it()
    {
        using var folder = new TempFolder();
        using var index = await IndexWithEnglishRussianAsync(folder,
            ["query /ˈkwɪəri/\nзапрос\n", "police /pəˈliːs/\nполиция\n"],
            Index.Doc("en-request", "Request for assistance", "A state asks for help."),
            Index.Doc("en-query", "Saving a database query", "The query is kept with the database."),
            Index.Doc("en-other", "Cybercrime investigation", "Digital evidence."));

        var results = await index.SearchAsync(new SearchQuery("запрос") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal(["en-request", "en-query"], results.Ids());
        var toEnglish = results.Translations.Where(t => t.Source == "запрос" && t.TargetLanguage == "en").ToList();
        Assert.Equal(TranslationSource.Glossary, toEnglish[0].Resource);
        Assert.Contains(toEnglish, t => t.Resource == TranslationSource.Dictionary && t.Targets.Contains("query"));
    }

    // граница has a direct translation (border: the glossary's and the dictionary's) and, through German Grenze, a pivot
    // sense (limit). A pivot sense beside a direct one is often a far sense, and bodies mention far senses everywhere: it
    // is searched in titles, where a page is named by it, and not in bodies (issue 20, thirteenth part). It is still
    // explained.
    [Fact]
    public async Task A_pivot_sense_beside_a_direct_translation_is_searched_in_titles_only()
    {
        using var folder = new TempFolder();
        using var index = await IndexWithEnglishRussianAsync(folder,
            ["border /bɔːdə/\nграница\n", "police /pəˈliːs/\nполиция\n"],
            Index.Doc("en-border", "Crossing points", "Officers guard the border."),
            Index.Doc("en-limits", "Speed limits", "How fast a car may go."),
            Index.Doc("en-detention", "Detention", "The time limit of a detention."),
            Index.Doc("en-cyber", "Cybercrime investigation", "Digital evidence."));

        var results = await index.SearchAsync(new SearchQuery("граница") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal(["en-border", "en-limits"], results.Ids().Order(StringComparer.Ordinal));
        Assert.Contains(results.Translations, t => t.TargetLanguage == "en" && t.Resource != TranslationSource.Pivot && t.Targets.Contains("border"));
        Assert.Contains(results.Translations, t => t.TargetLanguage == "en" && t.Resource == TranslationSource.Pivot && t.Targets.Contains("limit"));
    }

    // Müller's dictionary (the secondary one) gives general senses: searched as pivot senses are, in titles only beside a
    // direct translation (граница: border from eng-rus; limit from Müller and through German Grenze), in bodies too
    // when nothing else translates the word (край: edge), and explained as a dictionary's, on the line of the main
    // dictionary's senses when there is one.
    [Fact]
    public async Task Muellers_senses_are_searched_as_pivot_senses_are_and_explained_as_a_dictionarys()
    {
        using var folder = new TempFolder();
        var options = LexiconFiles.WriteSmallSet(folder.Path, folder.File(Lexicon.FileName));
        LexiconFiles.WriteDictd(folder.Path, "mueller7", "Mueller English-Russian Dictionary",
            "limit\n   [ˈlɪmɪt] _n.\n   1) предел, граница\n",
            "edge\n   [edʒ] _n.\n   1) край; on the edge of на грани\n",
            "kit\n   [kɪt] _n.\n   1) набор; first-aid kit аптечка\n");
        LexiconBuilder.Build(options, null, Index.Ct);
        var lexicon = Lexicon.Open(options.OutputPath);
        using var index = LuceneSearchIndex.InMemory(new QueryTranslator(GlossaryTranslator.Default, () => lexicon, TranslationResources.All));
        await index.IndexAsync(
        [
            Index.Doc("en-border", "Crossing points", "Officers guard the border."),
            Index.Doc("en-limits", "Speed limits", "How fast a car may go."),
            Index.Doc("en-detention", "Detention", "The time limit of a detention."),
            Index.Doc("en-edge", "Roads", "Parking at the edge of a road."),
        ], Index.Ct);

        var border = await index.SearchAsync(new SearchQuery("граница") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);
        var edge = await index.SearchAsync(new SearchQuery("край") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal(["en-border", "en-limits"], border.Ids().Order(StringComparer.Ordinal));
        Assert.Contains(border.Translations, t => t.TargetLanguage == "en" && t.Resource == TranslationSource.Dictionary && t.Targets.Contains("limit"));
        Assert.Equal(["en-edge"], edge.Ids());
        // набор: set from eng-rus, kit from Müller, on one dictionary line, the main dictionary's sense first
        var kit = await index.SearchAsync(new SearchQuery("набор") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);
        var line = Assert.Single(kit.Translations, t => t.TargetLanguage == "en" && t.Resource == TranslationSource.Dictionary);
        Assert.Equal(["set", "kit"], line.Targets);
        Assert.Contains(edge.Translations, t => t.TargetLanguage == "en" && t.Resource == TranslationSource.Dictionary && t.Targets.SequenceEqual(["edge"]));
    }

    // The small set of dictionaries with its English–Russian one replaced by the given entries, and the documents.
    // The small lexicon with German–English lines added to its Ding file, Hunspell loaded (lemmas are the point).
    private static async Task<LuceneSearchIndex> IndexWithGermanDingAsync(TempFolder folder, string dingLines, params SearchDocument[] documents)
    {
        Assert.True(LanguageIdentifier.HasHunspell, "These tests need the Hunspell dictionaries of tests/run.sh (hunspell-ru, hunspell-fr, hunspell-de-de, …).");
        Assert.True(Lemmatizer.Shared.WaitUntilLoaded(TimeSpan.FromMinutes(2)));
        var options = LexiconFiles.WriteSmallSet(folder.Path, folder.File(Lexicon.FileName));
        await File.AppendAllTextAsync(options.DingFile, "\n" + dingLines + "\n", Index.Ct);
        LexiconBuilder.Build(options, null, Index.Ct);
        var lexicon = Lexicon.Open(options.OutputPath);
        var index = LuceneSearchIndex.InMemory(new QueryTranslator(GlossaryTranslator.Default, () => lexicon, TranslationResources.All));
        await index.IndexAsync(documents, Index.Ct);
        return index;
    }

    private static async Task<LuceneSearchIndex> IndexWithEnglishRussianAsync(TempFolder folder, string[] englishRussian, params SearchDocument[] documents)
    {
        var options = LexiconFiles.WriteSmallSet(folder.Path, folder.File(Lexicon.FileName));
        LexiconFiles.WriteDictd(folder.Path, "freedict-eng-rus", LexiconFiles.ErganeInfo, englishRussian);
        LexiconBuilder.Build(options, null, Index.Ct);
        var lexicon = Lexicon.Open(options.OutputPath);
        var index = LuceneSearchIndex.InMemory(new QueryTranslator(GlossaryTranslator.Default, () => lexicon, TranslationResources.All));
        await index.IndexAsync(documents, Index.Ct);
        return index;
    }

    private static async Task<LuceneSearchIndex> IndexAsync(ITermTranslator translator)
    {
        var index = LuceneSearchIndex.InMemory(translator);
        await index.IndexAsync(Corpus, Index.Ct);
        return index;
    }
}
