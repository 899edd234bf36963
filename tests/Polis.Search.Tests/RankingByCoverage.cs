using System.Diagnostics;

namespace Polis.Search.Tests;

// Ranking rewards documents that cover more of the query's words (each word's translations count once), a one-word
// title does not win on its own, ties are broken by date then id, and odd queries are answered quickly.
public sealed class RankingByCoverage
{
    [Fact]
    public async Task A_page_matching_every_word_ranks_above_a_one_word_title_matching_one()
    {
        using var index = await Index.WithAsync(
            Index.Doc("short", "Printers", "Printers and their drivers."),
            Index.Doc("full", "Set up a printer shared over the network", "How to share a printer on the office network with colleagues."));

        var results = await index.SearchAsync("share printer network");

        Assert.Equal("full", results.Ids()[0]);
    }

    [Fact]
    public async Task A_word_no_page_holds_does_not_make_every_page_a_partial_match()
    {
        // "zqxwv" is in no page (an unknown name, a word no dictionary translates): covering the two findable words is
        // a full match (CoverageQuery), so the page holding both in its body outranks a one-word title holding one.
        using var index = await Index.WithAsync(
            Index.Doc("short", "Printers", "Printers."),
            Index.Doc("full", "Office guide", "This guide explains how a shared printer is reached over the office network, which settings the administrator chooses, and what colleagues need to know before they print."));

        var results = await index.SearchAsync("printer network zqxwv");
        var withoutTheUnknownWord = await index.SearchAsync("printer network");

        Assert.Equal(["full", "short"], results.Ids());
        Assert.Equal(withoutTheUnknownWord.Ids(), results.Ids());
    }

    [Fact]
    public async Task A_body_that_keeps_returning_to_the_query_words_outranks_a_short_body_that_mentions_them_once()
    {
        // Bodies are normalised by 1/length^0.375 (PolisSimilarity.BodyNormPower), not 1/sqrt(length): with the square
        // root, a note of four indexed words naming both once outranked a page about them, fourteen times longer, that
        // names each ten times.
        var page = string.Join(' ', Enumerable.Repeat("Printer network", 10)) + " the office keeps records of every step taken the office keeps records of every step taken the office keeps records of every step taken the office keeps records of every step taken the office keeps records of every step taken the office keeps records of every step taken";
        using var index = await Index.WithAsync(
            Index.Doc("note", "Note", "A printer on the network was moved today."),
            Index.Doc("page", "Guide", page));

        var results = await index.SearchAsync("printer network");

        Assert.Equal(["page", "note"], results.Ids());
    }

    [Fact]
    public async Task A_one_word_query_ranks_the_page_titled_by_that_word_above_longer_titles_that_mention_it_more()
    {
        // Length normalisation floors at two terms (PolisSimilarity.ShortFieldTerms): a one- or two-word title that is
        // the query outranks a three-word title holding it, even when that page repeats the word in its body.
        using var index = await Index.WithAsync(
            Index.Doc("longer", "Inserting table columns", "Columns are inserted left of the selected columns; columns can be deleted too."),
            Index.Doc("exact", "Columns", "Sets the number of columns."));

        var results = await index.SearchAsync("columns");

        Assert.Equal(["exact", "longer"], results.Ids());
    }

    [Fact]
    public async Task A_translated_query_ranks_the_page_covering_every_translated_word_first()
    {
        using var index = await Index.WithAsync(
            Index.Doc("victims", "Victims", "Support for victims."),
            Index.Doc("thb-victims", "Identification of victims of trafficking in human beings", "Guidance for police on trafficking victims."));

        var results = await index.SearchAsync("жертвы торговли людьми");

        Assert.Equal("thb-victims", results.Ids()[0]);
    }

    // Two pages of the same length holding the same words the same number of times: "together" opens with the
    // sentence first + second, "apart" opens with first and holds second three filler lines later (ProximityQuery).
    // Only nearness tells them apart; without it they tie and the tie-break (id) would put "apart" first.
    private const string Filler = "the office keeps records of every step taken by its staff in the course of the year ";

    private static Task<LuceneSearchIndex> TogetherAndApartAsync(string first, string second)
    {
        var filler = string.Concat(Enumerable.Repeat(Filler, 3));
        return Index.WithAsync(
            Index.Doc("apart", "Guide", $"{first} everything. {filler}{second}. {filler}"),
            Index.Doc("together", "Guide", $"{first} {second}. {filler}{filler}Everything."));
    }

    [Fact]
    public async Task A_page_whose_query_words_stand_together_ranks_above_one_holding_them_far_apart()
    {
        using var index = await TogetherAndApartAsync("Restart", "the spooler when the queue stalls");

        var results = await index.SearchAsync("restart queue");

        Assert.Equal(["together", "apart"], results.Ids());
    }

    // Both pages hold the two words within the window, the same number of times, in bodies of the same length: the page
    // where they stand side by side ranks first (before, every pair within the window counted alike and the tie went to
    // the page's id, "a-sentence-apart").
    [Fact]
    public async Task A_page_whose_query_words_stand_side_by_side_ranks_above_one_holding_them_a_sentence_apart()
    {
        var words = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen";
        using var index = await Index.WithAsync(
            Index.Doc("a-sentence-apart", "Guide", $"Restart {words} queue."),
            Index.Doc("b-side-by-side", "Guide", $"Restart queue {words}."));

        var results = await index.SearchAsync("restart queue");

        Assert.Equal(["b-side-by-side", "a-sentence-apart"], results.Ids());
        Assert.True(ProximityQuery.PairWeight(16) < ProximityQuery.PairWeight(1));
    }

