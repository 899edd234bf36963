namespace Polis.Search.Tests;

public sealed class SortingAndPaging
{
    [Fact]
    public async Task Sorting_by_date_puts_undated_documents_last_in_both_directions()
    {
        using var index = await Index.WithAsync(
            Index.Doc("2010", "Police training", date: new DateOnly(2010, 11, 1)),
            Index.Doc("undated", "Police training"),
            Index.Doc("2013", "Police training", date: new DateOnly(2013, 7, 1)),
            Index.Doc("2008", "Police training", date: new DateOnly(2008, 5, 1)));

        var newest = await index.SearchAsync(new SearchQuery("police") { Access = SearchAccess.Everything, Sort = SearchSort.DateDescending }, Index.Ct);
        var oldest = await index.SearchAsync(new SearchQuery("police") { Access = SearchAccess.Everything, Sort = SearchSort.DateAscending }, Index.Ct);

        Assert.Equal(["2013", "2010", "2008", "undated"], newest.Ids());
        Assert.Equal(["2008", "2010", "2013", "undated"], oldest.Ids());
        Assert.Equal(new DateOnly(2013, 7, 1), newest.Hits[0].Date);
        Assert.All(newest.Hits, h => Assert.True(h.Score > 0));
    }

    [Fact]
    public async Task Pages_split_the_results_without_overlap()
    {
        using var index = await Index.WithAsync([.. Enumerable.Range(0, 25).Select(i =>
            Index.Doc($"d{i:00}", "Police training", date: new DateOnly(2000 + i, 1, 1)))]);

        var pages = new List<SearchResults>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add(await index.SearchAsync(new SearchQuery("police") { Access = SearchAccess.Everything, Page = page, PageSize = 10, Sort = SearchSort.DateAscending }, Index.Ct));
        }

        Assert.Equal([10, 10, 5, 0], pages.Select(p => p.Hits.Count));
        Assert.All(pages, p => Assert.Equal(25, p.Total));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"d{i:00}"), pages.SelectMany(p => p.Ids()));
    }

    [Fact]
    public async Task Page_size_and_page_are_clamped()
    {
        using var index = await Index.WithAsync([.. Enumerable.Range(0, 120).Select(i => Index.Doc($"d{i:000}", "Police training"))]);

        var tiny = await index.SearchAsync(new SearchQuery("police") { Access = SearchAccess.Everything, PageSize = 0, Page = -3 }, Index.Ct);
        var huge = await index.SearchAsync(new SearchQuery("police") { Access = SearchAccess.Everything, PageSize = 1000 }, Index.Ct);
        var far = await index.SearchAsync(new SearchQuery("police") { Access = SearchAccess.Everything, Page = 5000 }, Index.Ct);

        Assert.Single(tiny.Hits);
        Assert.Equal(100, huge.Hits.Count);
        Assert.Empty(far.Hits);
        Assert.Equal(120, far.Total);
    }
}
