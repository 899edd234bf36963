using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Polis.Search;

// V. K. Müller's English–Russian dictionary (7th edition, 1961; package mueller7-dict, GPL-2+, about 46,000 entries
// against FreeDict eng-rus's 1,700), in dictd format. An entry is its headword, a transcription in brackets, and then
// homonyms ("_I", "_II"), parts of speech ("1. _n.") and numbered senses ("1)", sub-senses "а)"), each a list of
// Russian equivalents separated by commas and semicolons, followed by English examples with their translations
// ("1) твёрдый, жёсткий; hard apple жёсткое яблоко"), whose own senses may follow as sub-senses. Markers start a
// line. Labels stand before what they qualify ("_тех.", "_разг."); a label on a homonym or a part of speech holds for
// all its senses. Only the equivalents are read: a sense's text up to its first segment with a Latin letter outside
// brackets (an example; the sub-senses after one are the example's), a cross-reference ("= …", "см. …") or a label
// outside brackets; explanations ("тот, кто …") are skipped. Senses labelled vulgar, slang, colloquial, obsolete, archaic,
// disdainful, disapproving, euphemistic, jocular, ironic, poetic, dialect, rare, proverb or nursery are left out
// (DictionaryText's rule for the other dictionaries: a professional library does not translate with them), and a
// whole entry whose headword line carries such a label.
internal static partial class MuellerReader
{
    public const string Name = "mueller7";
    public const string SourceLanguage = "en";
    public const string TargetLanguage = "ru";

    // debian/copyright of mueller7-dict: GNU GPL, version 2 or (at your option) any later version.
    public const string Licence = "GPL-2.0-or-later";

    // The labels (without "_" and ".") whose senses are left out. Colloquial ones too: read backwards, a colloquial
    // English headword becomes the translation shown for a neutral Russian word (жаловаться → "bitch", Müller's
    // "_разг." verb), which a professional library must not show.
    public static readonly FrozenSet<string> FilteredLabels = new[]
    {
        "груб", "вульг", "бран", "жарг", "sl", "разг", "уст", "арх", "презр", "пренебр", "неодобр", "эвф", "шутл", "ирон",
        "поэт", "диал", "редк", "посл", "детск",
    }.ToFrozenSet(StringComparer.Ordinal);

    // The pairs of every entry, in file order; Rank is the translation's place in its entry (0: the first equivalent of
    // the first sense).
    public static IEnumerable<DictionaryPair> ReadPairs(DictdDictionary dictionary)
    {
        for (var entry = 0; entry < dictionary.EntryCount; entry++)
        {
            foreach (var t in ParseEntry(dictionary.EntryText(entry)))
            {
                yield return new DictionaryPair(SourceLanguage, t.Headword, TargetLanguage, t.Translation, entry, t.Rank);
            }
        }
    }

