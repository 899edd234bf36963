namespace Polis.Search.Tests;

public sealed class KeepingTheIndexCurrent
{
    [Fact]
    public async Task Indexing_the_same_id_again_replaces_the_document_for_the_next_search()
    {
        using var index = await Index.WithAsync(Index.Doc("x", "Cybercrime course"));

        await index.IndexAsync([Index.Doc("x", "Border security course")], Index.Ct);

        Assert.Equal(0, (await index.SearchAsync("cybercrime")).Total);
        Assert.Equal("Border security course", Assert.Single((await index.SearchAsync("border")).Hits).Title);
        Assert.Equal(1, await index.CountAsync(Index.Ct));
    }

    [Fact]
    public async Task A_deleted_document_is_gone_from_the_next_search()
    {
        using var index = await Index.WithAsync(Index.Doc("x", "Cybercrime course"), Index.Doc("y", "Cybercrime handbook"));

        await index.DeleteAsync(["x"], Index.Ct);

        Assert.Equal(["y"], (await index.SearchAsync("cybercrime")).Ids());
        Assert.Equal(1, await index.CountAsync(Index.Ct));
    }

    [Fact]
    public async Task Clearing_empties_the_index()
    {
        using var index = await Index.WithAsync(Index.Doc("x", "Cybercrime course"), Index.Doc("y", "Cybercrime handbook"));

        await index.ClearAsync(Index.Ct);

        Assert.Equal(0, await index.CountAsync(Index.Ct));
        Assert.Equal(0, (await index.SearchAsync("cybercrime")).Total);
    }

    [Fact]
    public async Task Concurrent_searches_of_an_index_on_disk_find_what_the_same_index_in_memory_finds()
    {
        // The files are read with positional reads shared by every search (PositionalReadDirectory): many searches at
        // once, over several segments and compound files, must read exactly what one search alone reads.
        string[] words = ["police", "border", "training", "cybercrime", "evidence", "forensic", "customs", "patrol"];
        var documents = Enumerable.Range(0, 300).Select(i => Index.Doc($"d{i:D3}", $"{words[i % 8]} course {i}",
            string.Join(' ', Enumerable.Range(0, 40 + i % 50).Select(k => words[(i * 7 + k) % 8] + (k % 5 == 0 ? " manual" : ""))))).ToArray();
        var folder = Path.Combine(Path.GetTempPath(), "polis-search-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var memory = await Index.WithAsync(documents);
            using var disk = LuceneSearchIndex.Open(folder);
            foreach (var batch in documents.Chunk(60)) await disk.IndexAsync(batch, Index.Ct);   // several segments
            string[] queries = ["police", "border manual", "\"forensic customs\"", "patrol OR evidence", "train*"];
            var expected = new Dictionary<string, SearchResults>();
            foreach (var q in queries) expected[q] = await memory.SearchAsync(q);

            var found = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
            {
                var q = queries[i % queries.Length];
                return (q, await disk.SearchAsync(q));
            })));

            foreach (var (q, results) in found)
            {
                Assert.True(expected[q].Total > 0, q);
                Assert.Equal(expected[q].Total, results.Total);
                Assert.Equal(expected[q].Ids(), results.Ids());
                Assert.Equal(expected[q].Hits.Select(h => string.Concat(h.Snippet.Select(p => p.Text))), results.Hits.Select(h => string.Concat(h.Snippet.Select(p => p.Text))));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_index_on_disk_keeps_its_documents_after_it_is_closed()
    {
        var folder = Path.Combine(Path.GetTempPath(), "polis-search-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var index = LuceneSearchIndex.Open(folder))
            {
                await index.IndexAsync([Index.Doc("x", "Cybercrime course", date: new DateOnly(2010, 11, 1))], Index.Ct);
            }
            using (var reopened = LuceneSearchIndex.Open(folder))
            {
                Assert.Equal(1, await reopened.CountAsync(Index.Ct));
                var hit = Assert.Single((await reopened.SearchAsync("cybercrime")).Hits);
                Assert.Equal(new DateOnly(2010, 11, 1), hit.Date);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_owner_of_an_index_folder_is_refused_until_the_first_closes_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), "polis-search-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var owner = LuceneSearchIndex.Open(folder))
            {
                await owner.IndexAsync([Index.Doc("x", "Cybercrime course")], Index.Ct);

                var refused = Assert.Throws<Lucene.Net.Store.LockObtainFailedException>(() => LuceneSearchIndex.Open(folder));

                Assert.Contains("open in another Polis process", refused.Message, StringComparison.Ordinal);
                Assert.Equal(1, (await owner.SearchAsync("cybercrime")).Total);   // the owner is unharmed
            }
            using var next = LuceneSearchIndex.Open(folder);
            Assert.Equal(1, await next.CountAsync(Index.Ct));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Searches_and_writes_can_run_at_the_same_time()
    {
        using var index = await Index.WithAsync([.. Enumerable.Range(0, 50).Select(i => Index.Doc($"seed{i}", "Police training"))]);

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await index.IndexAsync([Index.Doc($"w{w}-{i}", "Police training update")], Index.Ct);
            }
        }, Index.Ct));
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                var results = await index.SearchAsync(new SearchQuery("police training") { Access = SearchAccess.Everything, FacetFields = ["type"] }, Index.Ct);
                Assert.InRange(results.Total, 50, 90);
            }
        }, Index.Ct));
        await Task.WhenAll(writers.Concat(readers));

        Assert.Equal(90, await index.CountAsync(Index.Ct));
        Assert.Equal(90, (await index.SearchAsync("police")).Total);
    }

    [Fact]
    public async Task A_disposed_index_refuses_further_work()
    {
        var index = LuceneSearchIndex.InMemory();
        index.Dispose();
        index.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => index.SearchAsync("police"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => index.IndexAsync([Index.Doc("x", "Police")], Index.Ct));
    }
}
