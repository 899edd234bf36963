using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Polis.Search.Tests;

// The nearness factors of a search (ProximityQuery.Factors) are read straight from the postings of the pages asked
// (issue 20, eleventh part). They must be what Lucene's span queries say: a word pair is near in a page when
// SpanNearQuery(slop: Window, inOrder: false) over the two words' terms in one field matches it, and weighs
// PairWeight of one more than the least slop at which it matches (sixteenth part). Checked on random
// indexes of several segments with deleted pages, words at random distances around the window, terms at one position
// and terms no page holds.
public sealed class ReadingNearnessFromPositions
{
    private static readonly string[] Fields = ["title_en", "body_en", "body_ru"];
    private static readonly string[] Vocabulary = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"];

    [Fact]
    public void Factors_read_from_positions_are_those_of_Lucene_s_unordered_span_near_query()
    {
        var compared = 0;
        var raised = 0;
        for (var seed = 1; seed <= 6; seed++)
        {
            var random = new Random(seed);
            using var directory = new RAMDirectory();
            using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))
            {
                MergePolicy = NoMergePolicy.COMPOUND_FILES,
            }))
            {
                for (var segment = 0; segment < 4; segment++)
                {
                    for (var d = 0; d < 60; d++)
                    {
                        writer.AddDocument(RandomDocument(random, $"{seed}-{segment}-{d}"));
                    }
                    writer.Commit();
                }
                for (var d = 0; d < 40; d++)
                {
                    writer.DeleteDocuments(new Term("id", $"{seed}-{random.Next(4)}-{random.Next(60)}"));
                }
                writer.Commit();
            }
            using var reader = DirectoryReader.Open(directory);
            Assert.True(reader.Leaves.Count >= 4);
            Assert.True(reader.NumDeletedDocs > 0);
            var searcher = new IndexSearcher(reader);
            // Every page, deleted ones too (a search asks only live ones; a deleted one must stay at 1 as Lucene's
            // scorer skips it), in a random order.
            var docs = Enumerable.Range(0, reader.MaxDoc).OrderBy(_ => random.Next()).ToArray();
            for (var q = 0; q < 40; q++)
            {
                var words = RandomWords(random);
                if (ProximityQuery.Around(AllWords(words), [.. words.Select(Query)]) is not ProximityQuery nearness)
                {
                    Assert.Empty(Pairs(words));
                    continue;
                }
                var expected = SpanFactors(searcher, words, docs);
                var actual = nearness.Factors(searcher, docs);
                Assert.Equal(expected.Length, actual.Length);
                for (var i = 0; i < expected.Length; i++)
                {
                    Assert.Equal(expected[i], actual[i], 0.001f);   // the same weights, added up in another order
                }
                compared += docs.Length;
                raised += actual.Count(f => f > 1f);
            }
        }
        Assert.True(raised > 100 && raised < compared / 2, $"{raised} of {compared} raised");
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(31, true)]
    [InlineData(32, false)]
    [InlineData(0, true)]   // two terms at one position (a lemma beside its form)
    public void Two_words_are_near_when_their_positions_are_at_most_the_window_plus_one_apart(int apart, bool near)
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))))
        {
            var tokens = new List<(string, int)> { ("alpha", 1) };
            tokens.Add(("beta", apart));
            writer.AddDocument([new TextField("body_en", new Tokens(tokens))]);
        }
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        string[][][] words = [[[], ["alpha"], []], [[], ["beta"], []]];

        var factors = ((ProximityQuery)ProximityQuery.Around(AllWords(words), [.. words.Select(Query)])).Factors(searcher, [0]);

        Assert.Equal(near ? 1f + (ProximityQuery.Factor * ProximityQuery.PairWeight(apart)) : 1f, factors[0]);
        Assert.Equal(SpanFactors(searcher, words, [0]), factors);
    }

    // A page of each field: tokens of the vocabulary (and filler), mostly one position apart, some at the same
    // position, some after a gap of 20 to 40 positions.
    private static Document RandomDocument(Random random, string id)
    {
        var document = new Document { new StringField("id", id, Field.Store.NO) };
        foreach (var field in Fields)
        {
            var tokens = new List<(string, int)>();
            var length = random.Next(0, 40);
            for (var t = 0; t < length; t++)
            {
                var text = random.Next(3) == 0 ? Vocabulary[random.Next(Vocabulary.Length)] : "filler";
                var increment = random.Next(10) switch
                {
                    0 => 0,
                    1 or 2 => random.Next(20, 41),
                    _ => 1,
                };
                tokens.Add((text, t == 0 ? Math.Max(1, increment) : increment));
            }
            document.Add(new TextField(field, new Tokens(tokens)));
        }
        return document;
    }

    // 2 to 5 words (ProximityQuery reads the first MaxWords), each 1 to 3 terms per field (some shared by two words,
    // some no page holds), in some of the fields.
    private static string[][][] RandomWords(Random random)
    {
        var words = new string[random.Next(2, 6)][][];
        for (var w = 0; w < words.Length; w++)
        {
            words[w] = new string[Fields.Length][];
            for (var f = 0; f < Fields.Length; f++)
            {
                words[w][f] = random.Next(3) == 0
                    ? []
                    : [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(12) is var i && i < Vocabulary.Length ? Vocabulary[i] : $"absent{i}").Distinct()];
            }
        }
        return words;
    }

    // A word's clause as the query builder makes it: a disjunction of its terms in every field.
    private static Query Query(string[][] word)
    {
        var any = new DisjunctionMaxQuery(0.1f);
        for (var f = 0; f < Fields.Length; f++)
        {
            foreach (var text in word[f])
            {
                any.Add(new TermQuery(new Term(Fields[f], text)));
            }
        }
        return any;
    }

    private static BooleanQuery AllWords(string[][][] words)
    {
        var main = new BooleanQuery();
        foreach (var word in words)
        {
            main.Add(Query(word), Occur.SHOULD);
        }
        return main;
    }

    // Per word pair (of the first MaxWords words), per field, the first word's terms and the second's less those.
    private static Dictionary<(int, int), List<(string Field, string[] First, string[] Second)>> Pairs(string[][][] words)
    {
        var pairs = new Dictionary<(int, int), List<(string, string[], string[])>>();
        var count = Math.Min(words.Length, ProximityQuery.MaxWords);
        for (var i = 0; i < count; i++)
        {
            for (var j = i + 1; j < count; j++)
            {
                for (var f = 0; f < Fields.Length; f++)
                {
                    var second = words[j][f].Except(words[i][f]).ToArray();
                    if (words[i][f].Length == 0 || second.Length == 0)
                    {
                        continue;
                    }
                    if (!pairs.TryGetValue((i, j), out var fields))
                    {
                        pairs[(i, j)] = fields = [];
                    }
                    fields.Add((Fields[f], words[i][f], second));
                }
            }
        }
        return pairs;
    }

    // The factors by Lucene's span queries: 1 + Factor / (word pairs) × (the weights of the word pairs near in the page
    // in some field). A pair's weight is PairWeight of one more than the least slop at which its span query matches the
    // page (slop 0: the words at one position or neighbours).
    private static float[] SpanFactors(IndexSearcher searcher, string[][][] words, int[] docs)
    {
        var pairs = Pairs(words);
        var near = new float[searcher.IndexReader.MaxDoc];
        foreach (var fields in pairs.Values)
        {
            var found = new bool[searcher.IndexReader.MaxDoc];
            for (var slop = 0; slop <= ProximityQuery.Window; slop++)
            {
                var any = new BooleanQuery();
                foreach (var (field, first, second) in fields)
                {
                    any.Add(new SpanNearQuery([Or(field, first), Or(field, second)], slop, inOrder: false), Occur.SHOULD);
                }
                foreach (var hit in searcher.Search(any, searcher.IndexReader.MaxDoc + 1).ScoreDocs)
                {
                    if (!found[hit.Doc])
                    {
                        found[hit.Doc] = true;
                        near[hit.Doc] += ProximityQuery.PairWeight(slop + 1);
                    }
                }
            }
        }
        var perPair = ProximityQuery.Factor / pairs.Count;
        return [.. docs.Select(d => near[d] == 0 ? 1f : 1f + (perPair * near[d]))];
    }

    private static SpanOrQuery Or(string field, string[] terms) =>
        new SpanOrQuery([.. terms.Select(t => (SpanQuery)new SpanTermQuery(new Term(field, t)))]);

    // Tokens with the position increments given (0: at the previous token's position).
    private sealed class Tokens : TokenStream
    {
        private readonly IReadOnlyList<(string Text, int Increment)> tokens;
        private readonly ICharTermAttribute term;
        private readonly IPositionIncrementAttribute increment;
        private int next;

        public Tokens(IReadOnlyList<(string Text, int Increment)> tokens)
        {
            this.tokens = tokens;
            term = AddAttribute<ICharTermAttribute>();
            increment = AddAttribute<IPositionIncrementAttribute>();
        }

        public override bool IncrementToken()
        {
            if (next == tokens.Count)
            {
                return false;
            }
            ClearAttributes();
            term.SetEmpty().Append(tokens[next].Text);
            increment.PositionIncrement = tokens[next].Increment;
            next++;
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            next = 0;
        }
    }
}
