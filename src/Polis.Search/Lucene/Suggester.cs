using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Polis.Search;

// "Did you mean": corrects the misspelt words of a query from the index's own words, counting only the documents the
// caller may see (Lucene.Net.Suggest's DirectSpellChecker is not published for Lucene.NET 4.8.0-beta00018; this does
// what it does, with the access filter applied to every frequency).
//
// The words come from the `spell` field: every edition's title, summary and stored body, split by the standard
// tokenizer and lower-cased, not stemmed (a stem such as "polic" is no word to offer), one field for every language.
// For each word of the query that finds no visible document by itself (analysed and stemmed as the search does it,
// so "humaines" that finds "humains" is no misspelling), or, for a low-hit query, that a much more frequent visible
// word is one or two edits away from, the candidates within the edit distance come from a Levenshtein
// automaton over the terms dictionary (FuzzyTermsEnum). A candidate counts only with the documents the caller may
// see: a word held only by records the caller cannot read has no frequency and is never offered, so the suggestion
// reveals nothing (docs/access.md, "What search reveals"). The best candidate is the nearest, then the most frequent.
internal static class Suggester
{
    // Queries with fewer hits than this get a suggestion when one finds more.
    public const int LowHits = 3;

    // A word of a low-hit query is replaced only by one held by this many times more visible documents (and at least
    // MinPopular of them): a rare but correct word stays.
    private const int MorePopularFactor = 4;
    private const int MinPopular = 3;

    private const int MinWordLength = 3;
    private const int MaxCandidates = 200;

    // Queries of more words than this get no suggestion: a misspelling is looked for in what people type into a search
    // box, and each word costs a count of its own (a pasted paragraph would cost dozens).
    public const int MaxWords = 8;

    // Each word of the query, replaced by the best visible candidate when it needs one; null when nothing changes.
    // hitsOf counts the visible documents a word finds by itself. Unknown: a replaced word found nothing by itself.
    public static (string Text, bool Unknown)? Suggest(IndexReader reader, FixedBitSet visible, string queryText, bool lowHits, Func<string, int> hitsOf)
    {
        var text = QueryText.Parse(queryText);
        if (text.IsBrowse || text.Units.Count > MaxWords || MultiFields.GetTerms(reader, IndexFields.Spell) is not { } terms)
        {
            return null;
        }
        var liveDocs = MultiFields.GetLiveDocs(reader);
        var result = new StringBuilder(text.Text);
        var changed = false;
        var unknown = false;
        // From the last unit back, so that earlier offsets stay valid while replacing.
        foreach (var unit in text.Units.Where(u => u.Kind == UnitKind.Word && !u.Excluded).OrderByDescending(u => u.Start))
        {
            if (QueryText.LooksLikeSymbol(unit.Text))
            {
                continue;
            }
            var words = LanguageAnalyzers.Analyze(LanguageAnalyzers.Shared.Spelling, IndexFields.Spell, unit.Text);
            if (words.Count != 1 || words[0].Term.Length < MinWordLength || words[0].Term.Any(char.IsDigit))
            {
                continue;
            }
            var word = words[0].Term;
            var own = hitsOf(unit.Text);
            if (own > 0 && !lowHits)
            {
                continue;
            }
            var needed = own == 0 ? 1 : Math.Max(MinPopular, own * MorePopularFactor);
            if (Best(reader, terms, liveDocs, visible, word, needed) is not { } better)
            {
                continue;
            }
            result.Remove(unit.Start, unit.End - unit.Start).Insert(unit.Start, MatchCase(unit.Text, better));
            changed = true;
            unknown |= own == 0;
        }
        return changed ? (result.ToString().Trim(), unknown) : null;
    }

