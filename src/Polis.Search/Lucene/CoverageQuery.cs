using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Polis.Search;

// The word-level query (LuceneQueryBuilder: one SHOULD clause per source word), whose coord (PolisSimilarity) scales a
// document by the share of the query's words it covers. A word nothing the viewer may read holds (an unknown name, a
// domain word no dictionary translates) can be covered by no document, so counting it made every document partial:
// the relaxed AND was lost, and a page holding one of three words in a short title outranked the page holding the two
// words that can be found. Here the coord counts only the words some document the viewer may read holds (any term
// of the clause, after rewriting, in those documents: VisibleTerms), so covering every findable word is a full match.
// Read from the viewer's visible documents only, so the order of hits depends on nothing the viewer cannot read.
// A phrase whose words are held separately counts as findable (as before: conservative).
internal sealed class CoverageQuery : BooleanQuery
{
    public CoverageQuery()
        : base(disableCoord: false)
    {
    }

    public override Weight CreateWeight(IndexSearcher searcher) => new CoverageWeight(this, searcher);

    /// <summary>How many documents the searcher's viewer may read hold the term.</summary>
    internal interface IVisibleTerms
    {
        long VisibleDocFreq(Term term);
    }

    private sealed class CoverageWeight : BooleanWeight
    {
        private readonly int findable;

        public CoverageWeight(CoverageQuery query, IndexSearcher searcher)
            : base(query, searcher, disableCoord: false)
        {
            var terms = new HashSet<Term>();
            foreach (var clause in query.Clauses)
            {
                if (clause.IsProhibited)
                {
                    continue;
                }
                if (Findable(searcher, clause.Query, terms))
                {
                    findable++;
                }
            }
        }

        public override float Coord(int overlap, int maxOverlap) =>
            base.Coord(overlap, maxOverlap == MaxCoord && findable > 0 ? Math.Max(findable, overlap) : maxOverlap);

        // A clause whose terms cannot be listed counts, as before.
        private static bool Findable(IndexSearcher searcher, Query query, HashSet<Term> terms)
        {
            terms.Clear();
            try
            {
                query.ExtractTerms(terms);
            }
            catch (NotSupportedException)
            {
                return true;
            }
            return terms.Count == 0 || terms.Any(term => DocFreq(searcher, term) > 0);
        }

        private static long DocFreq(IndexSearcher searcher, Term term) =>
            searcher is IVisibleTerms visible ? visible.VisibleDocFreq(term) : searcher.IndexReader.DocFreq(term);
    }
}
