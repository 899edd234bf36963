using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;

namespace Polis.Search;

// The analysed query terms to look for in one language's text: exact stems and prefixes.
//
// Probes make snippets cheap: analysing a long body up to its first match was most of the cost of a hit. Every
// analyser used here changes a word only at its end (stemming) or in its case and accents, so a token whose stem or
// prefix was searched always contains the first characters of that stem, compared ignoring case (and accents where
// the stemmer folds them). The first probe occurrence is therefore never after the first match: analysis can start
// at the word before it, and a text without any probe has no match at all. German folds "ae" to "a" and "ß" to "ss"
// before stemming, so German probes are compared the same way (AccentFold.IndexOfGerman).
internal sealed class TermMatcher
{
    private const int ProbeLength = 4;

    private readonly CharArraySet terms;
    private readonly string[] prefixes;
    private readonly string[] probes;
    private readonly bool ignoreAccents;
    private readonly bool german;

    public TermMatcher(CharArraySet terms, IEnumerable<string> stems, string[] prefixes, string fieldLanguage)
    {
        this.terms = terms;
        this.prefixes = prefixes;
        german = fieldLanguage == "de";
        ignoreAccents = fieldLanguage is "fr" or "es" or "de";
        // A stemmer may change the last character of a short stem ("spy" → "spi"), never an earlier one.
        probes = [.. stems.Concat(prefixes)
            .Where(t => t.Length > 0)
            .Select(t => t[..Math.Clamp(t.Length - 1, 1, ProbeLength)])
            .Select(t => ignoreAccents ? AccentFold.Fold(t) : t)
            .Distinct(StringComparer.Ordinal)];
    }

