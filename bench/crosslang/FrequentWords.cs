using System.Globalization;

namespace Polis.CrossLang;

// The most frequent words of each language in the evaluation's collections (GNOME Help, LibreOffice Help, manual
// pages: general documentation, nothing about policing), for the glossary review test
// (tests/Polis.Search.Tests/Glossary/frequent-words.tsv). Words are lower-case runs of letters; each collection
// weighs the same; Russian words are Cyrillic, the others' are not (a word's share of the collection's words, summed over the collections).
internal static class FrequentWords
{
    public const int Count = 2000;

    public static IEnumerable<string> Lines(IReadOnlyList<Collection> collections, IReadOnlyList<string> languages, int count)
    {
        yield return "# The " + count.ToString(CultureInfo.InvariantCulture) + " most frequent words per language in " + string.Join(", ", collections.Select(c => c.Name))
            + " (Debian), each collection weighing the same. Written by: dotnet run -c Release --project bench/crosslang -- --frequent-words <file>";
        yield return "language\trank\tword";
        foreach (var language in languages)
        {
            var share = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var collection in collections)
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                var total = 0;
                foreach (var page in collection.In(language).Values)
                {
                    foreach (var word in Words(page.Title + "\n" + page.Body))
                    {
                        if (word.Any(c => c is >= '\u0400' and <= '\u04FF') != (language == "ru"))
                        {
                            continue;   // untranslated English in a Russian page, or Cyrillic elsewhere
                        }
                        counts[word] = counts.GetValueOrDefault(word) + 1;
                        total++;
                    }
                }
                foreach (var (word, n) in counts)
                {
                    share[word] = share.GetValueOrDefault(word) + n / (double)total;
                }
            }
            var rank = 0;
            foreach (var (word, _) in share.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Take(count))
            {
                yield return $"{language}\t{++rank}\t{word}";
            }
        }
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetter(text[i]))
            {
                if (start < 0)
                {
                    start = i;
                }
                continue;
            }
            if (start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}
