using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Polis.Search.Tests;

// What a search works out once per index reader (issue 21): a cognate's fuzzy expansion, a term's place in each
// segment, a word's statistics over the documents a key set may read, a misspelling's candidates. Each must give what
// Lucene gives without it, and be worked out again for the reader an index change opens.
public sealed class KeepingSearchWorkPerReader
{
    private static readonly string[] Words = ["tabulation", "translation", "training", "police", "border", "format", "macros"];

    [Fact]
    public async Task A_search_with_kept_work_answers_as_a_search_on_a_fresh_index_and_follows_index_changes()
    {
        Assert.True(Lemmatizer.Shared.WaitUntilLoaded(TimeSpan.FromMinutes(2)));   // the same lemmas for every search below
        SearchDocument[] first =
        [
            Index.Doc("ru-tabs", "Позиции табуляции", "Табуляция выравнивает текст абзаца. Формат и макросы.", language: "ru"),
            Index.Doc("en-police", "Police training at the border", "Training of border police officers."),
            Index.Doc("en-macros", "Recording macros", "A macro repeats the steps you recorded; the format is kept.", keys: ["staff"]),
            Index.Doc("de-polizei", "Polizeiausbildung an der Grenze", "Ausbildung der Grenzpolizei.", language: "de"),
        ];
        SearchDocument[] second =
        [
            Index.Doc("ru-format", "Формат документа", "Форматирование и трансляция текста, обучение полиции.", language: "ru"),
            Index.Doc("en-border", "Border management", "Tabulation of border crossings and police training."),
        ];
        using var warm = await Index.WithAsync(first);
        await AskEveryPairAsync(warm);   // the kept work of this reader, for every word

        using var cold = await Index.WithAsync(first);
        Assert.Equal(await AnswersAsync(cold), await AnswersAsync(warm));

        // An index change: the warm index's new reader must not answer with what the old one kept.
        await warm.IndexAsync(second, Index.Ct);
        using var coldAfter = await Index.WithAsync([.. first, .. second]);
        var after = await AnswersAsync(warm);
        Assert.Equal(await AnswersAsync(coldAfter), after);
        Assert.NotEqual(await AnswersAsync(cold), after);
    }

    [Fact]
    public async Task A_suggestion_follows_the_words_an_index_change_brings()
    {
        using var index = await Index.WithAsync(Index.Doc("a", "Annual report", "Budget and staff"));
        var before = await index.SearchAsync(Query("trafficing", null), Index.Ct);

        await index.IndexAsync([Index.Doc("b", "Trafficking in human beings", "Trafficking and its victims")], Index.Ct);
        var after = await index.SearchAsync(Query("trafficing", null), Index.Ct);

        Assert.Null(before.Suggestion);
        Assert.Equal("trafficking", after.Suggestion);
    }

