namespace Polis.Search;

// Where the Hunspell dictionaries of the search languages are: Debian's hunspell-en-us, hunspell-ru, hunspell-fr,
// hunspell-de-de and hunspell-es put them in /usr/share/hunspell (POLIS_HUNSPELL overrides the folder). They are
// optional: without them the language identifier learns from the glossary and stop words only, and query words are
// stemmed without lemmas.
internal static class HunspellFiles
{
    public const string DefaultFolder = "/usr/share/hunspell";

    private static readonly Dictionary<string, string[]> Names = new(StringComparer.Ordinal)
    {
        ["en"] = ["en_US", "en_GB"],
        ["ru"] = ["ru_RU"],
        ["fr"] = ["fr_FR", "fr"],
        ["de"] = ["de_DE", "de_AT", "de_CH"],
        ["es"] = ["es_ES", "es"],
    };

    public static string Folder => Environment.GetEnvironmentVariable("POLIS_HUNSPELL") is { Length: > 0 } folder ? folder : DefaultFolder;

    // The (.aff, .dic) pair of a language, or null when none is installed.
    public static (string Affix, string Words)? For(string language)
    {
        if (!Names.TryGetValue(language, out var names))
        {
            return null;
        }
        foreach (var name in names)
        {
            var affix = Path.Combine(Folder, name + ".aff");
            var words = Path.Combine(Folder, name + ".dic");
            if (File.Exists(affix) && File.Exists(words))
            {
                return (affix, words);
            }
        }
        return null;
    }

    // The words of a .dic file (flags cut off), skipping its count line; nothing when the file cannot be read.
    public static IEnumerable<string> Words(string dicPath)
    {
        IEnumerable<string> lines;
        try
        {
            lines = File.ReadLines(dicPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        var first = true;
        foreach (var line in lines)
        {
            if (first)
            {
                first = false;
                if (line.Length > 0 && char.IsDigit(line[0]))
                {
                    continue;
                }
            }
            var cut = line.IndexOfAny(['/', '\t', ' ']);
            var word = cut < 0 ? line : line[..cut];
            if (word.Length > 0)
            {
                yield return word;
            }
        }
    }
}
