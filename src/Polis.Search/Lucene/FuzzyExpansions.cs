using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Polis.Search;

// A cognate's loose match (LuceneQueryBuilder.AddCognates) expanded once per index reader (issue 21). Expanding a
// FuzzyQuery builds its Levenshtein automata (one per edit distance, determinised and compiled to UTF-8) and walks the
// terms dictionary with them: measured with a different two-word query in every request, that was 57 % of what a
// search allocated and about 30 % of its time, for words that recur from one query to the next. The expansion (the
// closest index terms, each a TermQuery with its boost) depends only on the query's value (field, term, edits, prefix,
// expansions, boost) and on the reader, which never changes: any index update opens a new reader, and the expansions
// kept for the old one go with it. This is the query's rewrite method: Lucene's own (the top terms by similarity,
// scored), whose answer is kept. What is handed out is a shallow copy, so a parent query that changes the boost of what
// it rewrote changes only its copy. Bounded: PerReader expansions per reader; when full, emptied.
internal sealed class FuzzyExpansions : MultiTermQuery.RewriteMethod
{
    internal const int PerReader = 4096;

    private static readonly ConcurrentDictionary<int, FuzzyExpansions> BySize = new();

    private static readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<MultiTermQuery, Query>> ByReader = [];

    private readonly MultiTermQuery.RewriteMethod inner;
    private readonly int size;

    private FuzzyExpansions(int size)
    {
        this.size = size;
        inner = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(size);
    }

    // A FuzzyQuery as Lucene makes it (its top maxExpansions terms, scored), expanded once per reader.
    public static FuzzyQuery Query(Term term, int maxEdits, int prefixLength, int maxExpansions, bool transpositions, float boost) =>
        new(term, maxEdits, prefixLength, maxExpansions, transpositions)
        {
            Boost = boost,
            MultiTermRewriteMethod = BySize.GetOrAdd(maxExpansions, n => new FuzzyExpansions(n)),
        };

    // How many expansions are kept for the reader (tests).
    internal static int CountFor(IndexReader reader) => ByReader.TryGetValue(reader, out var kept) ? kept.Count : 0;

    public override Query Rewrite(IndexReader reader, MultiTermQuery query)
    {
        var kept = ByReader.GetValue(reader, _ => new ConcurrentDictionary<MultiTermQuery, Query>());
        if (!kept.TryGetValue(query, out var expanded))
        {
            expanded = inner.Rewrite(reader, query);
            if (kept.Count >= PerReader)
            {
                kept.Clear();   // full: start again with the words of the moment
            }
            if (query is FuzzyQuery fuzzy)
            {
                // The key is a copy: the query's boost may be changed after this, and a key must not change.
                var key = new FuzzyQuery(new Term(fuzzy.Term.Field, BytesRef.DeepCopyOf(fuzzy.Term.Bytes)), fuzzy.MaxEdits, fuzzy.PrefixLength, size, fuzzy.Transpositions)
                {
                    Boost = fuzzy.Boost,
                    MultiTermRewriteMethod = this,
                };
                kept.TryAdd(key, expanded);
            }
        }
        return (Query)expanded.Clone();
    }

    public override bool Equals(object? obj) => obj is FuzzyExpansions other && other.size == size;

    public override int GetHashCode() => HashCode.Combine(typeof(FuzzyExpansions), size);
}
