using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;

namespace Polis.Search;

// Nearness of the query's words (issue 20). The coord rewards a page for holding many of the query's words, wherever
// they are; a page of a long manual holds most translated senses of most words somewhere, so a query of a paragraph's
// few distinctive words found hundreds of pages that hold each of them far apart, and the page whose one paragraph
// holds them together came below the tenth. Here a page's score is multiplied by 1 + Factor × (the share of the
// query's word pairs found within Window positions of each other in one of its fields: title, summary or body, in any
// language). A word is all its single terms there (itself, its lemmas, its translations); a pair counts once, whatever
// field or language holds it.
// Multiplied, not added: with Factor 20 the pages holding the words together come first unless another page's own
// score is over 21 times theirs, and a page that is a strong match (a title that is the query, whose words stand
// together in the title) keeps its lead over a long body that holds them near each other by chance; an added
// constant let such bodies overtake the right titles (titles −0.015 to −0.125 recall@10 on three collections,
// docs/performance.md, issue 20 tenth part). Outside the query's normalisation, so the words' own weights do not
// change. Only single terms count (a phrase translation counts through its own clause; prefixes and fuzzy cognates
// not at all), at most MaxWords words and TermsPerWord terms per word and field. A search asks it only of the best
// pages by the words' own score (LuceneSearchIndex.RescoreDepth, through Factors) and orders those again: asked of
// every matching page it cost several times more per query (docs/performance.md). Searched as a query (counting hits,
// a date order) it is its main query.
// Reads no statistics: which pages hold which words near each other is asked only of pages the viewer may read.
internal sealed class ProximityQuery : Query
{
    public const int Window = 30;
    public const float Factor = 20f;
    public const int MaxWords = 4;
    public const int TermsPerWord = 8;

    private static readonly string[] FieldPrefixes = ["title_", "summary_", "body_"];

    private readonly Query main;
    private readonly IReadOnlyList<Candidate> candidates;
    private readonly float perPair;

    private ProximityQuery(Query main, IReadOnlyList<Candidate> candidates, float perPair)
    {
        this.main = main;
        this.candidates = candidates;
        this.perPair = perPair;
    }

