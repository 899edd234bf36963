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
    private const int MaxPerReader = 256;

    private static readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<(CompiledQuery Query, string Access), Weight>> ByReader = [];

    private readonly Weight weight;

    private PreparedQuery(Weight weight) => this.weight = weight;

    // accessKey: the viewer's key set, as one string (the same for the same set), or a marker for everything.
    public static PreparedQuery For(IndexSearcher searcher, CompiledQuery compiled, string accessKey)
    {
        var cache = ByReader.GetValue(searcher.IndexReader, _ => new ConcurrentDictionary<(CompiledQuery, string), Weight>());
        var key = (compiled, accessKey);
        if (!cache.TryGetValue(key, out var weight))
        {
            if (cache.Count >= MaxPerReader)
            {
                cache.Clear();
            }
            weight = cache.GetOrAdd(key, searcher.CreateNormalizedWeight(compiled.Query));
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