    public static List<EntryTranslation> ParseEntry(string text)
    {
        var result = new List<EntryTranslation>();
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0)
        {
            return result;
        }
        var first = text[..newline].Trim();
        if (first.Length == 0 || first[0] == '_' || first.StartsWith("00", StringComparison.Ordinal)
            || DictionaryText.Clean(first, SourceLanguage) is not { } headword)
        {
            return result;
        }
        // Markers start a line ("(to - к)", "супруг(а)" or "(4,6)" inside a line are none); the text between two is
        // read as one line.
        var body = Transcription().Replace(text[(newline + 1)..].ReplaceLineEndings("\n"), " ");
        // Filtered[level]: whether a label at that level (0 homonym, 1 part of speech, 2 sense, 3 sub-sense) leaves out
        // what follows until the next marker of the same or a higher level; a label before the first marker (on the
        // headword's line: "fink [fɪŋk] _ам. _жарг.") leaves out the whole entry.
        Span<bool> filtered = stackalloc bool[4];
        var wholeEntry = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rank = 0;
        var start = 0;
        var level = 1;   // text before any marker: the part of speech of an entry without numbered senses
        // Exampled[level]: the text at that level ended in an example, whose translations the deeper markers give
        // ("hard food а) зерновой корм; б) грубая пища"), not the headword's.
        Span<bool> exampled = stackalloc bool[4];
        var equivalents = new List<string>();
        var markers = Marker().Matches(body);
        for (var m = 0; m <= markers.Count; m++)
        {
            var chunk = body[start..(m < markers.Count ? markers[m].Index : body.Length)].ReplaceLineEndings(" ");
            var (labels, rest) = LeadingLabels(chunk);
            filtered[level] = labels.Any(FilteredLabels.Contains);
            if (m == 0 && filtered[level])
            {
                wholeEntry = true;
            }
            if (wholeEntry)
            {
                break;
            }
            filtered[(level + 1)..].Clear();
            exampled[level..].Clear();
            if (!filtered[..(level + 1)].Contains(true) && !exampled[..level].Contains(true))
            {
                equivalents.Clear();
                exampled[level] = Equivalents(rest, equivalents);
                foreach (var translation in equivalents)
                {
                    if (seen.Add(translation))
                    {
                        result.Add(new EntryTranslation(headword, translation, rank++));
                    }
                }
            }
            if (m < markers.Count)
            {
                level = LevelOf(markers[m].Value);
                start = markers[m].Index + markers[m].Length;
            }
        }
        return result;
    }

    private static int LevelOf(string marker) => marker switch
    {
        ['_', ..] => 0,
        [.., '.'] => 1,
        [>= 'а' and <= 'я', ')'] => 3,
        _ => 2,
    };

    // "_n. _тех. напильник" → (["n", "тех"], "напильник").
    private static (List<string> Labels, string Text) LeadingLabels(string chunk)
    {
        var labels = new List<string>();
        var rest = chunk.AsSpan().Trim();
        while (rest.Length > 1 && rest[0] == '_')
        {
            var end = rest.IndexOf(' ');
            end = end < 0 ? rest.Length : end;
            var glued = rest[1..end].IndexOf('_');
            if (glued >= 0)
            {
                end = glued + 1;   // "_ам._жарг." written without a space
            }
            labels.Add(rest[1..end].TrimEnd('.').ToString());
            rest = rest[end..].TrimStart();
        }
        return (labels, rest.ToString());
    }

    // The Russian equivalents of one sense: its segments (split at semicolons outside brackets) up to the first that
    // is an example, a cross-reference or labelled outside brackets, or that has a filtered label in a note; each split
    // at commas, unless it is an explanation ("тот, кто принимает", "то, что …"), which is skipped. True when an
    // example ended them.
    private static bool Equivalents(string text, List<string> equivalents)
    {
        foreach (var segment in DictionaryText.Split(text, ";"))
        {
            var trimmed = segment.Trim();
            var outside = StripBrackets(trimmed).Trim();
            if (outside.Length == 0)
            {
                continue;
            }
            if (Latin().IsMatch(outside))
            {
                return true;
            }
            if (outside[0] == '=' || outside.StartsWith("см.", StringComparison.Ordinal) || outside.Contains('_', StringComparison.Ordinal)
                || Label().Matches(trimmed).Any(l => FilteredLabels.Contains(l.Groups[1].Value)))
            {
                return false;
            }
            var parts = DictionaryText.Split(Indefinite().Replace(trimmed, " "), ",");
            if (parts.Count > 1 && parts.Any(p => Explanation().IsMatch(p)))
            {
                continue;
            }
            foreach (var part in parts)
            {
                if (DictionaryText.Clean(part, TargetLanguage) is { } term)
                {
                    equivalents.Add(term);
                }
            }
        }
        return false;
    }

    // A note in brackets may hold English words ("(тж. file away)") without being an example.
    private static string StripBrackets(string text) => Brackets().Replace(text, " ");

    [GeneratedRegex(@"\[[^\]]*\]", RegexOptions.CultureInvariant)]
    private static partial Regex Transcription();

    // At the start of a line: homonyms "_I" (glued to what follows in "_III[faɪl]"), parts of speech "1.", senses "1)"
    // ("10)_тех." glued to its label), sub-senses "а)".
    [GeneratedRegex(@"(?<=(?:^|\n)[ \t]*)(?:_[IVX]+(?=[\s\[_]|$)|\d{1,2}\.(?=\s|_|$)|\d{1,2}\)|[а-я]\))", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    // A label anywhere: "_груб." → груб.
    [GeneratedRegex(@"_([^\s._()]+)\.", RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    // A part of a comma list that explains rather than translates: a lone demonstrative ("тот, кто …") or a relative
    // clause ("кто принимает", "что …", "который …").
    [GeneratedRegex(@"^\s*(?:(?:тот|та|то|те|такой|такая|такое|такие)\s*$|(?:кто|что|который|которая|которое|которые|которого|которой|которым|где|куда|откуда|когда|чтобы|если)\b)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Explanation();

    // "какой-л." (some), "и т.п." (etc.): not part of the equivalent.
    [GeneratedRegex(@"\b\w+-л\.|\bи\s+т\.\s?[пд]\.", RegexOptions.CultureInvariant)]
    private static partial Regex Indefinite();

    [GeneratedRegex(@"[A-Za-z]", RegexOptions.CultureInvariant)]
    private static partial Regex Latin();

    [GeneratedRegex(@"\([^()]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex Brackets();
}