    // main, or main raised by the nearness of words (the query's word clauses, one per source word, as in the
    // CoverageQuery) when at least two of them have terms in a common field.
    public static Query Around(Query main, IReadOnlyList<Query> words)
    {
        if (words.Count < 2)
        {
            return main;
        }
        // field -> per word, its terms in that field
        var byField = new Dictionary<string, List<(int Word, HashSet<string> Terms)>>(StringComparer.Ordinal);
        for (var w = 0; w < words.Count && w < MaxWords; w++)
        {
            var terms = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            Collect(words[w], terms);
            foreach (var (field, set) in terms)
            {
                if (!byField.TryGetValue(field, out var list))
                {
                    byField[field] = list = [];
                }
                list.Add((w, set));
            }
        }

        var candidates = new List<Candidate>();
        var wordPairs = new HashSet<(int, int)>();
        foreach (var (field, list) in byField.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    // A term both words share would meet itself; the pair must be two words.
                    var second = list[j].Terms.Where(t => !list[i].Terms.Contains(t)).ToArray();
                    if (second.Length == 0)
                    {
                        continue;
                    }
                    candidates.Add(new Candidate(list[i].Word, list[j].Word, field, [.. list[i].Terms], second));
                    wordPairs.Add((list[i].Word, list[j].Word));
                }
            }
        }
        return candidates.Count == 0 ? main : new ProximityQuery(main, candidates, Factor / wordPairs.Count);
    }

    // Two words' terms in one field.
    private sealed record Candidate(int First, int Second, string Field, string[] FirstTerms, string[] SecondTerms);

    // The pairs as one query, each word pair once (the best field), with only the terms the reader holds: a language's
    // fields where a word has no term in any document (the query word analysed for every language) cost nothing.
    // Null when no pair can match.
    private static BooleanQuery? Pairs(IReadOnlyList<Candidate> candidates, IndexReader reader)
    {
        var pairs = new SortedDictionary<(int, int), DisjunctionMaxQuery>();
        foreach (var candidate in candidates)
        {
            var first = Held(candidate.Field, candidate.FirstTerms, reader);
            var second = Held(candidate.Field, candidate.SecondTerms, reader);
            if (first.Count == 0 || second.Count == 0)
            {
                continue;
            }
            var key = (candidate.First, candidate.Second);
            if (!pairs.TryGetValue(key, out var any))
            {
                pairs[key] = any = new DisjunctionMaxQuery(0f);
            }
            any.Add(new ConstantScoreQuery(new SpanNearQuery([Or(candidate.Field, first), Or(candidate.Field, second)], Window, inOrder: false)));
        }
        if (pairs.Count == 0)
        {
            return null;
        }
        var all = new BooleanQuery(disableCoord: true);
        foreach (var pair in pairs.Values)
        {
            all.Add(pair, Occur.SHOULD);
        }
        return all;
    }

    // From the term contexts kept per reader (ReaderTermQuery): the words' own query has just looked each of them up.
    private static List<string> Held(string field, string[] terms, IndexReader reader) =>
        [.. terms.Where(t => ReaderTermQuery.DocFreq(reader, new Term(field, t)) > 0)];

    private static SpanQuery Or(string field, List<string> terms)
    {
        var spans = terms.Order(StringComparer.Ordinal).Select(t => (SpanQuery)new SpanTermQuery(new Term(field, t))).ToArray();
        return spans.Length == 1 ? spans[0] : new SpanOrQuery(spans);
    }

    // The single terms in title, summary and body fields under a word's clause (its own terms first, then its
    // alternatives'), TermsPerWord per field.
    private static void Collect(Query query, Dictionary<string, HashSet<string>> terms)
    {
        switch (query)
        {
            case TermQuery term when Array.Exists(FieldPrefixes, p => term.Term.Field.StartsWith(p, StringComparison.Ordinal)):
                if (!terms.TryGetValue(term.Term.Field, out var set))
                {
                    terms[term.Term.Field] = set = new HashSet<string>(StringComparer.Ordinal);
                }
                if (set.Count < TermsPerWord)
                {
                    set.Add(term.Term.Text);
                }
                break;
            case DisjunctionMaxQuery max:
                foreach (var disjunct in max.Disjuncts)
                {
                    Collect(disjunct, terms);
                }
                break;
            case BooleanQuery boolean:
                foreach (var clause in boolean.Clauses)
                {
                    if (!clause.IsProhibited)
                    {
                        Collect(clause.Query, terms);
                    }
                }
                break;
        }
    }

    /// <summary>
    /// Each document's factor, 1 + (the share of word pairs it holds near each other) × Factor, for documents of the
    /// searcher's reader (top-level ids, any order): what this query's score multiplies the main query's score by.
    /// </summary>
    public float[] Factors(IndexSearcher searcher, IReadOnlyList<int> docs)
    {
        var factors = new float[docs.Count];
        Array.Fill(factors, 1f);
        if (Pairs(candidates, searcher.IndexReader) is not { } held)
        {
            return factors;
        }
        // A plain searcher over the same reader: each pair scores a constant, so the terms' statistics are not used,
        // and the viewer's visible statistics (computed per term) would cost much for nothing.
        var plain = new IndexSearcher(searcher.IndexReader);
        var weight = plain.Rewrite(held).CreateWeight(plain);
        weight.GetValueForNormalization();
        weight.Normalize(1f, 1f);
        var leaves = searcher.IndexReader.Leaves;
        var leafIndex = -1;
        AtomicReaderContext? leaf = null;
        Scorer? scorer = null;
        foreach (var i in Enumerable.Range(0, docs.Count).OrderBy(i => docs[i]))
        {
            var doc = docs[i];
            var index = ReaderUtil.SubIndex(doc, leaves);
            if (index != leafIndex)
            {
                leafIndex = index;
                leaf = leaves[index];
                scorer = weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
            }
            if (scorer is null)
            {
                continue;
            }
            var local = doc - leaf!.DocBase;
            if (scorer.DocID < local)
            {
                scorer.Advance(local);
            }
            if (scorer.DocID == local)
            {
                factors[i] = 1f + perPair * scorer.GetScore();
            }
        }
        return factors;
    }

    // Searched as such (counting hits, another order than relevance), it is the main query: the nearness is applied
    // by the search's re-ordering only (Factors).
    public override Query Rewrite(IndexReader reader) => main.Rewrite(reader);

    public override void ExtractTerms(ISet<Term> terms) => main.ExtractTerms(terms);

    public override string ToString(string field) =>
        $"({main.ToString(field)}) × (1 + {perPair} × near({string.Join(' ', candidates.Select(c => $"{c.Field}:{c.First}~{c.Second}"))}))";

    public override bool Equals(object? obj) =>
        obj is ProximityQuery other && other.perPair == perPair && other.main.Equals(main)
        && other.candidates.SequenceEqual(candidates, CandidateComparer.Instance) && other.Boost == Boost;

    public override int GetHashCode() => HashCode.Combine(main, candidates.Count, perPair, Boost);

    private sealed class CandidateComparer : IEqualityComparer<Candidate>
    {
        public static readonly CandidateComparer Instance = new();

        public bool Equals(Candidate? x, Candidate? y) =>
            x is not null && y is not null && x.First == y.First && x.Second == y.Second && x.Field == y.Field
            && x.FirstTerms.SequenceEqual(y.FirstTerms) && x.SecondTerms.SequenceEqual(y.SecondTerms);

        public int GetHashCode(Candidate obj) => HashCode.Combine(obj.First, obj.Second, obj.Field);
    }
}
