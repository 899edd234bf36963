using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Polis.Search;

// Nearness of the query's words (issue 20). The coord rewards a page for holding many of the query's words, wherever
// they are; a page of a long manual holds most translated senses of most words somewhere, so a query of a paragraph's
// few distinctive words found hundreds of pages that hold each of them far apart, and the page whose one paragraph
// holds them together came below the tenth. Here a page's score is multiplied by 1 + Factor × (the query's word pairs
// found within Window positions of each other in one of its fields: title, summary or body, in any language, each
// weighed by how close they stand, PairWeight, over the number of pairs). A word is all its single terms there (itself,
// its lemmas, its translations); a pair counts once, at its closest, whatever field or language holds it. Weighed by
// closeness, not counted alike across the window: words side by side are a phrase of the page, words thirty positions
// apart are often two sentences about other things. Measured on three collections (issue 20, sixteenth part, with the
// foreign words of LuceneQueryBuilder): recall@10 titles 0.894 → 0.901, content words 0.531 → 0.546, 29 of 30 cells
// up or level, against pairs counted alike with Factor 20; Factor 40 or 80, or a narrower window, gave titles up to
// 0.004 more and content words 0.003-0.015 less; Factor 200 or a Closeness of 3 or 6, the same within 0.002.
// Multiplied, not added: with Factor 120 the pages holding the words side by side come first unless another page's own
// score is over 121 times theirs, and a page that is a strong match (a title that is the query, whose words stand
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
    public const float Factor = 120f;

    // How a near pair's weight falls with the distance between its words: Closeness / (distance + Closeness − 1), so 1
    // for neighbours (or two terms at one position), ½ five positions apart, ¼ at thirteen, about ⅛ at the window's
    // edge.
    public const int Closeness = 4;

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

    // The candidates with only the terms the reader holds (from the term contexts kept per reader, ReaderTermQuery: the
    // words' own query has just looked each of them up), each term once: a language's fields where a word has no term
    // in any document (the query word analysed for every language) cost nothing. Null when no pair can match.
    private Held? HeldBy(IndexReader reader)
    {
        var terms = new List<(Term Term, TermContext Context)>();
        var index = new Dictionary<Term, int>();
        var pairs = new Dictionary<(int, int), int>();
        var held = new List<HeldCandidate>();
        int[] Indexes(string field, string[] texts)
        {
            var found = new List<int>(texts.Length);
            foreach (var text in texts)
            {
                var term = new Term(field, text);
                if (!index.TryGetValue(term, out var i))
                {
                    var context = ReaderTermQuery.Kept(reader, term);
                    i = context.DocFreq > 0 ? terms.Count : -1;
                    if (i >= 0)
                    {
                        terms.Add((term, context));
                    }
                    index[term] = i;
                }
                if (i >= 0)
                {
                    found.Add(i);
                }
            }
            return [.. found];
        }
        foreach (var candidate in candidates)
        {
            var first = Indexes(candidate.Field, candidate.FirstTerms);
            var second = Indexes(candidate.Field, candidate.SecondTerms);
            if (first.Length == 0 || second.Length == 0)
            {
                continue;
            }
            var key = (candidate.First, candidate.Second);
            if (!pairs.TryGetValue(key, out var pair))
            {
                pairs[key] = pair = pairs.Count;
            }
            held.Add(new HeldCandidate(pair, first, second));
        }
        return held.Count == 0 ? null : new Held([.. terms], [.. held], pairs.Count);
    }

    // The held terms (field and text, their place in each segment), the candidates as indexes of them, and how many
    // word pairs they belong to (HeldCandidate.Pair counts from 0).
    private sealed record Held((Term Term, TermContext Context)[] Terms, HeldCandidate[] Candidates, int Pairs);

    private sealed record HeldCandidate(int Pair, int[] First, int[] Second);

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
    /// Each document's factor, 1 + (the weights of the word pairs it holds near each other, over the number of pairs)
    /// × Factor, for documents of the searcher's reader (top-level ids, any order): what this query's score multiplies
    /// the main query's score by.
    /// </summary>
    /// <remarks>
    /// A word pair is near in a document when one of the first word's terms stands within Window positions of one of
    /// the second's in the same field, as Lucene's SpanNearQuery(slop: Window, inOrder: false) over the two words' terms
    /// (SpanOrQuery) matches: the span from the first position to the last, less the two terms' own length of one,
    /// at most Window, i.e. positions at most Window + 1 apart; its weight is PairWeight of the least distance between
    /// the two words' positions (the least slop at which that span query matches, plus one). Read directly from the
    /// postings of the few documents asked, positioned with the term contexts kept per reader: span queries look every
    /// term up again in every segment per query (their weights build term contexts and statistics a constant score
    /// never uses), which cost more than reading the positions (docs/performance.md, issue 20 eleventh part). The same factors (tested against the span
    /// queries: ReadingNearnessFromPositions).
    /// </remarks>
    public float[] Factors(IndexSearcher searcher, IReadOnlyList<int> docs)
    {
        var factors = new float[docs.Count];
        Array.Fill(factors, 1f);
        var reader = searcher.IndexReader;
        if (docs.Count == 0 || HeldBy(reader) is not { } held)
        {
            return factors;
        }
        var order = new int[docs.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (x, y) => docs[x].CompareTo(docs[y]));
        var leaves = reader.Leaves;
        var leafIndex = -1;
        AtomicReaderContext? leaf = null;
        var postings = new Postings?[held.Terms.Length];
        var near = new bool[held.Pairs];
        var weights = new float[held.Pairs];
        var first = new List<int>();
        var second = new List<int>();
        foreach (var i in order)
        {
            var doc = docs[i];
            var index = ReaderUtil.SubIndex(doc, leaves);
            if (index != leafIndex)
            {
                leafIndex = index;
                leaf = leaves[index];
                Array.Clear(postings);   // a segment's own postings, opened when first asked
            }
            var local = doc - leaf!.DocBase;
            Array.Clear(near);
            Array.Clear(weights);
            var count = 0f;
            foreach (var candidate in held.Candidates)
            {
                if (near[candidate.Pair])
                {
                    continue;   // a pair counts once, at its closest in any field; neighbours are as close as it gets
                }
                if (Gather(candidate.First, first) && Gather(candidate.Second, second) && Distance(first, second) is var d && d <= Window + 1)
                {
                    var weight = PairWeight(d);
                    weights[candidate.Pair] = Math.Max(weights[candidate.Pair], weight);
                    near[candidate.Pair] = weight >= 1f;
                }
            }
            foreach (var weight in weights)
            {
                count += weight;
            }
            if (count > 0)
            {
                factors[i] = 1f + (perPair * count);
            }

            // The positions of the terms (indexes) in the document, sorted; false when none.
            bool Gather(int[] terms, List<int> positions)
            {
                positions.Clear();
                foreach (var t in terms)
                {
                    postings[t] ??= new Postings(leaf, held.Terms[t].Term, held.Terms[t].Context);
                    postings[t]!.AddPositions(local, positions);
                }
                positions.Sort();
                return positions.Count > 0;
            }
        }
        return factors;
    }

    /// <summary>A near pair's weight at a distance of so many positions (at most Window + 1): 1 up to one apart.</summary>
    public static float PairWeight(int distance) => distance <= 1 ? 1f : (float)Closeness / (distance + Closeness - 1);

    // The least distance between a position of the first list and one of the second (both sorted): walking both in
    // order, always past the smaller, meets the closest pair; int.MaxValue when either is empty.
    private static int Distance(List<int> first, List<int> second)
    {
        int i = 0, j = 0;
        var best = int.MaxValue;
        while (i < first.Count && j < second.Count)
        {
            var a = first[i];
            var b = second[j];
            best = Math.Min(best, Math.Abs(a - b));
            if (best <= 1)
            {
                return best;
            }
            if (a < b)
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return best;
    }

    // One term's positions in one segment, for documents asked in increasing order (of live documents only, as a
    // query's scorer sees them).
    private sealed class Postings
    {
        private readonly DocsAndPositionsEnum? positions;
        private readonly List<int> at = [];
        private int read = -1;

        public Postings(AtomicReaderContext leaf, Term term, TermContext context)
        {
            if (context.Get(leaf.Ord) is not { } state || leaf.AtomicReader.GetTerms(term.Field) is not { } terms)
            {
                return;   // no document of this segment holds it
            }
            var termsEnum = terms.GetEnumerator();
            termsEnum.SeekExact(term.Bytes, state);
            positions = termsEnum.DocsAndPositions(leaf.AtomicReader.LiveDocs, null, DocsAndPositionsFlags.NONE);
        }

        // The term's positions in the document, added to into (read once per document: several pairs ask).
        public void AddPositions(int doc, List<int> into)
        {
            if (positions is null)
            {
                return;
            }
            if (doc != read)
            {
                read = doc;
                at.Clear();
                if (positions.DocID < doc)
                {
                    positions.Advance(doc);
                }
                if (positions.DocID == doc)
                {
                    for (var k = positions.Freq; k > 0; k--)
                    {
                        at.Add(positions.NextPosition());
                    }
                }
            }
            into.AddRange(at);
        }
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
