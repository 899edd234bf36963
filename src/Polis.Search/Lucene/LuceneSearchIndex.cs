using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Polis.Search;

/// <summary>
/// The embedded search index on Lucene.NET. Create one per process and index directory (register it as a singleton):
/// it holds the only IndexWriter, and searches run concurrently with writes.
/// </summary>
public sealed class LuceneSearchIndex : ISearchIndex
{
    private const int MaxCachedFilters = 256;

    private readonly LuceneDirectory directory;
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly LanguageAnalyzers analyzers;
    private readonly LuceneQueryBuilder queries;
    private readonly ConcurrentDictionary<string, Filter> filters = new(StringComparer.Ordinal);
    private int disposed;

    internal LuceneSearchIndex(LuceneDirectory directory, ITermTranslator translator)
    {
        this.directory = directory;
        analyzers = LanguageAnalyzers.Shared;
        queries = new LuceneQueryBuilder(analyzers, translator);
        var similarity = new PolisSimilarity();
        var config = new IndexWriterConfig(LanguageAnalyzers.Version, analyzers.Index)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = similarity,
        };
        writer = new IndexWriter(directory, config);
        searchers = new SearcherManager(writer, applyAllDeletes: true, new PolisSearcherFactory(similarity));
    }

    /// <summary>Opens (or creates) an index in a folder on disk.</summary>
    public static LuceneSearchIndex Open(string directoryPath)
    {
        System.IO.Directory.CreateDirectory(directoryPath);
        return new LuceneSearchIndex(FSDirectory.Open(directoryPath), GlossaryTranslator.Default);
    }

    /// <summary>An index held in memory, for tests and demonstrations.</summary>
    public static LuceneSearchIndex InMemory() => new(new RAMDirectory(), GlossaryTranslator.Default);

    // Each call is one commit followed by a near-real-time reopen: when the task completes the change is durable
    // (an outbox may mark it done) and the next search sees it. Callers batch documents to amortise the commit.
    /// <inheritdoc />
    public async Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var built = documents.Select(d => (d.Id, Document: IndexFields.ToLucene(d))).ToList();
        await WriteAsync(() =>
        {
            foreach (var (id, document) in built)
            {
                writer.UpdateDocument(new Term(IndexFields.Id, id), document);
            }
        }, ct);
    }

    /// <inheritdoc />
    public Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var terms = ids.Where(i => !string.IsNullOrEmpty(i)).Select(i => new Term(IndexFields.Id, i)).ToArray();
        return terms.Length == 0 ? Task.CompletedTask : WriteAsync(() => writer.DeleteDocuments(terms), ct);
    }

    /// <inheritdoc />
    public Task ClearAsync(CancellationToken ct) => WriteAsync(writer.DeleteAll, ct);

    /// <inheritdoc />
    public Task<long> CountAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        ct.ThrowIfCancellationRequested();
        var searcher = searchers.Acquire();
        try
        {
            return Task.FromResult((long)searcher.IndexReader.NumDocs);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <inheritdoc />
    public Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Search(query, ct));
    }

    /// <summary>Commits pending changes and closes the index.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }
        writeGate.Wait();
        try
        {
            searchers.Dispose();
            writer.Commit();
            writer.Dispose();
            directory.Dispose();
        }
        finally
        {
            writeGate.Release();
            writeGate.Dispose();
        }
    }

    private async Task WriteAsync(Action change, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        await writeGate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
            change();
            writer.Commit();
            searchers.MaybeRefreshBlocking();
        }
        finally
        {
            writeGate.Release();
        }
    }

    private SearchResults Search(SearchQuery request, CancellationToken ct)
    {
        var facetNames = (request.FacetFields ?? []).Where(f => !string.IsNullOrEmpty(f)).Distinct(StringComparer.Ordinal).ToList();
        if (request.ViewerKeys is { } keys && !keys.Any(k => !string.IsNullOrEmpty(k)))
        {
            return Empty(facetNames, null);   // a viewer without keys sees nothing
        }
        (CompiledQuery? compiled, string? error) = queries.Build(request);
        if (compiled is null)
        {
            return Empty(facetNames, error);
        }

        var pageSize = Math.Clamp(request.PageSize, 1, 100);
        var page = Math.Clamp(request.Page, 1, 1000);
        var filter = Filter(request);
        var searcher = searchers.Acquire();
        try
        {
            var maxDoc = searcher.IndexReader.MaxDoc;
            if (maxDoc == 0)
            {
                return Empty(facetNames, null) with { Translations = compiled.Translations };
            }
            var wanted = Math.Min(page * pageSize, maxDoc);
            var (top, totalHits, topDocs) = TopCollector(request.Sort, wanted);
            var facets = facetNames.Count > 0 ? new FacetCountingCollector([.. facetNames.Select(IndexFields.Facet)]) : null;
            try
            {
                searcher.Search(compiled.Query, filter, facets is null ? top : MultiCollector.Wrap(top, facets));
            }
            catch (BooleanQuery.TooManyClausesException)
            {
                return Empty(facetNames, "The query is too broad; use longer prefixes or fewer words.");
            }
            ct.ThrowIfCancellationRequested();

            var hits = new List<SearchHit>(pageSize);
            foreach (var scoreDoc in topDocs((page - 1) * pageSize, pageSize).ScoreDocs)
            {
                hits.Add(HitBuilder.Build(searcher.Doc(scoreDoc.Doc), scoreDoc.Score, compiled, analyzers));
            }
            var facetCounts = new Dictionary<string, IReadOnlyList<FacetCount>>(StringComparer.Ordinal);
            if (facets is not null)
            {
                var counted = facets.Results();
                for (var f = 0; f < facetNames.Count; f++)
                {
                    facetCounts[facetNames[f]] = counted[f];
                }
            }
            return new SearchResults(totalHits(), hits, facetCounts, compiled.Translations, null);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private static (ICollector Collector, Func<int> TotalHits, Func<int, int, TopDocs> TopDocs) TopCollector(SearchSort sort, int wanted)
    {
        if (sort == SearchSort.Relevance)
        {
            var byScore = TopScoreDocCollector.Create(wanted, docsScoredInOrder: false);
            return (byScore, () => byScore.TotalHits, byScore.GetTopDocs);
        }
        var descending = sort == SearchSort.DateDescending;
        var date = new SortField(IndexFields.Date, SortFieldType.INT64, descending);
        date.SetMissingValue(descending ? long.MinValue : long.MaxValue);   // undated documents last either way
        var byDate = TopFieldCollector.Create(new Sort(date, SortField.FIELD_SCORE), wanted,
            fillFields: false, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
        return (byDate, () => byDate.TotalHits, byDate.GetTopDocs);
    }

    // Access, module and facet filters, ANDed. Each is a TermsFilter wrapped in a CachingWrapperFilter, kept across
    // queries: the cache is per segment, so it survives reopens for unchanged segments.
    private Filter? Filter(SearchQuery request)
    {
        var clauses = new List<Filter>();
        if (request.ViewerKeys is { } keys)
        {
            clauses.Add(CachedTerms(IndexFields.Access, keys));
        }
        if (!string.IsNullOrEmpty(request.Module))
        {
            clauses.Add(CachedTerms(IndexFields.Module, [request.Module]));
        }
        foreach (var (name, values) in request.Filters ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            if (values is not null && values.Any(v => !string.IsNullOrEmpty(v)))
            {
                clauses.Add(CachedTerms(IndexFields.Facet(name), values));
            }
        }
        if (clauses.Count <= 1)
        {
            return clauses.FirstOrDefault();
        }
        var all = new BooleanFilter();
        foreach (var clause in clauses)
        {
            all.Add(clause, Occur.MUST);
        }
        return all;
    }

    private Filter CachedTerms(string field, IEnumerable<string> values)
    {
        var distinct = values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var key = field + "\u001f" + string.Join('\u001f', distinct);
        if (filters.TryGetValue(key, out var cached))
        {
            return cached;
        }
        if (filters.Count >= MaxCachedFilters)
        {
            filters.Clear();
        }
        var filter = new CachingWrapperFilter(new TermsFilter(field, [.. distinct.Select(v => new BytesRef(v))]));
        return filters.GetOrAdd(key, filter);
    }

    private static SearchResults Empty(IReadOnlyList<string> facetNames, string? error) => new(
        0,
        [],
        facetNames.ToDictionary(f => f, _ => (IReadOnlyList<FacetCount>)[], StringComparer.Ordinal),
        [],
        error);

    private sealed class PolisSearcherFactory(PolisSimilarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