    private static string? Best(IndexReader reader, Terms terms, IBits? liveDocs, FixedBitSet visible, string word, int needed)
    {
        var maxEdits = word.Length <= 4 ? 1 : 2;
        string? best = null;
        int bestDistance = int.MaxValue, bestFrequency = 0;
        foreach (var (candidate, bytes) in Candidates(reader, terms, word, maxEdits))
        {
            if (candidate == word || candidate.Length < MinWordLength || candidate.Any(char.IsDigit))
            {
                continue;
            }
            var distance = Distance(word, candidate);
            if (distance > maxEdits || distance > bestDistance)
            {
                continue;
            }
            var frequency = VisibleFrequency(reader, liveDocs, visible, bytes, int.MaxValue);
            if (frequency < needed)
            {
                continue;
            }
            if (distance < bestDistance || frequency > bestFrequency
                || (frequency == bestFrequency && string.CompareOrdinal(candidate, best) < 0))
            {
                (best, bestDistance, bestFrequency) = (candidate, distance, frequency);
            }
        }
        return best;
    }

    // Candidates kept per reader (words), each word's first MaxCandidates index words within its edit distance.
    internal const int CandidateWordsPerReader = 4096;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IndexReader,
        System.Collections.Concurrent.ConcurrentDictionary<string, (string Text, BytesRef Bytes)[]>> CandidatesByReader = [];

    // The index words within maxEdits of the word (the first letter exact), the first MaxCandidates in the order the
    // Levenshtein automaton meets them: once per reader and word (issue 21: building the automaton was most of what a
    // suggestion cost). They depend only on the reader's words (a reader never changes; any index update opens a new
    // one, and these go with the old); which of them the caller may see is counted per suggestion.
    private static (string Text, BytesRef Bytes)[] Candidates(IndexReader reader, Terms terms, string word, int maxEdits)
    {
        var kept = CandidatesByReader.GetValue(reader, _ => new(StringComparer.Ordinal));
        if (kept.TryGetValue(word, out var candidates))
        {
            return candidates;
        }
        var fuzzy = new FuzzyTermsEnum(terms, new Lucene.Net.Util.AttributeSource(), new Term(IndexFields.Spell, word),
            maxEdits, prefixLength: 1, transpositions: true);
        var found = new List<(string, BytesRef)>();
        while (found.Count < MaxCandidates && fuzzy.MoveNext())
        {
            found.Add((fuzzy.Term.Utf8ToString(), BytesRef.DeepCopyOf(fuzzy.Term)));
        }
        candidates = [.. found];
        if (kept.Count >= CandidateWordsPerReader)
        {
            kept.Clear();   // full: start again with the words of the moment
        }
        kept.TryAdd(word, candidates);
        return candidates;
    }

    // How many live documents the caller may see hold the word.
    private static int VisibleFrequency(IndexReader reader, IBits? liveDocs, FixedBitSet visible, BytesRef word, int cap)
    {
        var docs = MultiFields.GetTermDocsEnum(reader, liveDocs, IndexFields.Spell, word, DocsFlags.NONE);
        if (docs is null)
        {
            return 0;
        }
        var count = 0;
        int d;
        while ((d = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS && count < cap)
        {
            if (visible.Get(d))
            {
                count++;
            }
        }
        return count;
    }

    // The documents a filter lets through, as one set over the whole reader (every live document without a filter).
    public static FixedBitSet Visible(IndexReader reader, Filter? filter)
    {
        var bits = new FixedBitSet(Math.Max(reader.MaxDoc, 1));
        foreach (var leaf in reader.Leaves)
        {
            var live = leaf.AtomicReader.LiveDocs;
            if (filter is null)
            {
                for (var d = 0; d < leaf.AtomicReader.MaxDoc; d++)
                {
                    if (live is null || live.Get(d))
                    {
                        bits.Set(leaf.DocBase + d);
                    }
                }
                continue;
            }
            if (filter.GetDocIdSet(leaf, live)?.GetIterator() is not { } iterator)
            {
                continue;
            }
            int doc;
            while ((doc = iterator.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
            {
                bits.Set(leaf.DocBase + doc);
            }
        }
        return bits;
    }

    // Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), as the automaton counts.
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }

    // "Polise" → "Police", "POLISE" → "POLICE": the suggestion keeps the way the word was typed.
    private static string MatchCase(string typed, string word)
    {
        if (typed.Length > 1 && typed.All(c => !char.IsLetter(c) || char.IsUpper(c)))
        {
            return word.ToUpperInvariant();
        }
        return typed.Length > 0 && char.IsUpper(typed[0]) ? char.ToUpperInvariant(word[0]) + word[1..] : word;
    }
}
