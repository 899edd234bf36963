namespace Polis.Search.Tests;

public sealed class SearchingOnSeveralCores
{
    // Six commits make six segments; several documents are identical so that ties in score and date decide order.
    private static async Task<LuceneSearchIndex> SegmentedAsync()
    {
        var index = LuceneSearchIndex.InMemory();
        var topics = new[] { "police training", "border police", "community policing", "police reform" };
        for (var batch = 0; batch < 6; batch++)
        {
            var documents = Enumerable.Range(0, 40).Select(i =>
            {
                var n = (batch * 40) + i;
                return Index.Doc($"d{n:D3}", topics[n % topics.Length] + (n % 3 == 0 ? " handbook" : ""), "Police work " + n % 5,
                    date: n % 7 == 0 ? null : new DateOnly(2000 + (n % 4), 1, 1),
                    keys: n % 10 == 0 ? ["org:1"] : ["public"],
                    facets: [("type", [n % 2 == 0 ? "report" : "guidebook"]), ("year", [(2000 + (n % 4)).ToString(System.Globalization.CultureInfo.InvariantCulture)])]);
            });
            await index.IndexAsync([.. documents], Index.Ct);
        }
        return index;
    }

    [Theory]
    [InlineData(SearchSort.Relevance)]
    [InlineData(SearchSort.DateDescending)]
    [InlineData(SearchSort.DateAscending)]
    public async Task Slices_searched_in_parallel_give_exactly_the_results_of_one_pass(SearchSort sort)
    {
        Assert.SkipWhen(Environment.ProcessorCount < 2, "one core: the index is always searched in one pass");
        using var index = await SegmentedAsync();

        foreach (var page in new[] { 1, 2, 5 })
        {
            var query = new SearchQuery("police handbook") { Access = SearchAccess.Keys(["public"]), FacetFields = ["type", "year"], Sort = sort, Page = page, PageSize = 20 };
            index.ParallelFromDocuments = int.MaxValue;
            var single = await index.SearchAsync(query, Index.Ct);
            index.ParallelFromDocuments = 0;
            var parallel = await index.SearchAsync(query, Index.Ct);

            Assert.Equal(216, single.Total);   // 240 documents, every tenth restricted
            Assert.Equal(single.Total, parallel.Total);
            Assert.Equal(single.Ids(), parallel.Ids());
            Assert.Equal(single.Hits.Select(h => h.Score), parallel.Hits.Select(h => h.Score));
            Assert.NotEmpty(single.Hits);
            foreach (var facet in new[] { "type", "year" })
            {
                Assert.Equal(single.Facets[facet], parallel.Facets[facet]);
            }
        }
    }
}
