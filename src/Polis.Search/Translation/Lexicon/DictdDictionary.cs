using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Polis.Search;

// How a FreeDict dictionary writes its entries. All start with a header line "headword /IPA/ <pos>".
internal enum DictdFormat
{
    // Every further line is a translation line, possibly numbered ("1. a, b"), with eng-pol's extras: roman sense
    // numbers, "<N Comp>police officer /…/   policjant" compounds, "phrase (:tokens)" + " - translation" pairs and
    // "[label]  translation" after a double space.
    Plain,

    // FreeDict+WikDict (Wiktionary): a translation line, then optionally one definition line written in the SOURCE
    // language; further senses are numbered "2. …" (sometimes glued to the end of the previous translation line).
    WikDict,

    // FreeDict's import of Ding: translation lines with "[label]" and "<pos>", then "Synonyms:", "see:", "Note:" and
    // quoted examples, which are not translations.
    DingImport,
}

// A FreeDict dictionary in dictd format: "name.index" lists "headword TAB offset TAB length" (numbers in base 64,
// A–Z a–z 0–9 + /, most significant digit first) into "name.dict.dz", which is gzip (dictzip) and read whole.
internal sealed partial class DictdDictionary
{
    private const string Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private readonly byte[] data;
    private readonly (long Offset, int Length)[] entries;

    private DictdDictionary(string name, string sourceLanguage, string targetLanguage, byte[] data, (long, int)[] entries, string info)
    {
        Name = name;
        SourceLanguage = sourceLanguage;
        TargetLanguage = targetLanguage;
        this.data = data;
        this.entries = entries;
        Info = info;
        Format = info.Contains("WikDict", StringComparison.OrdinalIgnoreCase) ? DictdFormat.WikDict
            : FirstLine(info).Contains("Ding", StringComparison.Ordinal) ? DictdFormat.DingImport
            : DictdFormat.Plain;
        Licence = LicenceSummary(info);
    }

    public string Name { get; }

    public string SourceLanguage { get; }

    public string TargetLanguage { get; }

    // The text of the 00databaseinfo entry ("" when there is none).
    public string Info { get; }

    public DictdFormat Format { get; }

    public string Licence { get; }

    // Entries other than the 00database* metadata, each counted once however many index lines point to it.
    public int EntryCount => entries.Length;

    // Ding's own file and FreeDict's import of it are one source, not two agreeing ones.
    public bool IsDingImport => Format == DictdFormat.DingImport;

