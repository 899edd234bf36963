using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Polis.Search;

// A built query already weighed for one index reader and one viewer's statistics (issue 21). Weighing a translated,
// lemmatised query looks up every one of its terms in every segment's terms dictionary (and rewrites its prefixes):
// most of a search's allocation and a large share of its CPU on a small index. The weight is built once per (reader,
// built query, viewer's key set) and kept until the reader changes (any index update): the statistics it holds are
// those of the documents that key set may read (VisibleStatistics), so two viewers with different keys never share
// one. Lucene's weights are read-only once normalised (scorers are made from them on several threads at once
// already, see LuceneSearchIndex.Collect); this query hands out the normalised weight behind a wrapper that ignores a
// second normalisation (TF-IDF's normalisation multiplies, so it must run exactly once). Searching with it gives the
// same scores as searching with the built query itself: a FilteredQuery around it normalises with the value the
// weight was normalised with.
internal sealed class PreparedQuery : Query
{
    // Weights kept per reader (built query × key set); a built query BuiltQueries no longer holds goes with its own.
    private const int MaxPerReader = 256;

    // Keyed by the built query's identity (BuiltQueries hands out one object per text and resources), not its value:
    // CompiledQuery is a record, and its value hash walks every clause of the Lucene query on each look-up.
    private static readonly ConditionalWeakTable<IndexReader, PerReader> ByReader = [];

    private sealed class PerReader
    {
        public ConditionalWeakTable<CompiledQuery, ConcurrentDictionary<string, Weight>> Weights = [];
        public int Count;
    }

    private readonly Weight weight;

    private PreparedQuery(Weight weight) => this.weight = weight;

    // accessKey: the viewer's key set, as one string (the same for the same set), or a marker for everything.
    public static PreparedQuery For(IndexSearcher searcher, CompiledQuery compiled, string accessKey)
    {
        var perReader = ByReader.GetValue(searcher.IndexReader, _ => new PerReader());
        var cache = Volatile.Read(ref perReader.Weights).GetValue(compiled, _ => new ConcurrentDictionary<string, Weight>(StringComparer.Ordinal));
        if (!cache.TryGetValue(accessKey, out var weight))
        {
            if (Interlocked.Increment(ref perReader.Count) > MaxPerReader)
            {
                // Full: start again empty (searches holding the old table finish with it).
                Volatile.Write(ref perReader.Weights, []);
                Interlocked.Exchange(ref perReader.Count, 0);
            }
            weight = cache.GetOrAdd(accessKey, _ => searcher.CreateNormalizedWeight(compiled.Query));
        }
        return new PreparedQuery(weight);
    }

    public override Weight CreateWeight(IndexSearcher searcher) => new Prepared(this, weight);

    public override Query Rewrite(IndexReader reader) => this;

    public override void ExtractTerms(ISet<Term> terms) => weight.Query.ExtractTerms(terms);

    public override string ToString(string field) => "prepared(" + weight.Query.ToString(field) + ")";

    public override bool Equals(object? obj) => obj is PreparedQuery other && ReferenceEquals(other.weight, weight);

    public override int GetHashCode() => RuntimeHelpers.GetHashCode(weight);

    private sealed class Prepared(PreparedQuery query, Weight inner) : Weight
    {
        private readonly float value = inner.GetValueForNormalization();

        public override Query Query => query;

        public override bool ScoresDocsOutOfOrder => inner.ScoresDocsOutOfOrder;

        public override float GetValueForNormalization() => value;

        // Normalised once, when it was weighed.
        public override void Normalize(float norm, float topLevelBoost)
        {
        }

        public override Explanation Explain(AtomicReaderContext context, int doc) => inner.Explain(context, doc);

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs) => inner.GetScorer(context, acceptDocs);

        public override BulkScorer? GetBulkScorer(AtomicReaderContext context, bool scoreDocsInOrder, IBits? acceptDocs) =>
            inner.GetBulkScorer(context, scoreDocsInOrder, acceptDocs);
    }
}
