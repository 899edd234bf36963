using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

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
//
// Length floor. DefaultSimilarity (whose formulas this class repeats: its norm decoding is sealed) gives a one-word
// title the highest norm, so such titles won whenever they held one word of the query.
internal sealed class PolisSimilarity : TFIDFSimilarity
{
    public const float PartialMatchFactor = 0.1f;

    // Length normalisation with a floor: a field of up to ShortFieldTerms terms scores like one of ShortFieldTerms, so
    // a one-word title matching one word of the query does not outrank a page matching more of it (the word-level
    // coord does most of that). Two, not four: with four, a one-word query tied every title of up to four words holding
    // it and the page named by the query lost to longer titles with busier bodies ("Columns" ranked 24th for
    // "Столбцы"); measured on three collections (issue 20): titles +0.00-0.08 recall@10, content words unchanged. Applied when
    // scoring (the index keeps the usual 1/sqrt(length) norms), so existing indexes need no rebuild.
    public const int ShortFieldTerms = 2;
    private static readonly float MaxNorm = 1f / MathF.Sqrt(ShortFieldTerms);

    // Bodies: length counts less than in titles (1/length^0.375 instead of 1/sqrt(length)), so a page whose body holds
    // most of the query's words is not outranked by a short page that holds fewer of them in a few lines; titles keep
    // 1/sqrt(length), so the page named by a title query still comes first. Measured on three collections (issue 20):
    // content-word queries +0.004 to +0.05 recall@10 in every pair, title queries -0.008 on average. Applied when
    // scoring from the norms the index keeps, as the floor is.
    public const double BodyNormPower = 0.75;

    private readonly float[] normTable;

    public PolisSimilarity()
        : this(1.0)
    {
    }

    private PolisSimilarity(double normPower) =>
        normTable = [.. Enumerable.Range(0, 256).Select(i => (float)Math.Pow(Math.Min(SmallSingle.Byte315ToSingle((byte)i), MaxNorm), normPower))];

    /// <summary>The similarity of every field: body fields with BodyNormPower, the others with this one.</summary>
    public static Similarity PerField() => new PolisFieldSimilarity(new PolisSimilarity(), new PolisSimilarity(BodyNormPower));

    public override float DecodeNormValue(long norm) => normTable[(int)(norm & 0xFF)];

    public override long EncodeNormValue(float f) => SmallSingle.SingleToByte315(f);

    public override float LengthNorm(FieldInvertState state) => state.Boost * (float)(1.0 / Math.Sqrt(state.Length - state.NumOverlap));

    public override float QueryNorm(float sumOfSquaredWeights) => (float)(1.0 / Math.Sqrt(sumOfSquaredWeights));

    public override float Tf(float freq) => MathF.Sqrt(freq);

    public override float SloppyFreq(int distance) => 1.0f / (distance + 1);

    public override float ScorePayload(int doc, int start, int end, BytesRef payload) => 1;

    public override float Idf(long docFreq, long numDocs) => (float)(Math.Log(numDocs / (double)(docFreq + 1)) + 1.0);

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

// Lucene asks a per-field similarity for the coord and the query norm of the whole query: both are PolisSimilarity's.
internal sealed class PolisFieldSimilarity(PolisSimilarity others, PolisSimilarity bodies) : PerFieldSimilarityWrapper
{
    public override Similarity Get(string name) => name.StartsWith("body_", StringComparison.Ordinal) ? bodies : others;

    public override float Coord(int overlap, int maxOverlap) => others.Coord(overlap, maxOverlap);

    public override float QueryNorm(float valueForNormalization) => others.QueryNorm(valueForNormalization);
}
