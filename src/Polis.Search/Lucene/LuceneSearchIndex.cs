using System.Collections.Concurrent;
using System.Collections.ObjectModel;
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

    /// <summary>The file in an index folder that the process owning the index holds open exclusively.</summary>
    public const string OwnerLockFile = "polis-owner.lock";

    private readonly LuceneDirectory directory;
    private readonly FileStream? ownerLock;
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly LanguageAnalyzers analyzers;
    private readonly BuiltQueries queries;
    private readonly ConcurrentDictionary<string, Filter> filters = new(StringComparer.Ordinal);
    private int disposed;

    internal LuceneSearchIndex(LuceneDirectory directory, ITermTranslator translator, FileStream? ownerLock = null)
    {
        this.directory = directory;
        this.ownerLock = ownerLock;
        analyzers = LanguageAnalyzers.Shared;
        queries = new BuiltQueries(new LuceneQueryBuilder(analyzers, translator), translator);
        // The Hunspell dictionaries (query lemmas only) start loading in the background with the first query built
        // (BuiltQueries), which a server's start-up warming makes at once; not here, so that a command that only writes
        // (polis import) does not spend seconds of CPU on them beside its work (issue 21, sixth pass).
        var similarity = PolisSimilarity.PerField();
        var config = new IndexWriterConfig(LanguageAnalyzers.Version, analyzers.Index)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = similarity,
        };
        writer = new IndexWriter(directory, config);
        searchers = new SearcherManager(writer, applyAllDeletes: true, new PolisSearcherFactory(similarity));
    }

    /// <summary>Opens (or creates) an index in a folder on disk.</summary>
    /// <exception cref="LockObtainFailedException">Another process (a server or a command) has the index open.</exception>
    public static LuceneSearchIndex Open(string directoryPath) => Open(directoryPath, GlossaryTranslator.Default);

    /// <summary>Opens (or creates) an index on disk whose queries are translated by the glossary and the lexicon.</summary>
    /// <exception cref="LockObtainFailedException">Another process (a server or a command) has the index open.</exception>
    public static LuceneSearchIndex Open(string directoryPath, LexiconSource lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        return Open(directoryPath, new QueryTranslator(GlossaryTranslator.Default, () => lexicon.Lexicon, TranslationResources.All));
    }

    /// <summary>An index held in memory, for tests and demonstrations.</summary>
    public static LuceneSearchIndex InMemory() => new(new RAMDirectory(), GlossaryTranslator.Default);

    // The same, translating queries with the given resources (the search host passes glossary + lexicon).
    internal static LuceneSearchIndex Open(string directoryPath, ITermTranslator translator)
    {
        System.IO.Directory.CreateDirectory(directoryPath);
        var owner = TakeOwnership(directoryPath);
        try
        {
            return new LuceneSearchIndex(OpenFiles(directoryPath), translator, owner);
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The index files of a folder, read with positional reads (<see cref="PositionalReadDirectory"/>, which replaced
    /// SimpleFSDirectory and its lock per file in issue 21) rather than the MMapDirectory that FSDirectory.Open
    /// picks on 64-bit systems (re-measured with beta00018 in ADR 6: no gain): Lucene.NET 4.8.0-beta00017 reads memory-mapped files byte by byte through
    /// MemoryMappedViewAccessor and tracks every clone of an input, so looking a word up in a segment's terms
    /// dictionary costs tens of microseconds and grows with the process's age (apache/lucenenet#1151). A query of
    /// three words looks up 56 terms in each segment: 12 ms through SimpleFSDirectory, 60–240 ms memory-mapped, on
    /// the benchmark index (ADR 0006). Reads go through the operating system's page cache either way.
    /// </summary>
    internal static FSDirectory OpenFiles(string directoryPath) => new PositionalReadDirectory(new DirectoryInfo(directoryPath));

    // Lucene.NET 4.8's write lock is a shared file lock on Linux and macOS, so a second process's IndexWriter would
    // open the same index without error and the two writers would corrupt it. An exclusive lock on a file of our own
    // (FileShare.None takes flock(LOCK_EX) on Unix and a sharing lock on Windows; the OS drops it when the process
    // dies) lets exactly one process own the folder.
    private static FileStream TakeOwnership(string directoryPath)
    {
        var path = Path.Combine(directoryPath, OwnerLockFile);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e)
        {
            throw new LockObtainFailedException(
                $"The search index in {directoryPath} is open in another Polis process (a running server, import or reindex). Stop it, or give this process its own data folder.", e);
        }
    }

    /// <summary>Whether another process (a running server, an import) owns the index in this folder right now.</summary>
    public static bool IsOwnedElsewhere(string directoryPath)
    {
        if (!System.IO.Directory.Exists(directoryPath))
        {
            return false;
        }
        try
        {
            TakeOwnership(directoryPath).Dispose();
            return false;
        }
        catch (LockObtainFailedException)
        {
            return true;
        }
    }

    internal static LuceneSearchIndex InMemory(ITermTranslator translator) => new(new RAMDirectory(), translator);

    // Each call is one commit followed by a near-real-time reopen: when the task completes the change is durable
    // (an outbox may mark it done) and the next search sees it. Callers batch documents to amortise the commit.
    /// <inheritdoc />
    public Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct) => IndexAsync(documents, legacyLayout: false, ct);

    // legacyLayout: as an index written before issue 21 stored the body's head apart (tests of reading such an index).
    internal async Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, bool legacyLayout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var built = documents.Select(d => (d.Id, Document: IndexFields.ToLucene(d, legacyLayout))).ToList();
        await WriteAsync(() =>
        {
            foreach (var (id, document) in built)
            {
                writer.UpdateDocument(new Term(IndexFields.Id, id), document);
            }
        }, ct);
    }

    /// <inheritdoc />
    public async Task AddUncommittedAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var built = documents.Select(d => (d.Id, Document: IndexFields.ToLucene(d))).ToList();
        await WriteAsync(() =>
        {
            foreach (var (id, document) in built)
            {
                writer.UpdateDocument(new Term(IndexFields.Id, id), document);
            }
        }, ct, commit: false);
    }

    /// <inheritdoc />
    public Task CommitAsync(CancellationToken ct) => WriteAsync(() => { }, ct);

    /// <inheritdoc />
    public Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var terms = ids.Where(i => !string.IsNullOrEmpty(i)).Select(i => new Term(IndexFields.Id, i)).ToArray();
        return terms.Length == 0 ? Task.CompletedTask : WriteAsync(() => writer.DeleteDocuments(terms), ct);
    }

    /// <inheritdoc />
    public Task ClearAsync(CancellationToken ct) => WriteAsync(writer.DeleteAll, ct);

    /// <summary>
    /// The segments a compacted index keeps: one per core (two to eight), so that a query's segments can still be
    /// searched on every core at once (see Collect).
    /// </summary>
    public static int CompactSegments { get; } = Math.Clamp(Environment.ProcessorCount, 2, 8);

    // Each term of a query is looked up in every segment's terms dictionary before any document is scored: on the
    // 100,000-document benchmark that lookup was most of a multi-word query's time, in proportion to the segment
    // count (20 as built by batches of 500, 2 compacted). ForceMerge rewrites the index once (about 10 s per GB).
    /// <inheritdoc />
    public async Task<int> CompactAsync(CancellationToken ct)
    {
        await WriteAsync(() => writer.ForceMerge(CompactSegments), ct);
        return SegmentCount;
    }

    /// <summary>The segments the current searcher reads.</summary>
    internal int SegmentCount
    {
        get
        {
            var searcher = searchers.Acquire();
            try
            {
                return searcher.IndexReader.Leaves.Count;
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
    }

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
            ownerLock?.Dispose();
        }
        finally
        {
            writeGate.Release();
            writeGate.Dispose();
        }
    }

    private async Task WriteAsync(Action change, CancellationToken ct, bool commit = true)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        await writeGate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
            change();
            if (!commit) return;
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
        if (request.Access.ViewerKeys is { } keys && !keys.Any(k => !string.IsNullOrEmpty(k)))
        {
            return Empty(facetNames, null);   // a viewer without keys sees nothing
        }
        var shared = searchers.Acquire();
        try
        {
            // Translations go only into the languages the index holds editions in that this viewer may read (read from
            // the current reader, so they follow what is indexed; a language held only by documents the viewer may not
            // read is not named, nor translated into).
            var held = HeldLanguages(shared.IndexReader, request.Access);
            (CompiledQuery? compiled, string? error) = queries.Build(request, held);
            if (compiled is null)
            {
                return Empty(facetNames, error);
            }
            var pageSize = Math.Clamp(request.PageSize, 1, 100);
            var page = Math.Clamp(request.Page, 1, 1000);
            // The answer this reader gave the same built query, key set, filters, order and page (AnswersByReader).
            var answers = request.ExcludeIds.Count == 0 ? AnswersByReader.For(shared.IndexReader, compiled) : null;
            var answerKey = answers is null ? null : AnswerKey(request, facetNames, page, pageSize);
            if (answers is not null && answers.TryGetValue(answerKey!, out var answered))
            {
                return answered;
            }
            var filter = Filter(request);
            // A viewer's search weighs words by the documents it may read only (VisibleStatistics).
            var searcher = request.Access.ViewerKeys is { } viewerKeys
                ? new PolisSearcher(shared.IndexReader, VisibleStatistics.For(shared.IndexReader, AccessKey(request.Access), () => CachedTerms(IndexFields.Access, viewerKeys))) { Similarity = shared.Similarity }
                : shared;
            var maxDoc = searcher.IndexReader.MaxDoc;
            if (maxDoc == 0)
            {
                return Empty(facetNames, null) with { Translations = compiled.Translations };
            }
            var wanted = Math.Min(page * pageSize, maxDoc);
            Collected collected;
            try
            {
                // Weighed once per reader, built query and key set (PreparedQuery), not per search. The nearness of the
                // query's words (ProximityQuery) is asked only of the best RescoreDepth pages by the words' own score,
                // then those are ordered again (Rescored): asked of every matching page, it read positions for
                // thousands of pages per query.
                // (Weighed, a ProximityQuery is its main query.)
                var nearness = compiled.Query as ProximityQuery;
                var prepared = PreparedQuery.For(searcher, compiled, AccessKey(request.Access));
                var query = filter is null ? (Query)prepared : new FilteredQuery(prepared, filter, DensityFilterStrategy.Instance);
                var rescore = nearness is not null && request.Sort == SearchSort.Relevance;
                var collecting = rescore ? Math.Min(Math.Max(wanted, RescoreDepth), maxDoc) : wanted;
                collected = Collect((PolisSearcher)searcher, query, request.Sort, collecting, facetNames, ct, fields: rescore);
                if (rescore)
                {
                    collected = Rescored(searcher, nearness!, collected, collecting);
                }
            }
            catch (BooleanQuery.TooManyClausesException)
            {
                return Empty(facetNames, "The query is too broad; use longer prefixes or fewer words.");
            }
            ct.ThrowIfCancellationRequested();

            // Reading a hit's stored fields (decompressing its block) and building its snippet cost about as much as the
            // search itself on a large index, so a page's hits are built on several cores too (IndexReader.Document is
            // safe across threads). A hit built for this reader and built query before is taken as it is (BuiltHits).
            var scoreDocs = collected.Page((page - 1) * pageSize, pageSize).ScoreDocs;
            var hits = new SearchHit[scoreDocs.Length];
            var degree = maxDoc >= ParallelFromDocuments && scoreDocs.Length > 1 ? Math.Min(Environment.ProcessorCount, 8) : 1;
            Parallel.For(0, scoreDocs.Length, new ParallelOptions { MaxDegreeOfParallelism = degree, CancellationToken = ct }, k =>
                hits[k] = BuiltHits.Get(searcher, scoreDocs[k].Doc, scoreDocs[k].Score, compiled, analyzers));
            var facetCounts = new Dictionary<string, IReadOnlyList<FacetCount>>(StringComparer.Ordinal);
            if (collected.Facets is { } facets)
            {
                var counted = facets.Results();
                for (var f = 0; f < facetNames.Count; f++)
                {
                    facetCounts[facetNames[f]] = counted[f];
                }
            }
            var results = new SearchResults(collected.Total, hits, facetCounts, compiled.Translations, null)
            {
                Suggestion = collected.Total < Suggester.LowHits ? Suggest(request, searcher, collected.Total) : null,
                TranslationLanguages = request.Translate ? [.. held.Order(StringComparer.Ordinal)] : [],
            };
            if (answers is not null && answers.Count < AnswersByReader.PerQuery)
            {
                answers.TryAdd(answerKey!, results);
            }
            return results;
        }
        finally
        {
            searchers.Release(shared);
        }
    }

    // A corrected query, offered when it finds more of the documents the caller may see than the query did, or as
    // many when it replaced a word that found nothing (the other words found those). The words come from the documents
    // of the caller's access and module, less those the caller may no longer read (ExcludeIds); each word's own hits
    // are counted over the same documents; the corrected query is counted with every filter of the request, as its
    // link will search.
    private string? Suggest(SearchQuery request, IndexSearcher searcher, int total)
    {
        if (QueryText.Parse(request.Text) is { IsBrowse: true } or { Units.Count: > Suggester.MaxWords })
        {
            return null;
        }
        var reader = searcher.IndexReader;
        var visibleFilter = Filter(request with { Filters = ReadOnlyDictionary<string, IReadOnlyList<string>>.Empty });
        var visible = Suggester.Visible(reader, visibleFilter);
        int Count(SearchQuery query, Filter? filter)
        {
            var (compiled, _) = queries.Build(query, HeldLanguages(reader, request.Access));
            if (compiled is null)
            {
                return 0;
            }
            var counter = new TotalHitCountCollector();
            searcher.Search(filter is null ? compiled.Query : new FilteredQuery(compiled.Query, filter, DensityFilterStrategy.Instance), counter);
            return counter.TotalHits;
        }
        var suggested = Suggester.Suggest(reader, visible, request.Text, lowHits: total > 0,
            word => Count(request with { Text = word, Translate = false }, visibleFilter));
        if (suggested is not { } suggestion || string.Equals(suggestion.Text, request.Text.Trim(), StringComparison.Ordinal))
        {
            return null;
        }
        var found = Count(request with { Text = suggestion.Text }, Filter(request));
        return found > total || (suggestion.Unknown && found > 0 && found >= total) ? suggestion.Text : null;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IndexReader, ConcurrentDictionary<string, IReadOnlySet<string>>> HeldByReader = [];

    // The field languages with at least one live (not deleted) document the viewer may read holding a title or body in
    // them, once per reader and set of access keys (at most MaxCachedFilters sets per reader). Field statistics
    // (GetDocCount) still count deleted documents until their segment is merged, and count documents of every access,
    // so the postings are walked until a live, visible document turns up (the first term's first document, almost
    // always; every posting of the field only when the language is held by documents the viewer may not read alone).
    private IReadOnlySet<string> HeldLanguages(IndexReader reader, SearchAccess access)
    {
        var byAccess = HeldByReader.GetValue(reader, _ => new ConcurrentDictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal));
        var keys = access.ViewerKeys;
        var cacheKey = AccessKey(access);
        if (byAccess.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }
        if (byAccess.Count >= MaxCachedFilters)
        {
            byAccess.Clear();
        }
        var accessFilter = keys is null ? null : CachedTerms(IndexFields.Access, keys);
        var visible = reader.Leaves.Select(leaf => Accepted(leaf, accessFilter)).ToList();
        IReadOnlySet<string> held = LanguageAnalyzers.FieldLanguages
            .Where(l => reader.GetDocCount(IndexFields.For(l).Title) > 0 || reader.GetDocCount(IndexFields.For(l).Body) > 0)
            .Where(l => HasVisibleDocument(reader, visible, IndexFields.For(l).Title) || HasVisibleDocument(reader, visible, IndexFields.For(l).Body))
            .ToHashSet(StringComparer.Ordinal);
        return byAccess.GetOrAdd(cacheKey, held);
    }

    // Everything besides the built query and the reader that an answer depends on: the key set, module, facet filters and
    // fields, order and page (the text, interface language, translation and held languages are the built query's key).
    private static string AnswerKey(SearchQuery request, List<string> facetNames, int page, int pageSize)
    {
        var key = new System.Text.StringBuilder(AccessKey(request.Access)).Append('\u001e').Append(request.Module).Append('\u001e')
            .Append((int)request.Sort).Append('\u001e').Append(page).Append('\u001e').Append(pageSize).Append('\u001e').AppendJoin('\u001f', facetNames);
        foreach (var (name, values) in (request.Filters ?? ReadOnlyDictionary<string, IReadOnlyList<string>>.Empty).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            key.Append('\u001e').Append(name).Append('=').AppendJoin('\u001f', (values ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        }
        return key.ToString();
    }

    // The answers of one index reader per built query (issue 21), as Solr's query result cache keeps them per searcher:
    // an answer depends only on the index's content (a reader never changes; any index update opens a new one, and
    // these go with the old), the built query (BuiltQueries hands out one object per text, interface language,
    // translation and held languages, so its identity is the key) and AnswerKey, which names the viewer's key set. A
    // search that leaves out pending changes (ExcludeIds) is neither answered from nor kept here. Bounded: PerQuery
    // answers per built query; a built query BuiltQueries no longer holds is dropped with its answers.
    private static class AnswersByReader
    {
        public const int PerQuery = 8;

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IndexReader,
            System.Runtime.CompilerServices.ConditionalWeakTable<CompiledQuery, ConcurrentDictionary<string, SearchResults>>> Tables = [];

        public static ConcurrentDictionary<string, SearchResults> For(IndexReader reader, CompiledQuery query) =>
            Tables.GetValue(reader, _ => []).GetValue(query, _ => new ConcurrentDictionary<string, SearchResults>(StringComparer.Ordinal));
    }

    // One string per set of access keys (order and repeats do not matter), or a marker for everything.
    private static string AccessKey(SearchAccess access) => access.ViewerKeys is not { } keys ? "\u0001everything"
        : string.Join('\u001f', keys.Where(k => !string.IsNullOrEmpty(k)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    // A leaf's live documents the filter lets through (its live documents without a filter; null: none).
    private static IBits? Accepted(AtomicReaderContext leaf, Filter? filter)
    {
        var live = leaf.AtomicReader.LiveDocs;
        if (filter is null)
        {
            return live ?? new Bits.MatchAllBits(leaf.AtomicReader.MaxDoc);
        }
        if (filter.GetDocIdSet(leaf, live)?.GetIterator() is not { } iterator)
        {
            return null;
        }
        var bits = new FixedBitSet(Math.Max(leaf.AtomicReader.MaxDoc, 1));
        int doc;
        while ((doc = iterator.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
        {
            bits.Set(doc);
        }
        return bits;
    }

    private static bool HasVisibleDocument(IndexReader reader, List<IBits?> visible, string field)
    {
        for (var i = 0; i < reader.Leaves.Count; i++)
        {
            if (visible[i] is not { } accepted || reader.Leaves[i].AtomicReader.GetTerms(field) is not { } terms)
            {
                continue;
            }
            var termsEnum = terms.GetEnumerator();
            while (termsEnum.MoveNext())
            {
                if (termsEnum.Docs(accepted, null, DocsFlags.NONE).NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// False: each search builds its query afresh and so meets none of the answers, weights and hits kept per built
    /// query (the library benchmark's uncached mode: what a query nobody asked before costs).
    /// </summary>
    internal bool ReuseBuiltQueries { get => queries.Reuse; set => queries.Reuse = value; }

    /// <summary>Indexes of at least this many documents are searched on several cores at once.</summary>
    internal int ParallelFromDocuments { get; set; } = 20_000;

    /// <summary>How many of the best pages by the words' own score are ordered again by the nearness of the words.</summary>
    internal int RescoreDepth { get; set; } = 400;

    private sealed record Collected(int Total, Func<int, int, TopDocs> Page, FacetCountingCollector? Facets);

    // The collected top documents (every one asked for, sorted by relevance with their sort fields), the first
    // RescoreDepth of them with their scores multiplied by the nearness factor and ordered again by score, date
    // (newest first) and id, as the relevance sort orders; the rest after them, in their order. The same for every page
    // of the same search, so pages neither repeat nor skip a document.
    private Collected Rescored(IndexSearcher searcher, ProximityQuery nearness, Collected collected, int collecting)
    {
        var all = collected.Page(0, collecting);
        var docs = all.ScoreDocs;
        var depth = Math.Min(docs.Length, RescoreDepth);
        var factors = nearness.Factors(searcher, [.. docs.Take(depth).Select(d => d.Doc)]);
        var head = new FieldDoc[depth];
        for (var i = 0; i < depth; i++)
        {
            var doc = (FieldDoc)docs[i];
            var score = doc.Score * factors[i];
            var fields = (object[])doc.Fields.Clone();
            fields[0] = score;
            head[i] = new FieldDoc(doc.Doc, score, fields, doc.ShardIndex);
        }
        Array.Sort(head, RelevanceOrder);
        var ordered = new ScoreDoc[docs.Length];
        head.CopyTo(ordered, 0);
        Array.Copy(docs, depth, ordered, depth, docs.Length - depth);
        var max = ordered.Length == 0 ? float.NaN : ordered.Max(d => d.Score);
        return collected with
        {
            Page = (start, count) => new TopDocs(all.TotalHits, [.. ordered.Skip(start).Take(count)], max),
        };
    }

    // Score (highest first), date (newest first), id: ByRelevance's order over its own sort fields.
    private static int RelevanceOrder(FieldDoc a, FieldDoc b)
    {
        var byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
        {
            return byScore;
        }
        var byDate = Comparer<object>.Default.Compare(b.Fields[1], a.Fields[1]);
        return byDate != 0 ? byDate : BytesRef.UTF8SortedAsUnicodeComparer.Compare((BytesRef)a.Fields[2], (BytesRef)b.Fields[2]);
    }

    // One query, collected for its top documents and facet counts. A large index is searched in slices of segments,
    // one per core, each with its own collectors, then merged: the top documents by TopDocs.Merge (ties keep document
    // order, as a single pass would), the facet counts by adding. The weight is built once and shared (Lucene's
    // weights and cached filters are safe across threads). A small index is searched in one pass.
    // fields: the top documents carry their sort fields (for Rescored).
    private Collected Collect(PolisSearcher searcher, Query query, SearchSort sort, int wanted, List<string> facetNames, CancellationToken ct, bool fields = false)
    {
        var slices = Slices(searcher.IndexReader.Leaves, searcher.IndexReader.MaxDoc, ParallelFromDocuments);
        FacetCountingCollector? NewFacets() => facetNames.Count > 0 ? new FacetCountingCollector([.. facetNames.Select(IndexFields.Facet)]) : null;
        if (slices.Count == 1)
        {
            var (top, total, topDocs) = TopCollector(sort, wanted, fillFields: fields);
            var facets = NewFacets();
            searcher.Search(query, facets is null ? top : MultiCollector.Wrap(top, facets));
            return new Collected(total(), topDocs, facets);
        }

        var weight = searcher.CreateNormalizedWeight(query);
        var shards = new TopDocs[slices.Count];
        var totals = new int[slices.Count];
        var facetParts = new FacetCountingCollector?[slices.Count];
        Parallel.For(0, slices.Count, new ParallelOptions { MaxDegreeOfParallelism = slices.Count, CancellationToken = ct }, s =>
        {
            var (top, total, topDocs) = TopCollector(sort, wanted, fillFields: true);
            var facets = NewFacets();
            searcher.SearchSlice(slices[s], weight, facets is null ? top : MultiCollector.Wrap(top, facets));
            shards[s] = topDocs(0, wanted);
            totals[s] = total();
            facetParts[s] = facets;
        });
        var merged = facetParts[0];
        for (var s = 1; s < facetParts.Length; s++)
        {
            merged?.Add(facetParts[s]!);
        }
        var luceneSort = SortOf(sort);
        return new Collected(totals.Sum(), (start, count) => TopDocs.Merge(luceneSort, start, count, shards), merged);
    }

    // Runs of consecutive segments, one per core, of similar size. Consecutive, so that TopDocs.Merge, which breaks
    // ties by slice, keeps document order for equal scores exactly as a single pass does.
    private static List<List<AtomicReaderContext>> Slices(IList<AtomicReaderContext> leaves, int maxDoc, int parallelFrom)
    {
        var cores = Math.Min(Environment.ProcessorCount, 8);
        if (cores < 2 || leaves.Count < 2 || maxDoc < parallelFrom)
        {
            return [[.. leaves]];
        }
        var count = Math.Min(cores, leaves.Count);
        var slices = new List<List<AtomicReaderContext>> { new() };
        long done = 0;
        foreach (var leaf in leaves.OrderBy(l => l.DocBase))
        {
            var full = done >= (long)maxDoc * slices.Count / count;
            if (full && slices[^1].Count > 0 && slices.Count < count)
            {
                slices.Add([]);
            }
            slices[^1].Add(leaf);
            done += leaf.AtomicReader.MaxDoc;
        }
        return slices;
    }

    private static Sort SortOf(SearchSort sort)
    {
        if (sort == SearchSort.Relevance)
        {
            return ByRelevance;
        }
        var descending = sort == SearchSort.DateDescending;
        var date = new SortField(IndexFields.Date, SortFieldType.INT64, descending);
        date.SetMissingValue(descending ? long.MinValue : long.MaxValue);   // undated documents last either way
        return new Sort(date, SortField.FIELD_SCORE);
    }

    // Best match first; equal scores newest first (undated last), then by id, so that the order of ties does not
    // depend on where documents sit in the index (it changes after a reindex or a merge).
    private static readonly Sort ByRelevance = RelevanceSort();

    private static Sort RelevanceSort()
    {
        var date = new SortField(IndexFields.Date, SortFieldType.INT64, true);
        date.SetMissingValue(long.MinValue);
        return new Sort(SortField.FIELD_SCORE, date, new SortField(IndexFields.Id, SortFieldType.STRING));
    }

    private static (ICollector Collector, Func<int> TotalHits, Func<int, int, TopDocs> TopDocs) TopCollector(SearchSort sort, int wanted, bool fillFields)
    {
        var byFields = TopFieldCollector.Create(SortOf(sort), wanted,
            fillFields: fillFields, trackDocScores: true, trackMaxScore: fillFields, docsScoredInOrder: false);
        return (byFields, () => byFields.TotalHits, byFields.GetTopDocs);
    }

    // Access, module and facet filters, ANDed. Each is a TermsFilter wrapped in a CachingWrapperFilter, kept across
    // queries: the cache is per segment, so it survives reopens for unchanged segments.
    private Filter? Filter(SearchQuery request)
    {
        var clauses = new List<Filter>();
        if (request.Access.ViewerKeys is { } keys)
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
        var excluded = (request.ExcludeIds ?? []).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
        if (clauses.Count <= 1 && excluded.Count == 0)
        {
            return clauses.FirstOrDefault();
        }
        var all = new BooleanFilter();
        foreach (var clause in clauses)
        {
            all.Add(clause, Occur.MUST);
        }
        if (excluded.Count > 0)
        {
            // Not cached: the list changes with every pending change.
            all.Add(new TermsFilter(IndexFields.Id, [.. excluded.Select(id => new BytesRef(id))]), Occur.MUST_NOT);
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

    private sealed class PolisSearcherFactory(Lucene.Net.Search.Similarities.Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new PolisSearcher(reader) { Similarity = similarity };
    }

    // Lucene's default applies a filter by random access (score every document the words match, then check the
    // filter's bit) whenever the filter's first document is near the start, i.e. nearly always. That is right for the
    // access filter (most documents pass) and wrong for a facet drill-down that keeps 1 % of the library: there,
    // walking the filter's documents and advancing the words' postings to each ("leap-frog, filter first") skips
    // almost all postings. The filter is a bit set, so its density costs one popcount per segment.
    private sealed class DensityFilterStrategy : FilteredQuery.RandomAccessFilterStrategy
    {
        public static readonly DensityFilterStrategy Instance = new();

        // Below this share of a segment's documents, the filter leads.
        private const double SparseShare = 0.02;

        protected override bool UseRandomAccess(IBits bits, int firstFilterDoc) =>
            bits is not FixedBitSet set || set.Cardinality > set.Length * SparseShare;
    }

    // Exposes the search of a subset of segments with a prepared weight (protected in IndexSearcher).
    // With VisibleStatistics, it weighs words by the documents the viewer may read.
    private sealed class PolisSearcher(IndexReader reader, VisibleStatistics? statistics = null) : IndexSearcher(reader), CoverageQuery.IVisibleTerms
    {
        public long VisibleDocFreq(Term term) =>
            statistics is null ? IndexReader.DocFreq(term) : statistics.TermStatistics(term).DocFreq;

        public void SearchSlice(IList<AtomicReaderContext> leaves, Weight weight, ICollector collector) => Search(leaves, weight, collector);

        public override TermStatistics TermStatistics(Term term, TermContext context) =>
            statistics is null ? base.TermStatistics(term, context) : statistics.TermStatistics(term);

        public override CollectionStatistics CollectionStatistics(string field) =>
            statistics is null ? base.CollectionStatistics(field) : statistics.CollectionStatistics(field, base.CollectionStatistics);
    }
}