    [Fact]
    public void A_kept_fuzzy_expansion_is_Lucene_s_own_and_is_made_again_for_a_new_reader()
    {
        using var directory = new RAMDirectory();
        using var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48)));
        Add(writer, "табуляции табулятор таблица");
        Add(writer, "табуляция текст");
        writer.Commit();
        using var reader = DirectoryReader.Open(directory);
        var term = new Term("body", "табулация");

        var plain = new FuzzyQuery(term, 2, 1, 3, true) { Boost = 4f };
        var kept = FuzzyExpansions.Query(term, 2, 1, 3, true, 4f);
        var searcher = new IndexSearcher(reader);
        var expected = searcher.Rewrite(plain);
        Assert.Equal(expected, searcher.Rewrite(kept));
        Assert.Equal(1, FuzzyExpansions.CountFor(reader));
        // Asked again (a new query object of the same value), inside a parent that changes the boost of what it
        // rewrote: the same expansion, and the kept one is not changed by the parent.
        var parent = new BooleanQuery { { FuzzyExpansions.Query(new Term("body", "табулация"), 2, 1, 3, true, 4f), Occur.SHOULD } };
        parent.Boost = 3f;
        Assert.Equal(3f * expected.Boost, searcher.Rewrite(parent).Boost);
        Assert.Equal(expected, searcher.Rewrite(kept));
        Assert.Equal(1, FuzzyExpansions.CountFor(reader));
        Assert.Equal(Scores(searcher, plain), Scores(searcher, kept));

        // A closer word arrives: the new reader expands again, as Lucene does.
        Add(writer, "табулация");
        writer.Commit();
        using var changed = DirectoryReader.OpenIfChanged(reader)!;
        var newSearcher = new IndexSearcher(changed);
        Assert.Equal(0, FuzzyExpansions.CountFor(changed));
        var expandedAgain = newSearcher.Rewrite(kept);
        Assert.Equal(newSearcher.Rewrite(plain), expandedAgain);
        Assert.NotEqual(expected, expandedAgain);
        Assert.Equal(Scores(newSearcher, plain), Scores(newSearcher, kept));
    }

    [Fact]
    public void A_kept_term_context_scores_as_Lucene_s_term_query_and_is_looked_up_again_for_a_new_reader()
    {
        using var directory = new RAMDirectory();
        using var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48)));
        Add(writer, "police training");
        Add(writer, "border police police");
        writer.Commit();
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);

        Assert.Equal(Scores(searcher, new TermQuery(new Term("body", "police"))), Scores(searcher, new ReaderTermQuery(new Term("body", "police"))));
        Assert.Equal(Scores(searcher, new TermQuery(new Term("body", "police"))), Scores(searcher, new ReaderTermQuery(new Term("body", "police"))));
        Assert.Equal(1, ReaderTermQuery.CountFor(reader));

        Add(writer, "police");
        Add(writer, "customs");
        writer.Commit();
        using var changed = DirectoryReader.OpenIfChanged(reader)!;
        var newSearcher = new IndexSearcher(changed);
        var after = Scores(newSearcher, new ReaderTermQuery(new Term("body", "police")));
        Assert.Equal(Scores(newSearcher, new TermQuery(new Term("body", "police"))), after);
        Assert.Equal(3, after.Length);
    }

    [Fact]
    public void Visible_statistics_are_kept_per_reader_and_key_set_and_count_what_a_fresh_count_counts()
    {
        using var directory = new RAMDirectory();
        using var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48)));
        Add(writer, "police training", "public");
        Add(writer, "police police", "staff");
        writer.Commit();
        using var reader = DirectoryReader.Open(directory);
        var term = new Term("body", "police");
        static Filter Access(string key) => new QueryWrapperFilter(new TermQuery(new Term("key", key)));

        var kept = VisibleStatistics.For(reader, "public", () => Access("public"));
        Assert.Same(kept, VisibleStatistics.For(reader, "public", () => throw new InvalidOperationException("counted twice")));
        var first = kept.TermStatistics(term);
        var again = kept.TermStatistics(new Term("body", "police"));
        var fresh = new VisibleStatistics(reader, Access("public")).TermStatistics(term);
        Assert.Equal((1L, 1L), (first.DocFreq, first.TotalTermFreq));
        Assert.Equal((fresh.DocFreq, fresh.TotalTermFreq), (again.DocFreq, again.TotalTermFreq));
        Assert.Equal(1, kept.CountedTerms);
        var staff = VisibleStatistics.For(reader, "staff", () => Access("staff")).TermStatistics(term);
        Assert.Equal((1L, 2L), (staff.DocFreq, staff.TotalTermFreq));

        Add(writer, "police", "public");
        writer.Commit();
        using var changed = DirectoryReader.OpenIfChanged(reader)!;
        var newer = VisibleStatistics.For(changed, "public", () => Access("public"));
        Assert.NotSame(kept, newer);
        Assert.Equal(2L, newer.TermStatistics(term).DocFreq);
    }

    private static SearchQuery Query(string text, IReadOnlyList<string>? keys) =>
        new(text) { Access = keys is null ? SearchAccess.Everything : SearchAccess.Keys(keys), UiLanguage = "en" };

    private static async Task AskEveryPairAsync(LuceneSearchIndex index)
    {
        foreach (var a in Words)
        {
            foreach (var b in Words)
            {
                await index.SearchAsync(Query(a + " " + b, Index.PublicKeys), Index.Ct);
                await index.SearchAsync(Query(b + " " + a + " x", null), Index.Ct);
            }
        }
    }

    // Every answer that depends on the search's work: ids, scores, snippets, totals, translations and suggestions, for
    // a public viewer and for everything, with queries not asked before on either index.
    private static async Task<List<string>> AnswersAsync(LuceneSearchIndex index)
    {
        var answers = new List<string>();
        string[] texts = ["tabulation police", "format macros", "training border", "трансляция", "polise trainng", "border tabulation format"];
        foreach (var text in texts)
        {
            foreach (var keys in new[] { Index.PublicKeys, null })
            {
                var results = await index.SearchAsync(Query(text, keys), Index.Ct);
                answers.Add($"{text} {keys?.Length} {results.Total} {results.Suggestion} "
                    + string.Join(" | ", results.Hits.Select(h => $"{h.Id} {h.Score:R} {string.Concat(h.Snippet.Select(p => p.Highlighted ? "[" + p.Text + "]" : p.Text))}"))
                    + " || " + string.Join(" | ", results.Translations.Select(t => $"{t.Source}>{t.TargetLanguage}:{string.Join(",", t.Targets)}:{t.Resource}")));
            }
        }
        return answers;
    }

    private static float[] Scores(IndexSearcher searcher, Query query) =>
        [.. searcher.Search(query, 10).ScoreDocs.OrderBy(d => d.Doc).Select(d => d.Score)];

    private static void Add(IndexWriter writer, string body, string key = "public") =>
        writer.AddDocument(new Document { new TextField("body", body, Field.Store.NO), new StringField("key", key, Field.Store.NO) });
}
