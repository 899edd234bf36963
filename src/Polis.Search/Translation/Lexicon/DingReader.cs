using System.Text;

namespace Polis.Search;

// The Ding dictionary (package trans-de-en): one entry per line, "German side :: English side", "#" comments.
// Each side lists alternatives separated by " | ", aligned between the sides (the k-th German alternative translates to
// the k-th English one; when the counts differ only the first pair is trusted); an alternative lists synonyms
// separated by "; ". Annotations ({f} {pl} [ugs.] [Br.] (notes) <hints>) are stripped by DictionaryText.
internal static class DingReader
{
    public const string Name = "trans-de-en";
    public const string SourceLanguage = "de";
    public const string TargetLanguage = "en";

    // trans-de-en's file says "License :: GPL Version 2 or later" (debian/copyright: GPL-2+).
    public const string Licence = "GPL-2.0-or-later";

    // The pairs of every line; backwards reads English → German.
    public static IEnumerable<DictionaryPair> ReadPairs(string path, bool backwards = false)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        foreach (var pair in ReadPairs(reader, backwards))
        {
            yield return pair;
        }
    }

    public static IEnumerable<DictionaryPair> ReadPairs(TextReader reader, bool backwards = false)
    {
        var entry = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (!IsEntry(line))
            {
                continue;
            }
            foreach (var t in ParseLine(line))
            {
                var pair = new DictionaryPair(SourceLanguage, t.Headword, TargetLanguage, t.Translation, entry, t.Rank);
                yield return backwards ? pair.Reversed() : pair;
            }
            entry++;
        }
    }

    public static bool IsEntry(string line) =>
        line.Length > 0 && line[0] != '#' && line.Contains(" :: ", StringComparison.Ordinal);

    // The cleaned pairs of one line; Rank adds the positions of the two synonyms in their alternative, plus 2 after the
    // first alternative.
    public static List<EntryTranslation> ParseLine(string line)
    {
        var result = new List<EntryTranslation>();
        var separator = line.IndexOf(" :: ", StringComparison.Ordinal);
        if (separator < 0)
        {
            return result;
        }
        var german = DictionaryText.Split(line[..separator], "|");
        var english = DictionaryText.Split(line[(separator + 4)..], "|");
        var aligned = german.Count == english.Count ? german.Count : 1;
        var seen = new HashSet<(string, string)>();
        for (var k = 0; k < aligned; k++)
        {
            var left = Synonyms(german[k], SourceLanguage);
            var right = Synonyms(english[k], TargetLanguage);
            for (var i = 0; i < left.Count; i++)
            {
                for (var j = 0; j < right.Count; j++)
                {
                    if (seen.Add((left[i], right[j])))
                    {
                        // alternatives after the first are inflected forms and examples: behind the main pair
                        result.Add(new EntryTranslation(left[i], right[j], i + j + (k > 0 ? 2 : 0)));
                    }
                }
            }
        }
        return result;
    }

    private static List<string> Synonyms(string alternative, string language)
    {
        var synonyms = new List<string>();
        foreach (var part in DictionaryText.Split(alternative, ";"))
        {
            if (DictionaryText.Clean(part, language) is { } term && !synonyms.Contains(term))
            {
                synonyms.Add(term);
            }
        }
        return synonyms;
    }
}
