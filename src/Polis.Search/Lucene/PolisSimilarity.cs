using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace Polis.Search;

// Classic TF-IDF with two changes that shape ranking:
//
// Coord. The query's words are SHOULD clauses of one BooleanQuery, so a missing word never empties the result.
// Coord is the one place that knows how many of them matched: a document missing any word keeps at most a tenth of
// its score, so documents with every word rank first in practice (a relaxed AND) at no extra scoring cost.
// Every other BooleanQuery Polis builds disables coord, so this only shapes the word-level query.
//
// Phrase idf. TF-IDF gives a phrase the sum of its terms' idf, and the score grows with its square, so a three-word
// phrase weighs about nine times one word. A glossary translation ("trafficking in human beings" for
// "торговля людьми") would then outweigh the words the user typed. The average idf makes a phrase weigh like one
// rare word, whatever its length.
internal sealed class PolisSimilarity : DefaultSimilarity
{
    public const float PartialMatchFactor = 0.1f;

    public override float Coord(int overlap, int maxOverlap) =>
        overlap >= maxOverlap ? 1f : PartialMatchFactor * overlap / maxOverlap;

    public override Explanation IdfExplain(CollectionStatistics collectionStats, TermStatistics[] termStats)
    {
        var sum = base.IdfExplain(collectionStats, termStats);
        if (termStats.Length <= 1)
        {
            return sum;
        }
        var average = new Explanation(sum.Value / termStats.Length, "idf(), average of:");
        foreach (var detail in sum.GetDetails() ?? [])
        {
            average.AddDetail(detail);
        }
        return average;
    }
}