    public bool Matches(char[] buffer, int length)
    {
        if (terms.Contains(buffer, 0, length))
        {
            return true;
        }
        var term = buffer.AsSpan(0, length);
        foreach (var prefix in prefixes)
        {
            if (term.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    // The probes' occurrences in one text, found in order. Each probe's next occurrence is remembered, so walking
    // through a long text from word to word scans it once per probe, not once per word.
    public ProbeCursor Probe(string text) => new(this, text);

    internal sealed class ProbeCursor(TermMatcher matcher, string text)
    {
        // Per probe: its next occurrence at or after 'scanned[p]', or -1 when it occurs no more.
        private readonly int[] next = new int[matcher.probes.Length];
        private readonly int[] scanned = [.. Enumerable.Repeat(-1, matcher.probes.Length)];

        // The start of the first word at or after 'from' that holds a probe, or -1 when there is none (and so no match
        // after 'from').
        public int WordStart(int from)
        {
            var probes = matcher.probes;
            var first = -1;
            for (var p = 0; p < probes.Length; p++)
            {
                if (scanned[p] < 0 || (next[p] >= 0 && next[p] < from))
                {
                    var span = text.AsSpan(from);
                    var at = matcher.german ? AccentFold.IndexOfGerman(span, probes[p])
                        : matcher.ignoreAccents ? AccentFold.IndexOf(span, probes[p])
                        : AccentFold.IndexOfIgnoringCase(span, probes[p]);
                    next[p] = at < 0 ? -1 : from + at;
                    scanned[p] = from;
                }
                if (next[p] >= 0 && (first < 0 || next[p] < first))
                {
                    first = next[p];
                }
            }
            if (first <= from)
            {
                return first;
            }
            var space = first - 1;
            while (space >= from && !char.IsWhiteSpace(text[space]))
            {
                space--;
            }
            return space + 1;
        }
    }
}

// Collects, per field language, the terms the query searched for, so that snippets highlight exactly what matched.
internal sealed class HighlightTerms
{
    private readonly Dictionary<string, HashSet<string>> terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> prefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TermMatcher?> matchers = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public void AddTerms(string fieldLanguage, IEnumerable<AnalyzedTerm> analysed)
    {
        if (!terms.TryGetValue(fieldLanguage, out var set))
        {
            terms[fieldLanguage] = set = new HashSet<string>(StringComparer.Ordinal);
        }
        foreach (var term in analysed)
        {
            set.Add(term.Term);
        }
    }

    public void AddPrefix(string fieldLanguage, string prefix)
    {
        if (!prefixes.TryGetValue(fieldLanguage, out var set))
        {
            prefixes[fieldLanguage] = set = new HashSet<string>(StringComparer.Ordinal);
        }
        set.Add(prefix);
    }

    // Built on first use, under a lock: a page's hits are built on several threads at once. The terms are complete
    // (the query is built) before the first hit asks.
    public TermMatcher? For(string fieldLanguage)
    {
        lock (gate)
        {
            return ForLocked(fieldLanguage);
        }
    }

    private TermMatcher? ForLocked(string fieldLanguage)
    {
        if (matchers.TryGetValue(fieldLanguage, out var cached))
        {
            return cached;
        }
        var exact = terms.GetValueOrDefault(fieldLanguage);
        var starts = prefixes.GetValueOrDefault(fieldLanguage);
        TermMatcher? matcher = null;
        if (exact is { Count: > 0 } || starts is { Count: > 0 })
        {
            var set = new CharArraySet(LanguageAnalyzers.Version, exact?.Count ?? 0, ignoreCase: false);
            foreach (var term in exact ?? [])
            {
                set.Add(term);
            }
            matcher = new TermMatcher(set, exact ?? [], [.. starts ?? []], fieldLanguage);
        }
        matchers[fieldLanguage] = matcher;
        return matcher;
    }
}

// Builds a plain-text snippet: re-analyses the stored text with its field's analyzer, keeps the offsets of tokens
// whose stems the query searched for, picks the ~200-character window holding the most distinct matched terms
// (then the most matches), and cuts it at word boundaries. The highlighted parts are the original text, with its
// casing, taken at the analyzer's offsets.
internal static class SnippetBuilder
{
    public const int Window = 200;
    private const int MaxMatches = 64;

    // The window is chosen among the matches in a stretch after the first match, not the whole text: analysis is
    // the cost of a snippet, and a good passage near the first match beats a slightly denser one much later.
    private const int ScanAfterFirstMatch = 4 * Window;
    private const char Ellipsis = '…';

    private readonly record struct Match(int Start, int End, string Term);

    // whole: text is the whole stored text, not only its head (IndexFields.StoredHeadLength). decided: false when a
    // head's snippet might differ from the whole text's (no match in the head, or the window reaches the head's
    // end); the caller then asks again with the whole text. When decided, the result is the one the whole text gives.
    public static IReadOnlyList<SnippetPart>? AroundMatches(string text, bool whole, Analyzer analyzer, string field, TermMatcher matcher, out bool decided)
    {
        decided = whole;
        if (text.Length == 0)
        {
            return null;
        }
        var analysisStart = FirstMatchingWord(text, analyzer, field, matcher);
        if (analysisStart < 0)
        {
            return null;
        }
        var matches = FindMatches(text, analysisStart, text.Length, analyzer, field, matcher, stopAtFirst: false, out var toTheEnd);
        if (matches.Count == 0)
        {
            return null;
        }
        var (first, last) = DensestCluster(matches);
        var (from, to) = Frame(text, matches[first].Start, matches[last].End);
        // The whole text gives the same matches when the analysis stopped before the head's end, and the same window
        // when the window ends before it.
        decided = whole || (!toTheEnd && to < text.Length);
        return Parts(text, matches, from, to);
    }

    public static bool Contains(string text, Analyzer analyzer, string field, TermMatcher matcher) =>
        text.Length > 0 && FirstMatchingWord(text, analyzer, field, matcher) >= 0;

    // Where the first match's word starts, or -1 without a match. Only the words holding a probe are analysed, one
    // at a time (the analyzers here never join words across white space), so a long text whose probe occurrences
    // are other words ("trait" for "training") is not analysed to its end.
    private static int FirstMatchingWord(string text, Analyzer analyzer, string field, TermMatcher matcher)
    {
        var probes = matcher.Probe(text);
        var start = probes.WordStart(0);
        while (start >= 0)
        {
            var end = start;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }
            if (FindMatches(text, start, end, analyzer, field, matcher, stopAtFirst: true, out _).Count > 0)
            {
                return start;
            }
            start = end < text.Length ? probes.WordStart(end) : -1;
        }
        return -1;
    }

    // The opening of a text, cut after a sentence when one ends in the second half of the window. whole, decided: as
    // for AroundMatches (a head decides unless the opening needed all of it).
    public static IReadOnlyList<SnippetPart> Opening(string text, bool whole, out bool decided)
    {
        // Only the opening is collapsed, not a whole stored body (20,000 characters): enough of it to fill the window
        // after runs of white space shrink, widened in the rare text that is mostly white space.
        var clean = "";
        var length = 2 * Window;
        for (; ; length *= 4)
        {
            clean = Collapse(text.Length <= length ? text : text[..length]).Trim();
            if (clean.Length > Window + 2 || length >= text.Length)
            {
                break;
            }
        }
        decided = whole || length < text.Length;
        if (clean.Length == 0)
        {
            return [];
        }
        if (clean.Length <= Window)
        {
            return [new SnippetPart(clean, false)];
        }
        var sentenceEnd = clean.LastIndexOf(". ", Window, StringComparison.Ordinal);
        if (sentenceEnd >= Window / 2)
        {
            return [new SnippetPart(clean[..(sentenceEnd + 1)], false)];
        }
        var space = clean.LastIndexOf(' ', Window);
        return [new SnippetPart(clean[..(space > 0 ? space : Window)] + " …", false)];
    }

    // Analyses text[from..to) (from a word start), giving offsets into the whole text.
    // toTheEnd: the analysis reached the end of text[from..to) (it did not stop after the stretch or the match limit).
    private static List<Match> FindMatches(string text, int from, int to, Analyzer analyzer, string field, TermMatcher matcher, bool stopAtFirst, out bool toTheEnd)
    {
        var matches = new List<Match>();
        toTheEnd = false;
        using var stream = analyzer.GetTokenStream(field, new StringSliceReader(text, from, to));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (true)
        {
            if (!stream.IncrementToken())
            {
                toTheEnd = true;
                break;
            }
            if (matches.Count > 0 && from + offset.StartOffset > matches[0].Start + ScanAfterFirstMatch)
            {
                break;
            }
            if (!matcher.Matches(term.Buffer, term.Length))
            {
                continue;
            }
            var start = from + offset.StartOffset;
            if (matches.Count > 0 && start < matches[^1].End)
            {
                continue;
            }
            matches.Add(new Match(start, from + offset.EndOffset, term.ToString()));
            if (stopAtFirst || matches.Count == MaxMatches)
            {
                break;
            }
        }
        stream.End();
        return matches;
    }

    private static (int First, int Last) DensestCluster(List<Match> matches)
    {
        int bestFirst = 0, bestLast = 0, bestScore = -1;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < matches.Count; i++)
        {
            distinct.Clear();
            var j = i;
            while (j < matches.Count && matches[j].End - matches[i].Start <= Window)
            {
                distinct.Add(matches[j].Term);
                j++;
            }
            var last = Math.Max(i, j - 1);
            var score = (distinct.Count * 1000) + (last - i + 1);
            if (score > bestScore)
            {
                (bestFirst, bestLast, bestScore) = (i, last, score);
            }
        }
        return (bestFirst, bestLast);
    }

    // A window of about Window characters around [clusterStart, clusterEnd), a third of the slack before it.
    private static (int From, int To) Frame(string text, int clusterStart, int clusterEnd)
    {
        var slack = Math.Max(0, Window - (clusterEnd - clusterStart));
        var from = Math.Max(0, clusterStart - (slack / 3));
        var to = Math.Min(text.Length, Math.Max(clusterEnd, from + Window));
        if (to - from < Window)
        {
            from = Math.Max(0, to - Window);
        }
        while (from > 0 && from < clusterStart && !char.IsWhiteSpace(text[from - 1]))
        {
            from++;
        }
        while (to < text.Length && to > clusterEnd && !char.IsWhiteSpace(text[to]))
        {
            to--;
        }
        return (from, to);
    }

    private static List<SnippetPart> Parts(string text, List<Match> matches, int from, int to)
    {
        var parts = new List<SnippetPart>();
        var plain = new StringBuilder(from > 0 ? "… " : "");
        var at = from;
        foreach (var match in matches)
        {
            if (match.Start < from || match.End > to)
            {
                continue;
            }
            plain.Append(text, at, match.Start - at);
            AddPlain(parts, plain, last: false);
            parts.Add(new SnippetPart(text[match.Start..match.End], true));
            at = match.End;
        }
        plain.Append(text, at, to - at);
        if (to < text.Length)
        {
            plain.Append(' ').Append(Ellipsis);
        }
        AddPlain(parts, plain, last: true);
        return parts;
    }

    private static void AddPlain(List<SnippetPart> parts, StringBuilder plain, bool last)
    {
        var text = Collapse(plain.ToString());
        if (parts.Count == 0)
        {
            text = text.TrimStart();
        }
        if (last)
        {
            text = text.TrimEnd();
        }
        if (text.Length > 0)
        {
            parts.Add(new SnippetPart(text, false));
        }
        plain.Clear();
    }

    // Line breaks and runs of spaces become one space: a snippet is one line.
    private static string Collapse(string text)
    {
        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space)
            {
                result.Append(' ');
                space = false;
            }
            result.Append(c);
        }
        if (space)
        {
            result.Append(' ');
        }
        return result.ToString();
    }
}

// Reads a string's characters [start, end) without copying them (a stored body is up to 20,000 characters, and
// analysis usually stops a few hundred characters after the first match).
internal sealed class StringSliceReader(string text, int start, int end) : TextReader
{
    private int position = start;

    public override int Peek() => position < end ? text[position] : -1;

    public override int Read() => position < end ? text[position++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var count = Math.Min(buffer.Length, end - position);
        if (count <= 0)
        {
            return 0;
        }
        text.AsSpan(position, count).CopyTo(buffer);
        position += count;
        return count;
    }
}
