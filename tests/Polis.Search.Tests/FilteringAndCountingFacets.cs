namespace Polis.Search.Tests;

public sealed class FilteringAndCountingFacets
{
    // 25 police documents: 10 guidebooks, 8 reports, 7 decisions; every third one from KG; every document in
    // English, the even ones in Russian too.
    private static Task<LuceneSearchIndex> CorpusAsync() => Index.WithAsync([.. Enumerable.Range(0, 25).Select(i =>
        Index.Doc($"d{i:00}", $"Police document {i}", "About police work.",
            module: i < 20 ? "library" : "events",
            facets:
            [
                ("type", [i < 10 ? "guidebook" : i < 18 ? "report" : "decision"]),
                ("country", [i % 3 == 0 ? "KG" : "TJ"]),
                ("language", i % 2 == 0 ? ["en", "ru"] : ["en"]),
            ]))]);

    private static Dictionary<string, int> Counts(SearchResults results, string facet) =>
        results.Facets[facet].ToDictionary(c => c.Value, c => c.Count);

    [Fact]
    public async Task Facets_count_every_matching_document_not_just_the_page()
    {
        using var index = await CorpusAsync();

        var results = await index.SearchAsync(new SearchQuery("police") { Access = SearchAccess.Everything, PageSize = 5, FacetFields = ["type", "language"] }, Index.Ct);

        Assert.Equal(25, results.Total);
        Assert.Equal(5, results.Hits.Count);
        Assert.Equal(
            [new FacetCount("guidebook", 10), new FacetCount("report", 8), new FacetCount("decision", 7)],
            results.Facets["type"]);
        Assert.Equal(new Dictionary<string, int> { ["en"] = 25, ["ru"] = 13 }, Counts(results, "language"));
    }

    [Fact]
    public async Task A_filter_narrows_hits_total_and_the_other_facets()
    {
        using var index = await CorpusAsync();

        var results = await index.SearchAsync(new SearchQuery("police")
        {
            Access = SearchAccess.Everything,
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["type"] = ["report"] },
            FacetFields = ["type", "country"],
        }, Index.Ct);

        // reports are d10..d17; KG is every third: d12, d15
        Assert.Equal(8, results.Total);
        Assert.Equal([new FacetCount("report", 8)], results.Facets["type"]);
        Assert.Equal(new Dictionary<string, int> { ["TJ"] = 6, ["KG"] = 2 }, Counts(results, "country"));
    }

    [Fact]
    public async Task Values_of_one_facet_are_ORed_and_different_facets_are_ANDed()
    {
        using var index = await CorpusAsync();

        var either = await index.SearchAsync(new SearchQuery("police")
        {
            Access = SearchAccess.Everything,
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["type"] = ["report", "decision"] },
        }, Index.Ct);
        var both = await index.SearchAsync(new SearchQuery("")
        {
            Access = SearchAccess.Everything,
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["type"] = ["report", "decision"], ["country"] = ["KG"] },
            PageSize = 100,
        }, Index.Ct);

        Assert.Equal(15, either.Total);
        Assert.Equal(["d12", "d15", "d18", "d21", "d24"], both.Ids().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_module_filter_keeps_only_that_modules_documents()
    {
        using var index = await CorpusAsync();

        var results = await index.SearchAsync(new SearchQuery("police") { Access = SearchAccess.Everything, Module = "events", PageSize = 100 }, Index.Ct);

        Assert.Equal(["d20", "d21", "d22", "d23", "d24"], results.Ids().Order(StringComparer.Ordinal));
        Assert.All(results.Hits, h => Assert.Equal("events", h.Module));
    }

    [Fact]
    public async Task A_facet_nobody_indexed_has_no_counts_and_filtering_on_it_finds_nothing()
    {
        using var index = await CorpusAsync();

        var counted = await index.SearchAsync(new SearchQuery("police") { Access = SearchAccess.Everything, FacetFields = ["colour"] }, Index.Ct);
        var filtered = await index.SearchAsync(new SearchQuery("police")
        {
            Access = SearchAccess.Everything,
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["colour"] = ["blue"] },
        }, Index.Ct);

        Assert.Empty(counted.Facets["colour"]);
        Assert.Equal(0, filtered.Total);
    }
}
