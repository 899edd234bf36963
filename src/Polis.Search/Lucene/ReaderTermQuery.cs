using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Polis.Search;

// A query word whose place in each segment's terms dictionary is looked up once per index reader (issue 21). Weighing
// a TermQuery seeks its term in every segment (TermContext.Build): a translated two-word query has a few hundred terms
// (every language's title, summary and body fields, each translation's), and with a different query in every request
// those seeks were a third of what a search allocated, for words that recur from one query to the next. The term
// context depends only on the reader, which never changes (any index update opens a new one, and the contexts kept
// for the old one go with it); Lucene's weights only read it. The query is Lucene's TermQuery, given the kept context:
// its scores are the same. Bounded: PerReader terms per reader; when full, emptied.
internal sealed class ReaderTermQuery(Term term) : TermQuery(term)
{
    internal const int PerReader = 16384;

    private static readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<Term, TermContext>> ByReader = [];

    // How many terms' contexts are kept for the reader (tests).
    internal static int CountFor(IndexReader reader) => ByReader.TryGetValue(reader, out var kept) ? kept.Count : 0;

    public override Weight CreateWeight(IndexSearcher searcher) =>
        new TermQuery(Term, Context(searcher.TopReaderContext, Term)) { Boost = Boost }.CreateWeight(searcher);

    /// <summary>
    /// The term's place in each segment of the reader (TermContext.Get(leaf.Ord), null where the segment lacks it), kept
    /// per reader: ProximityQuery seeks the words' terms with it instead of looking each up again in every segment.
    /// </summary>
    internal static TermContext Kept(IndexReader reader, Term term) => Context(reader.Context, term);

    private static TermContext Context(IndexReaderContext context, Term term)
    {
        var kept = ByReader.GetValue(context.Reader, _ => new ConcurrentDictionary<Term, TermContext>());
        if (!kept.TryGetValue(term, out var states))
        {
            states = TermContext.Build(context, term);
            if (kept.Count >= PerReader)
            {
                kept.Clear();   // full: start again with the words of the moment
            }
            // The key is a copy: the term's bytes belong to the query.
            kept.TryAdd(new Term(term.Field, BytesRef.DeepCopyOf(term.Bytes)), states);
        }
        return states;
    }
}
