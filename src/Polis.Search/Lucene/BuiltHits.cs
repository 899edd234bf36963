using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Polis.Search;

// The hits already built for one index reader and one built query (issue 21): reading a hit's stored fields and
// building its snippet was a third of an uncached search's CPU and a quarter of its allocation, and the same query on
// the same reader gives the same hit every time. A hit depends only on the document's stored fields (fixed for a
// reader: any index update opens a new one and drops these) and on the built query (its highlight terms and preferred
// languages; BuiltQueries hands out one object per text, interface language, translation and held languages, so the
// key is the object's identity). It does not depend on the viewer: which documents are hits, and their scores, do, so
// the score is set per search and the access filter still decides what is found. Bounded: the first PerQuery hits of
// each built query are kept (the first pages); a built query BuiltQueries no longer holds is dropped with its hits.
internal static class BuiltHits
{
    internal const int PerQuery = 40;

    private static readonly ConditionalWeakTable<IndexReader, ConditionalWeakTable<CompiledQuery, ConcurrentDictionary<int, SearchHit>>> ByReader = [];

    public static SearchHit Get(IndexSearcher searcher, int docId, float score, CompiledQuery query, LanguageAnalyzers analyzers)
    {
        var hits = ByReader.GetValue(searcher.IndexReader, _ => []).GetValue(query, _ => new ConcurrentDictionary<int, SearchHit>());
        if (hits.TryGetValue(docId, out var hit))
        {
            return hit.Score.Equals(score) ? hit : hit with { Score = score };
        }
        hit = HitBuilder.Build(searcher, docId, score, query, analyzers);
        if (hits.Count < PerQuery)
        {
            hits.TryAdd(docId, hit);
        }
        return hit;
    }
}
