namespace Polis.Search.Tests;

public sealed class KeepingRestrictedDocumentsHidden
{
    private static Task<LuceneSearchIndex> CorpusAsync() => Index.WithAsync(
        Index.Doc("public", "Police reform guidebook", facets: [("type", ["guidebook"])]),
        Index.Doc("restricted", "Police reform needs assessment", keys: ["org:mission-kg"], facets: [("type", ["assessment"])]),
        Index.Doc("members", "Police reform lessons learned", keys: ["members", "org:mission-kg"], facets: [("type", ["note"])]));

    private static SearchQuery Query(IReadOnlyList<string>? keys) => new("police reform") { Access = keys is null ? SearchAccess.Everything : SearchAccess.Keys(keys), FacetFields = ["type"] };

    [Fact]
    public async Task A_viewer_without_the_key_sees_no_hit_no_count_and_no_facet_of_it()
    {
        using var index = await CorpusAsync();

        var results = await index.SearchAsync(Query(["public"]), Index.Ct);

        Assert.Equal(["public"], results.Ids());
        Assert.Equal(1, results.Total);
        Assert.Equal([new FacetCount("guidebook", 1)], results.Facets["type"]);
    }

    [Fact]
    public async Task A_viewer_with_one_of_the_keys_sees_the_document()
    {
        using var index = await CorpusAsync();

        var results = await index.SearchAsync(Query(["public", "members"]), Index.Ct);

        Assert.Equal(["members", "public"], results.Ids().Order(StringComparer.Ordinal));
        Assert.Equal(2, results.Total);
        Assert.Equal(2, results.Facets["type"].Sum(c => c.Count));
    }

    [Fact]
    public async Task An_unrestricted_viewer_sees_everything_and_a_viewer_without_keys_sees_nothing()
    {
        using var index = await CorpusAsync();

        var administrator = await index.SearchAsync(Query(null), Index.Ct);
        var nobody = await index.SearchAsync(Query([]), Index.Ct);
        var browsingNobody = await index.SearchAsync(new SearchQuery("") { Access = SearchAccess.Keys([]) }, Index.Ct);

        Assert.Equal(3, administrator.Total);
        Assert.Equal(3, administrator.Facets["type"].Sum(c => c.Count));
        Assert.Equal(0, nobody.Total);
        Assert.Empty(nobody.Hits);
        Assert.Empty(nobody.Facets["type"]);
        Assert.Equal(0, browsingNobody.Total);
    }

    [Fact]
    public async Task A_restricted_document_stays_hidden_when_searched_by_its_symbol()
    {
        using var index = await Index.WithAsync(
            Index.Doc("secret", "Internal note", symbol: "SEC.GAL/62/10", keys: ["org:secretariat"]),
            Index.Doc("open", "Police reform"));

        var results = await index.SearchAsync(new SearchQuery("SEC.GAL/62/10") { Access = SearchAccess.Keys(["public"]) }, Index.Ct);

        Assert.DoesNotContain("secret", results.Ids());
        Assert.Equal(0, results.Total);
    }

    [Fact]
    public async Task A_word_only_restricted_documents_hold_orders_and_scores_visible_hits_as_a_word_nowhere_does()
    {
        // The word-level coord counts the words some readable document holds (CoverageQuery): it must read that from
        // the viewer's documents only, or the order of visible hits would tell whether a hidden record holds a word.
        using var index = await Index.WithAsync(
            Index.Doc("short", "Printers", "Printers."),
            Index.Doc("full", "Office guide", "This guide explains how a shared printer is reached over the office network, which settings the administrator chooses, and what colleagues need to know before they print."),
            Index.Doc("secret", "Vendor audit", "Findings on the contractor kestrelbank.", keys: ["org:secretariat"]));
        SearchQuery Public(string text) => new(text) { Access = SearchAccess.Keys(["public"]) };

        var hiddenWord = await index.SearchAsync(Public("printer network kestrelbank"), Index.Ct);
        var wordNowhere = await index.SearchAsync(Public("printer network zqxwvbank"), Index.Ct);

        Assert.Equal(["full", "short"], hiddenWord.Ids());
        Assert.Equal(wordNowhere.Ids(), hiddenWord.Ids());
        Assert.Equal(wordNowhere.Hits.Select(h => h.Score), hiddenWord.Hits.Select(h => h.Score));
    }
}