    public static long DecodeNumber(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty)
        {
            throw new FormatException("A dictd index number is empty.");
        }
        long value = 0;
        foreach (var c in digits)
        {
            var digit = Digits.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                throw new FormatException($"'{digits}' is not a dictd index number ('{c}' is not a base-64 digit).");
            }
            value = checked((value * 64) + digit);
        }
        return value;
    }

    // Opens "folder/freedict-src-tgt.index" with its ".dict.dz"; the languages are ISO 639-1 codes.
    public static DictdDictionary Open(string indexPath, string dataPath, string sourceLanguage, string targetLanguage, CancellationToken ct)
    {
        var name = Path.GetFileNameWithoutExtension(indexPath);
        var spans = new List<(long Offset, int Length)>();
        var seen = new HashSet<(long, int)>();
        (long, int)? info = null;
        long end = 0;
        foreach (var line in File.ReadLines(indexPath, Encoding.UTF8))
        {
            var last = line.LastIndexOf('\t');
            var middle = last > 0 ? line.LastIndexOf('\t', last - 1) : -1;
            if (middle <= 0)
            {
                continue;
            }
            var headword = line[..middle];
            var span = (DecodeNumber(line.AsSpan(middle + 1, last - middle - 1)), checked((int)DecodeNumber(line.AsSpan(last + 1))));
            end = Math.Max(end, span.Item1 + span.Item2);
            if (headword.StartsWith("00database", StringComparison.Ordinal) || headword.StartsWith("00-database-", StringComparison.Ordinal))
            {
                if (headword is "00databaseinfo" or "00-database-info")
                {
                    info = span;
                }
                continue;
            }
            if (seen.Add(span))
            {
                spans.Add(span);
            }
        }
        ct.ThrowIfCancellationRequested();
        var data = new byte[end];
        using (var gzip = new GZipStream(File.OpenRead(dataPath), CompressionMode.Decompress))
        {
            gzip.ReadExactly(data);
        }
        spans.Sort();
        var infoText = info is var (offset, length) ? Encoding.UTF8.GetString(data, (int)offset, length) : "";
        return new DictdDictionary(name, sourceLanguage, targetLanguage, data, [.. spans], infoText);
    }

    // The pairs of every entry in file order; backwards swaps headword and translation (and their languages).
    public IEnumerable<DictionaryPair> ReadPairs(bool backwards = false)
    {
        for (var entry = 0; entry < entries.Length; entry++)
        {
            foreach (var t in Parse(EntryText(entry)))
            {
                var pair = new DictionaryPair(SourceLanguage, t.Headword, TargetLanguage, t.Translation, entry, t.Rank);
                yield return backwards ? pair.Reversed() : pair;
            }
        }
    }

    public string EntryText(int entry)
    {
        var (offset, length) = entries[entry];
        return Encoding.UTF8.GetString(data, checked((int)offset), length);
    }

    // The cleaned (headword, translation) pairs of one entry.
    public List<EntryTranslation> Parse(string text) => ParseEntry(text, Format, SourceLanguage, TargetLanguage);

    public static List<EntryTranslation> ParseEntry(string text, DictdFormat format, string sourceLanguage, string targetLanguage)
    {
        var lines = text.Split('\n');
        var first = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        var result = new List<EntryTranslation>();
        if (first < 0)
        {
            return result;
        }
        var headword = DictionaryText.Clean(DictionaryText.HeadwordOfHeader(lines[first]), sourceLanguage);
        var translations = new List<string>();
        var compounds = new List<(string Headword, string Translation)>();
        var expected = 1;          // WikDict: the sense number the next translation line carries
        var firstLine = true;
        string? phrase = null;     // eng-pol: an English phrase waiting for its " - translation" line
        for (var i = first + 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }
            if (IsNotATranslation(trimmed))
            {
                phrase = null;
                continue;
            }
            if (format == DictdFormat.WikDict)
            {
                var number = LeadingNumber().Match(line);
                var numbered = number.Success && int.Parse(number.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) == expected;
                if (!firstLine && !numbered)
                {
                    continue;   // a definition in the source language
                }
                firstLine = false;
                if (numbered)
                {
                    expected++;
                    line = line[number.Length..];
                }
                var glued = TrailingNumber().Match(line);
                if (glued.Success)
                {
                    expected = int.Parse(glued.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) + 1;
                    line = line[..glued.Index];
                }
                translations.Add(line);
                continue;
            }

            if (trimmed.StartsWith('-'))
            {
                if (phrase is not null && format == DictdFormat.Plain)
                {
                    compounds.Add((phrase, trimmed.TrimStart('-').Trim()));
                }
                phrase = null;
                continue;
            }
            phrase = null;
            line = RomanNumber().Replace(line, "", 1);
            var pos = PartOfSpeech().Match(line);
            if (pos.Success)
            {
                var rest = line[pos.Length..];
                if (rest.Length > 0 && !char.IsWhiteSpace(rest[0]))
                {
                    // "<N Comp>police officer /pəˈli:s ɒfɪsə/   policjant": a compound with its own translation
                    var gap = rest.IndexOf("   ", StringComparison.Ordinal);
                    if (gap > 0)
                    {
                        compounds.Add((DictionaryText.HeadwordOfHeader(rest[..gap]), rest[gap..].Trim()));
                    }
                    continue;
                }
                line = rest;
            }
            line = SenseNumber().Replace(line, "", 1);
            line = SenseLetter().Replace(line, "", 1);
            if (format == DictdFormat.Plain)
            {
                var example = PhraseTokens().Match(line);
                if (example.Success)
                {
                    // "back and forth (:back :and :forth)", "let fly at sb (let V: :fly :at NPRO)": an English phrase,
                    // translated on the next line
                    phrase = line[..example.Index];
                    continue;
                }
                // "the police  policja", "[iść]  z powrotem": the translation follows the last double space
                var cut = line.Trim().LastIndexOf("  ", StringComparison.Ordinal);
                if (cut >= 0)
                {
                    line = line.Trim()[(cut + 2)..];
                }
            }
            translations.Add(line);
        }

        if (headword is not null)
        {
            AddPairs(result, headword, translations, targetLanguage);
        }
        foreach (var (compound, translation) in compounds)
        {
            if (DictionaryText.Clean(compound, sourceLanguage) is { } cleaned)
            {
                AddPairs(result, cleaned, [translation], targetLanguage);
            }
        }
        return result;
    }

    private static void AddPairs(List<EntryTranslation> result, string headword, List<string> translations, string targetLanguage)
    {
        var rank = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in translations)
        {
            if (DictionaryText.StartsWithFilteredLabel(line))
            {
                continue;   // "(slang) a, b": the label is the whole sense's
            }
            foreach (var part in DictionaryText.Split(line, ",;|"))
            {
                if (DictionaryText.Clean(part, targetLanguage) is { } translation && seen.Add(translation))
                {
                    result.Add(new EntryTranslation(headword, translation, rank++));
                }
            }
        }
    }

    private static bool IsNotATranslation(string trimmed) =>
        trimmed.StartsWith('"')
        || trimmed.StartsWith("see:", StringComparison.Ordinal)
        || trimmed.StartsWith("See also:", StringComparison.Ordinal)
        || trimmed.StartsWith("Synonym:", StringComparison.Ordinal)
        || trimmed.StartsWith("Synonyms:", StringComparison.Ordinal)
        || trimmed.StartsWith("Note:", StringComparison.Ordinal);

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    // The licence of the 00databaseinfo text, as an SPDX-like one-liner.
    public static string LicenceSummary(string info)
    {
        var text = string.Join(' ', info.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        bool Has(string s) => text.Contains(s, StringComparison.OrdinalIgnoreCase);
        if (Has("Creative Commons Attribution-ShareAlike 3.0"))
        {
            return "CC-BY-SA-3.0";
        }
        if (Has("GNU General Public License, version 3 (GPLv3) and the GNU Affero General Public License"))
        {
            return "GPL-3.0 and AGPL-3.0";
        }
        if (Has("General Public License, version 3.0 or any later version"))
        {
            return Has("Free Documentation License ver. 1.2 or any later") ? "GPL-3.0-or-later and GFDL-1.2-or-later" : "GPL-3.0-or-later";
        }
        if (Has("General Public License ver. 2.0 and any later version") || Has("General Public License ver. 2 (or at your option any later version"))
        {
            return "GPL-2.0-or-later";
        }
        if (Has("General Public License"))
        {
            return "GPL (see the dictionary's 00databaseinfo)";
        }
        return "unknown (see the dictionary's 00databaseinfo)";
    }

    [GeneratedRegex(@"^\s*(\d+)\.(?=\s|$)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"\([^()]*:", RegexOptions.CultureInvariant)]
    private static partial Regex PhraseTokens();

    [GeneratedRegex(@"\s+(\d+)\.\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingNumber();

    [GeneratedRegex(@"^\s*[IVXL]+\.\s+", RegexOptions.CultureInvariant)]
    private static partial Regex RomanNumber();

    [GeneratedRegex(@"^\s*<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex PartOfSpeech();

    [GeneratedRegex(@"^\s*\d+\.(?=\s|$)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex SenseNumber();

    [GeneratedRegex(@"^\s*[a-z]\.(?=\s|$)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex SenseLetter();
}