    [Fact]
    public async Task A_translated_query_ranks_the_page_whose_translations_stand_together_first()
    {
        // "патруль свидетель" → patrol, witness (the glossary): the same English words in both pages, near in one.
        using var index = await TogetherAndApartAsync("The patrol met", "a witness at the crossing");

        var results = await index.SearchAsync(new SearchQuery("патруль свидетель") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        var explained = string.Join("; ", results.Translations.Select(t => $"{t.Source} → {string.Join(", ", t.Targets)} ({t.Resource})"));
        Assert.True(results.Translations.Any(t => t.Source == "патруль" && t.Targets.Contains("patrol")), explained);
        Assert.True(results.Translations.Any(t => t.Source == "свидетель" && t.Targets.Contains("witness")), explained);
        Assert.Equal(["together", "apart"], results.Ids());
    }

    [Fact]
    public async Task Pages_of_a_search_ordered_again_by_nearness_neither_repeat_nor_skip_a_page()
    {
        // Only the best RescoreDepth pages by the words' own score are ordered again by nearness; the pages after them
        // keep their order. Paging through must still give every match exactly once, in one order for every page.
        var filler = string.Concat(Enumerable.Repeat(Filler, 2));
        var documents = Enumerable.Range(0, 12).Select(i => i % 2 == 0
            ? Index.Doc($"together-{i:00}", "Guide", $"Restart the spooler when the queue stalls. {string.Concat(Enumerable.Repeat(filler, 1 + i / 3))}")
            : Index.Doc($"apart-{i:00}", "Guide", $"Restart everything. {filler}The spooler when the queue stalls. {string.Concat(Enumerable.Repeat(filler, i / 3))}"))
            .ToArray();
        using var index = await Index.WithAsync(documents);
        index.RescoreDepth = 5;

        var pages = new List<SearchResults>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add(await index.SearchAsync(new SearchQuery("restart queue") { Access = SearchAccess.Everything, Page = page, PageSize = 3 }, Index.Ct));
        }
        var all = await index.SearchAsync(new SearchQuery("restart queue") { Access = SearchAccess.Everything, PageSize = 12 }, Index.Ct);

        var paged = pages.SelectMany(p => p.Ids()).ToArray();
        Assert.Equal(12, all.Total);
        Assert.Equal(12, paged.Distinct().Count());
        Assert.Equal(all.Ids(), paged);
        Assert.StartsWith("together-", all.Ids()[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Equal_scores_are_ordered_newest_first_then_by_id_whatever_the_index_order()
    {
        var documents = new[]
        {
            Index.Doc("b", "Border police", date: new DateOnly(2020, 1, 1)),
            Index.Doc("c", "Border police", date: new DateOnly(2024, 1, 1)),
            Index.Doc("a", "Border police", date: new DateOnly(2020, 1, 1)),
            Index.Doc("d", "Border police"),
        };
        using var forward = await Index.WithAsync(documents);
        using var backward = await Index.WithAsync([.. documents.Reverse()]);

        var one = await forward.SearchAsync("border police");
        var other = await backward.SearchAsync("border police");

        Assert.Equal(["c", "a", "b", "d"], one.Ids());
        Assert.Equal(one.Ids(), other.Ids());
    }

    [Theory]
    [InlineData("警察の訓練")]
    [InlineData("x")]
    [InlineData("Jean-Pierre Dupont")]
    [InlineData("Иванов")]
    [InlineData("Polizeidatenbankverwaltungsvorschriftenentwurfsfassung")]
    public async Task Odd_queries_are_answered_and_explained_without_error(string query)
    {
        using var index = await Index.WithAsync(
            Index.Doc("en-1", "Police training", "Training for police officers."),
            Index.Doc("ru-1", "Подготовка полиции", "Обучение сотрудников полиции.", language: "ru"));

        var results = await index.SearchAsync(new SearchQuery(query) { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Null(results.Error);
        Assert.Equal(["en", "ru"], results.TranslationLanguages);   // the explanation: what translation could target
        Assert.DoesNotContain(results.Translations, t => t.TargetLanguage is not ("en" or "ru"));
    }

    [Fact]
    public async Task A_symbol_alone_is_answered_with_an_explanation_instead_of_hits()
    {
        using var index = await Index.WithAsync(Index.Doc("en-1", "Police training", "Training for police officers."));

        var results = await index.SearchAsync(new SearchQuery("§") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Empty(results.Hits);
        Assert.Equal(LuceneQueryBuilder.NoWordsError, results.Error);
    }

    [Fact]
    public async Task A_query_of_a_thousand_words_is_answered_quickly()
    {
        using var index = await Index.WithAsync(
            Index.Doc("en-1", "Police training", "Training for police officers."),
            Index.Doc("ru-1", "Подготовка полиции", "Обучение сотрудников полиции.", language: "ru"));
        var words = string.Join(' ', Enumerable.Range(0, 1000).Select(i => i % 3 == 0 ? "полиция" : i % 3 == 1 ? "training" : "Ausbildung"));
        await index.SearchAsync("warm up");

        var watch = Stopwatch.StartNew();
        var results = await index.SearchAsync(new SearchQuery(words) { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Null(results.Error);
        Assert.NotEmpty(results.Hits);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"{watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.InRange(results.Translations.Select(t => t.Source).Distinct().Count(), 1, LuceneQueryBuilder.MaxTranslatedStems);
    }
}
