using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Polis.Search;

// Collection statistics (how many documents hold a word, how many documents there are) computed over the documents a
// viewer may read, never over the whole index. TF-IDF and BM25 weigh a word by how rare it is: with statistics over
// the whole index, a word held only by records the viewer cannot read would still lower its weight, so a nonsense
// word paired with it would score differently from one paired with an unused word (a one-request-per-guess oracle),
// and the order of visible hits for "X Y" would shift when hidden records mention X. Over the visible documents,
// score and order depend on nothing the viewer cannot read (docs/access.md, "What search reveals").
//
// The cost is one walk of each query term's postings, checking the access filter's bit per document: the search
// walks the same postings anyway. Deleted documents are left out as well, so a score does not change when the index
// merges segments.
//
// Kept per index reader and key set (For, issue 21), with each word's statistics once counted: both depend only on the
// reader (which never changes: an index update opens a new one and these go with the old) and on the key set, and
// counting a word walks its postings in every segment.
internal sealed class VisibleStatistics
{
    // Key sets kept per reader, and words counted per reader over all its key sets (about 150 bytes each, so at most
    // some 40 MB). The bound is the reader's, not each key set's: with 8,192 words per key set, a library benchmark of
    // 250 distinct queries per kind (a query weighs each word in 15-19 fields) emptied the table every few dozen
    // queries and recounted common words' postings, which put Polis at 1.3-1.6x raw Lucene's p95 for phrases and
    // three-word queries against 0.8-1.0 with room for them (issue 20, ninth part). When the reader's words are more
    // than TermsPerReader, the key set that adds one starts again empty.
    internal const int KeySetsPerReader = 256;
    internal const int TermsPerReader = 262_144;

    private sealed class PerReader
    {
        public readonly ConcurrentDictionary<string, VisibleStatistics> ByKeys = new(StringComparer.Ordinal);
        public int Terms;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IndexReader, PerReader> ByReader = [];

    private readonly PerReader? budget;
    private readonly FixedBitSet?[] visible;
    private readonly IList<AtomicReaderContext> leaves;
    private readonly ConcurrentDictionary<Term, TermStatistics> counted = new();
    private readonly ConcurrentDictionary<string, CollectionStatistics> fields = new(StringComparer.Ordinal);

    // The statistics of the documents of this reader that the key set (accessKey, one string per set) may read, through
    // its access filter.
    public static VisibleStatistics For(IndexReader reader, string accessKey, Func<Filter> access)
    {
        var perReader = ByReader.GetValue(reader, _ => new PerReader());
        var byKeys = perReader.ByKeys;
        if (byKeys.TryGetValue(accessKey, out var statistics))
        {
            return statistics;
        }
        statistics = new VisibleStatistics(reader, access(), perReader);
        if (byKeys.Count >= KeySetsPerReader)
        {
            byKeys.Clear();
            Interlocked.Exchange(ref perReader.Terms, 0);
        }
        return byKeys.GetOrAdd(accessKey, statistics);
    }

    public VisibleStatistics(IndexReader reader, Filter access)
        : this(reader, access, null)
    {
    }

    private VisibleStatistics(IndexReader reader, Filter access, PerReader? budget)
    {
        this.budget = budget;
        leaves = reader.Leaves;
        visible = new FixedBitSet?[leaves.Count];
        long count = 0;
        for (var i = 0; i < leaves.Count; i++)
        {
            var leaf = leaves[i];
            var set = Bits(access.GetDocIdSet(leaf, null), leaf.AtomicReader.MaxDoc);
            if (set is null)
            {
                continue;
            }
            var live = leaf.AtomicReader.LiveDocs;
            if (live is not null)
            {
                for (var d = set.NextSetBit(0); d >= 0; d = d + 1 < set.Length ? set.NextSetBit(d + 1) : -1)
                {
                    if (!live.Get(d))
                    {
                        set.Clear(d);
                    }
                }
            }
            visible[i] = set;
            count += set.Cardinality;
        }
        VisibleDocuments = count;
    }

    /// <summary>The live documents the viewer may read, in every module.</summary>
    public long VisibleDocuments { get; }

    // A private copy: deleted documents are cleared from it, and the access filter's cached set must stay intact.
    private static FixedBitSet? Bits(DocIdSet? set, int maxDoc)
    {
        if (set?.GetIterator() is not { } iterator)
        {
            return null;
        }
        var bits = new FixedBitSet(maxDoc);
        bits.Or(iterator);
        return bits;
    }

    // How many words' statistics are kept (tests).
    internal int CountedTerms => counted.Count;

    public TermStatistics TermStatistics(Term term)
    {
        if (counted.TryGetValue(term, out var known))
        {
            return known;
        }
        var statistics = Count(term);
        var full = budget is null ? counted.Count >= TermsPerReader : Volatile.Read(ref budget.Terms) >= TermsPerReader;
        if (full)
        {
            // Full: this key set starts again with the words of the moment.
            var dropped = counted.Count;
            counted.Clear();
            if (budget is not null)
            {
                Interlocked.Add(ref budget.Terms, -dropped);
            }
        }
        // The key is a copy: a term's bytes belong to the query that asked.
        if (counted.TryAdd(new Term(term.Field, BytesRef.DeepCopyOf(term.Bytes)), statistics) && budget is not null)
        {
            Interlocked.Increment(ref budget.Terms);
        }
        return statistics;
    }

    private TermStatistics Count(Term term)
    {
        long docFreq = 0, totalTermFreq = 0;
        for (var i = 0; i < leaves.Count; i++)
        {
            if (visible[i] is not { } bits || leaves[i].AtomicReader.GetTerms(term.Field) is not { } terms)
            {
                continue;
            }
            var termsEnum = terms.GetEnumerator();
            if (!termsEnum.SeekExact(term.Bytes))
            {
                continue;
            }
            var docs = termsEnum.Docs(null, null, DocsFlags.FREQS);
            int d;
            while ((d = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
            {
                if (bits.Get(d))
                {
                    docFreq++;
                    totalTermFreq += docs.Freq;
                }
            }
        }
        return new TermStatistics(BytesRef.DeepCopyOf(term.Bytes), docFreq, Math.Max(totalTermFreq, docFreq));
    }

    // The field's length totals (BM25's average length) are the whole index's, scaled to the visible share: they say
    // nothing about any one word (docs/access.md).
    // Kept per field: the whole index's figures are read through a merged view of every segment's fields (MultiFields,
    // made anew on each call), for every term of every query.
    public CollectionStatistics CollectionStatistics(string field, Func<string, CollectionStatistics> all) =>
        fields.TryGetValue(field, out var known) ? known : fields.GetOrAdd(field, CollectionStatistics(all(field)));

    private CollectionStatistics CollectionStatistics(CollectionStatistics all)
    {
        var maxDoc = Math.Max(VisibleDocuments, 1);
        var share = all.MaxDoc > 0 ? (double)maxDoc / all.MaxDoc : 1;
        long Scaled(long value) => value < 0 ? value : (long)Math.Round(value * share);
        return new CollectionStatistics(all.Field, maxDoc, all.DocCount < 0 ? -1 : Math.Min(Scaled(all.DocCount), maxDoc),
            Scaled(all.SumTotalTermFreq), Scaled(all.SumDocFreq));
    }
}
