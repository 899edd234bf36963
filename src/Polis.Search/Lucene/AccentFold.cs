using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Polis.Search;

// Finds a word's first characters in text ignoring case (and, for French and Spanish, accents, as the light stemmers of
// those languages do) ("securi" finds "Sécurité"). Written for snippet probes, which run over every hit's
// stored text: a culture-aware IndexOf (ICU) with IgnoreCase | IgnoreNonSpace cost 150–250 µs per French or Spanish
// hit on the benchmark, this a vectorised scan for the candidates of the first character and a short compare.
internal static class AccentFold
{
    // Folded form of every character up to the end of Latin Extended-B: lower case without diacritics.
    private const int TableSize = 0x250;
    private static readonly char[] Table = BuildTable();
    private static readonly SearchValues<char>?[] Candidates = new SearchValues<char>?[TableSize];
    private static readonly ConcurrentDictionary<char, SearchValues<char>> CaseSets = new();

    public static char Fold(char c) => c < TableSize ? Table[c] : char.ToLowerInvariant(c);

    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(Fold(c));
            }
        }
        return folded.ToString();
    }

    // The first index in text where the folded probe starts, skipping combining marks (decomposed accents) in the
    // text; -1 when there is none. The probe must be folded already.
    public static int IndexOf(ReadOnlySpan<char> text, string probe) =>
        probe.Length == 0 ? 0 : Scan(text, probe, CandidatesOf(probe[0]), MatchesAt);

    // The first index of the probe ignoring case only. .NET vectorises OrdinalIgnoreCase searches for ASCII text;
    // for other scripts (Cyrillic) the upper and lower forms of the first letter are searched for together.
    public static int IndexOfIgnoringCase(ReadOnlySpan<char> text, string probe) =>
        probe.Length == 0 || char.IsAscii(probe[0])
            ? text.IndexOf(probe, StringComparison.OrdinalIgnoreCase)
            : Scan(text, probe, CaseVariants(probe[0]), StartsWithIgnoringCase);

    // The same for German stems, which the German analyzer normalises before stemming: "ä" and "ae" are "a" (so for
    // "ö"/"oe" and "ü"/"ue"), and "ß" is "ss". The probe is a normalised stem's opening ("arz" for "Ärzte"), so an
    // "e" after a, o or u in the text may be skipped and "ß" stands for "ss" (or a final "s"). Skipping more than the
    // analyzer does only finds an earlier place to start, never a later one.
    public static int IndexOfGerman(ReadOnlySpan<char> text, string probe) =>
        probe.Length == 0 ? 0 : Scan(text, probe, probe[0] == 's' ? SharpS : CandidatesOf(probe[0]), MatchesGermanAt);

    private delegate bool MatchAt(ReadOnlySpan<char> text, int at, string probe);

    // The first place where one of the probe's possible first characters starts a match.
    private static int Scan(ReadOnlySpan<char> text, string probe, SearchValues<char> firstCharacters, MatchAt matches)
    {
        for (var from = 0; from < text.Length;)
        {
            var next = text[from..].IndexOfAny(firstCharacters);
            if (next < 0)
            {
                return -1;
            }
            var at = from + next;
            if (matches(text, at, probe))
            {
                return at;
            }
            from = at + 1;
        }
        return -1;
    }

    private static bool StartsWithIgnoringCase(ReadOnlySpan<char> text, int at, string probe) =>
        text[at..].StartsWith(probe, StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<char> SharpS = SearchValues.Create([.. Enumerable.Range(0, TableSize).Where(c => Table[c] == 's').Select(c => (char)c), 'ß', 'ẞ']);

    private static bool MatchesGermanAt(ReadOnlySpan<char> text, int at, string probe)
    {
        var k = 0;
        for (var i = at; k < probe.Length; i++)
        {
            if (i >= text.Length)
            {
                return false;
            }
            var c = text[i];
            if (k > 0 && c >= '\u0300' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var folded = Fold(c);
            if (folded is 'ß' or 'ẞ')
            {
                if (probe[k] != 's' || (k + 1 < probe.Length && probe[k + 1] != 's'))
                {
                    return false;
                }
                k += 2;
                continue;
            }
            if (folded != probe[k])
            {
                if (folded == 'e' && k > 0 && probe[k - 1] is 'a' or 'o' or 'u')
                {
                    continue;
                }
                return false;
            }
            k++;
        }
        return true;
    }

    private static bool MatchesAt(ReadOnlySpan<char> text, int at, string probe)
    {
        var k = 0;
        for (var i = at; i < text.Length && k < probe.Length; i++)
        {
            var c = text[i];
            if (k > 0 && c >= '\u0300' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (Fold(c) != probe[k])
            {
                return false;
            }
            k++;
        }
        return k == probe.Length;
    }

    // Every character whose folded form is the given one ('e' → e, E, é, É, è, ê, ë, ē, ...); beyond the table
    // (Cyrillic, Greek), the letter's two cases. Built once per character, on first use; a race builds an equal set
    // twice.
    private static SearchValues<char> CandidatesOf(char folded)
    {
        if (folded >= TableSize)
        {
            return CaseVariants(folded);
        }
        if (Candidates[folded] is { } cached)
        {
            return cached;
        }
        var chars = new List<char>();
        for (var c = 0; c < TableSize; c++)
        {
            if (Table[c] == folded)
            {
                chars.Add((char)c);
            }
        }
        return Candidates[folded] = SearchValues.Create(chars.ToArray());
    }

    private static SearchValues<char> CaseVariants(char letter) =>
        CaseSets.GetOrAdd(letter, c => SearchValues.Create([c, char.ToLowerInvariant(c), char.ToUpperInvariant(c)]));

    private static char[] BuildTable()
    {
        var table = new char[TableSize];
        for (var c = 0; c < TableSize; c++)
        {
            var lower = char.ToLowerInvariant((char)c);
            var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
            table[c] = decomposed.Length > 0 && char.IsLetter(decomposed[0]) ? decomposed[0] : lower;
        }
        return table;
    }
}
