namespace Polis.Search.Tests;

// A bulk change leaves many segments (one per commit at first); compacting merges them so that a query looks each
// term up in a few places. Nothing may change for the reader: same documents, same counts. (The order of equal
// scores follows internal document numbers, which merging renumbers, and deleted documents stop counting in idf.)
public sealed class CompactingTheIndex : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "polis-compact-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Compacting_leaves_a_few_segments_and_the_same_results()
    {
        using var index = LuceneSearchIndex.Open(folder);
        for (var batch = 0; batch < 12; batch++)
        {
            await index.IndexAsync([.. Enumerable.Range(0, 25).Select(i =>
            {
                var n = (batch * 25) + i;
                return Index.Doc($"d{n:D3}", (n % 3 == 0 ? "Border police" : "Community policing") + " report " + n,
                    "Training of police officers " + (n % 7),
                    keys: n % 10 == 0 ? ["org:1"] : ["public"],
                    facets: [("type", [n % 2 == 0 ? "report" : "guidebook"])]);
            })], Index.Ct);
        }
        await index.DeleteAsync(["d004", "d150"], Index.Ct);
        var query = new SearchQuery("border") { Access = SearchAccess.Keys(["public"]), FacetFields = ["type"], PageSize = 100 };
        var before = await index.SearchAsync(query, Index.Ct);
        Assert.True(index.SegmentCount > LuceneSearchIndex.CompactSegments, $"{index.SegmentCount} segments before");

        var segments = await index.CompactAsync(Index.Ct);
        var after = await index.SearchAsync(query, Index.Ct);

        Assert.InRange(segments, 1, LuceneSearchIndex.CompactSegments);
        Assert.Equal(segments, index.SegmentCount);
        Assert.InRange(before.Total, 50, 100);   // the whole result fits on the page compared
        Assert.Equal(before.Total, after.Total);
        Assert.Equal(before.Ids().Order(StringComparer.Ordinal), after.Ids().Order(StringComparer.Ordinal));
        Assert.Equal(before.Facets["type"], after.Facets["type"]);
        Assert.DoesNotContain("d004", after.Ids());
        Assert.Equal(298, await index.CountAsync(Index.Ct));
    }

    [Fact]
    public async Task A_compacted_index_takes_new_documents_and_survives_a_restart()
    {
        using (var index = LuceneSearchIndex.Open(folder))
        {
            for (var batch = 0; batch < 5; batch++)
            {
                await index.IndexAsync([Index.Doc($"b{batch}", "Cybercrime handbook " + batch, "Digital evidence.")], Index.Ct);
            }
            await index.CompactAsync(Index.Ct);
            await index.IndexAsync([Index.Doc("late", "Cybercrime after compaction", "Digital evidence.")], Index.Ct);
        }

        using var reopened = LuceneSearchIndex.Open(folder);
        var results = await reopened.SearchAsync("cybercrime");

        Assert.Equal(6, results.Total);
        Assert.Contains("late", results.Ids());
    }
}
