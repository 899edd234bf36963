namespace Polis.Search;

// German compounds the translator does not know as a whole ("Datenbankdatei", "Bildschirmpräsentation") split into
// two or three parts it translates ("Datenbank" + "Datei"), so that each part can be searched in other languages.
// Parts are tried at every position (a head of at least three letters, a tail of at least four; a linking "s" after
// the head may be left out: "Arbeitsplatz" → "Arbeit" + "Platz"); two parts win over three, and among splits of the
// same size the most balanced one (the longest shortest part). translates tells whether the translator knows a part.
internal static class CompoundSplitter
{
    public const int MinWordLength = 8;
    private const int MinHead = 3;
    private const int MinTail = 4;

    public static IReadOnlyList<string>? Split(string word, Func<string, bool> translates)
    {
        if (word.Length < MinWordLength || word.Length > 40 || !word.All(char.IsLetter))
        {
            return null;
        }
        var lower = word.ToLowerInvariant();
        var known = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool Translates(string part)
        {
            if (!known.TryGetValue(part, out var yes))
            {
                known[part] = yes = translates(part);
            }
            return yes;
        }
        return TwoParts(lower, Translates) is { } two ? two : ThreeParts(lower, Translates);
    }

    private static string[]? TwoParts(string word, Func<string, bool> translates)
    {
        string[]? best = null;
        var bestShortest = 0;
        for (var i = MinHead; i <= word.Length - MinTail; i++)
        {
            var shortest = Math.Min(i, word.Length - i);
            if (shortest <= bestShortest)
            {
                continue;
            }
            var tail = word[i..];
            if (!translates(tail) || Head(word[..i], translates) is not { } head)
            {
                continue;
            }
            best = [head, tail];
            bestShortest = shortest;
        }
        return best;
    }

    private static string[]? ThreeParts(string word, Func<string, bool> translates)
    {
        string[]? best = null;
        var bestShortest = 0;
        for (var i = MinHead; i <= word.Length - MinHead - MinTail; i++)
        {
            if (Head(word[..i], translates) is not { } head || TwoParts(word[i..], translates) is not { } rest)
            {
                continue;
            }
            var shortest = Math.Min(head.Length, Math.Min(rest[0].Length, rest[1].Length));
            if (shortest > bestShortest)
            {
                best = [head, rest[0], rest[1]];
                bestShortest = shortest;
            }
        }
        return best;
    }

    // The head as it is, or without a linking "s".
    private static string? Head(string head, Func<string, bool> translates) =>
        translates(head) ? head
        : head.Length > MinHead && head[^1] == 's' && translates(head[..^1]) ? head[..^1]
        : null;
}
