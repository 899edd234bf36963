using System.Text;

namespace Polis.Search;

// A short interface message and its translation from one catalog domain (one program or library).
internal readonly record struct CatalogTerm(string Domain, string Language, string English, string Translation);

// A longer interface message (a tooltip, a dialog's sentence) and its translation, cleaned to words: the material
// CatalogAlignment learns word translations from.
internal readonly record struct CatalogSentence(string Domain, string Language, string English, string Translation);

// The software translation catalogs of one or more locale folders (<root>/<lang>/LC_MESSAGES/<domain>.mo): the
// professionally reviewed translations of Debian's programs. Their short messages ("Drag", "Minimize", "Selected
// items") pair an English term with the word the translated software, and so its documentation, uses for it: the
// technical sense the general dictionaries often lack ("minimize" → свернуть, not минимизировать). Only messages of
// one to three words are kept, without format specifiers, markup or paths, accelerator marks removed. See ADR 5.
internal static class SoftwareCatalogs
{
    /// <summary>The resource's name in the lexicon's list of sources.</summary>
    public const string Name = "software catalogs";

    public const int MaxWords = 3;

    /// <summary>The resource's name for the word translations aligned from longer messages (CatalogAlignment).</summary>
    public const string AlignedName = "software catalogs, aligned words";

    // The English words of a message CatalogAlignment reads: from the longest terms (whose phrases need two packages,
    // but whose words align) to a long sentence.
    public const int MinSentenceWords = MaxWords;
    public const int MaxSentenceWords = 20;

    // Domains never read: the documentation of these packages is an evaluation collection (LibreOffice Help, GNOME
    // Help, the manual pages), or their manual pages are in the manual-page collection (the packages
    // bench/crosslang/fetch-collections.sh takes the English pages from), so their catalogs may repeat the wording of
    // pages the evaluation asks about.
    public static readonly IReadOnlySet<string> Excluded = new HashSet<string>(StringComparer.Ordinal)
    {
        "yelp", "gnome-user-docs", "gnome-help", "man-db", "man-db-gnulib", "manpages", "manpages-l10n",
        "coreutils", "util-linux", "systemd", "e2fsprogs", "gettext-runtime", "gettext-tools", "gettext-examples",
        "gzip", "bzip2", "less", "net-tools", "bash", "bfd", "binutils", "gas", "gold", "gprof", "gprofng", "ld",
        "opcodes", "libc", "grep", "diffutils", "tar", "zstd", "perl", "ncurses", "make", "Linux-PAM", "findutils",
        "ed", "wget", "wget-gnulib", "time", "sed", "openssl", "file", "bc", "shadow", "psmisc", "dpkg", "dpkg-dev",
        "libdpkg", "dselect", "apt", "apt-utils", "libapt-pkg6.0", "libapt-inst2.0", "debconf", "procps-ng", "procps",
        "groff", "hostname", "login", "passwd", "mount", "sysvinit", "init-system-helpers", "kmod", "openssh", "uuid",
    };

    // The language folders of interest: "ru", or "de_DE" when no "de" exists; never a variant ("sr@latin").
    public static readonly IReadOnlyList<string> Languages = ["ru", "fr", "de", "es"];

    // Every catalog of the roots, by domain (ordinal order), each language once (the first root that has it): the
    // same domain in two roots (installed and fetched) counts as one package.
    public static List<(string Domain, string Language, string Path)> Find(IEnumerable<string> roots)
    {
        var found = new SortedDictionary<(string Domain, string Language), string>(
            Comparer<(string Domain, string Language)>.Create((a, b) =>
                string.CompareOrdinal(a.Domain, b.Domain) is var d and not 0 ? d : string.CompareOrdinal(a.Language, b.Language)));
        foreach (var root in roots.Where(Directory.Exists))
        {
            foreach (var language in Languages)
            {
                var folders = Directory.EnumerateDirectories(root)
                    .Select(Path.GetFileName)
                    .Where(f => f == language || (f!.StartsWith(language + "_", StringComparison.Ordinal) && !f.Contains('@', StringComparison.Ordinal)))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                foreach (var folder in folders)
                {
                    var messages = Path.Combine(root, folder!, "LC_MESSAGES");
                    if (!Directory.Exists(messages))
                    {
                        continue;
                    }
                    foreach (var file in Directory.EnumerateFiles(messages, "*.mo").Order(StringComparer.Ordinal))
                    {
                        var domain = Path.GetFileNameWithoutExtension(file);
                        if (!Excluded.Contains(domain) && !domain.StartsWith("libreoffice", StringComparison.Ordinal))
                        {
                            found.TryAdd((domain, language), file);
                        }
                    }
                }
            }
        }
        return [.. found.Select(f => (f.Key.Domain, f.Key.Language, f.Value))];
    }

    // The short terms of one catalog, cleaned; duplicates within the catalog once.
    public static IEnumerable<CatalogTerm> Terms(string domain, string language, IEnumerable<CatalogMessage> messages)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var message in messages)
        {
            if (Clean(message.Original) is not { } english || Clean(message.Translation) is not { } translation)
            {
                continue;
            }
            if (english is "Your names" or "Your emails" || english.Split(' ').Length > MaxWords || translation.Split(' ').Length > MaxWords + 1
                || string.Equals(english, translation, StringComparison.OrdinalIgnoreCase) || !seen.Add((english, translation)))
            {
                continue;   // KDE's translator credits, long, untranslated, or seen
            }
            yield return new CatalogTerm(domain, language, english, translation);
        }
    }

    // The longer messages of one catalog (minWords–MaxSentenceWords English words, the translation between half and
    // twice as many words, give or take three), cleaned by CleanSentence; duplicates within the catalog once.
    public static IEnumerable<CatalogSentence> Sentences(string domain, string language, IEnumerable<CatalogMessage> messages, int minWords = MinSentenceWords)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var message in messages)
        {
            if (CleanSentence(message.Original) is not { } english || CleanSentence(message.Translation) is not { } translation)
            {
                continue;
            }
            var words = english.Split(' ').Length;
            var translated = translation.Split(' ').Length;
            if (words < minWords || words > MaxSentenceWords || translated < (words / 2) - 3 || translated > (2 * words) + 3
                || string.Equals(english, translation, StringComparison.OrdinalIgnoreCase) || !seen.Add((english, translation)))
            {
                continue;   // a term or a text, misaligned, untranslated, or seen
            }
            yield return new CatalogSentence(domain, language, english, translation);
        }
    }

    // Placeholders and markup that are no words of a sentence: printf and Python formats (%s, %1$d, %(name)s), .NET
    // and brace formats ({0}, {name}), shell variables ($HOME, ${HOME}), XML/HTML tags and entities, URLs, paths,
    // e-mail addresses.
    private static readonly System.Text.RegularExpressions.Regex Placeholders = new(
        @"%(\([^)]*\))?[-+#0']*(\d+\$)?\d*(\.\d+)?(hh|h|ll|l|L|q|j|z|t|I64)?[a-zA-Z%]|\{[^{}]*\}|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?"
        + @"|<[^<>]*>|&[a-zA-Z]+;|&#\d+;|\b[a-z][a-z0-9+.-]*://\S+|(?<!\w)/[\w.\-/]+|\S+@\S+\.\S+",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    // A longer message as words for alignment: placeholders and markup replaced by a space, accelerators removed, lines
    // joined, whitespace collapsed. Null when nothing with a letter is left.
    public static string? CleanSentence(string message)
    {
        var text = Placeholders.Replace(message, " ");
        var cleaned = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '(' && i + 3 < text.Length && text[i + 1] == '_' && text[i + 3] == ')')
            {
                i += 3;   // "Öffnen (_O)"
                continue;
            }
            if (c is '_' or '~' || (c == '&' && i + 1 < text.Length && char.IsLetter(text[i + 1])))
            {
                continue;   // accelerators: GTK _, KDE &, LibreOffice-style ~
            }
            cleaned.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }
        var words = cleaned.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Any(w => w.Any(char.IsLetter)) ? string.Join(' ', words) : null;
    }

    private static readonly System.Buffers.SearchValues<char> NotATerm = System.Buffers.SearchValues.Create("%{}<>$\\/|=@#\n\t[]+");

    // The message as words: accelerator marks ("_Open", "&Open", "Open (_O)") and a trailing ellipsis or colon
    // removed, whitespace collapsed. Null for what is not a term: format specifiers (%s, {0}, $VAR), markup, paths,
    // URLs, key names with modifiers ("Ctrl+S"), several lines, no letter.
    public static string? Clean(string message)
    {
        if (message.AsSpan().IndexOfAny(NotATerm) >= 0)
        {
            return null;
        }
        var text = new StringBuilder(message.Length);
        for (var i = 0; i < message.Length; i++)
        {
            var c = message[i];
            if (c == '(' && i + 3 < message.Length && message[i + 1] == '_' && message[i + 3] == ')')
            {
                i += 3;   // "Öffnen (_O)"
                continue;
            }
            if (c is '_' or '&' or '~')
            {
                continue;   // accelerators: GTK _, KDE &, LibreOffice-style ~
            }
            text.Append(c);
        }
        var words = text.ToString().Replace('\u00a0', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var cleaned = string.Join(' ', words).TrimEnd('.', '…', ':', ' ').Trim();
        return cleaned.Length > 1 && cleaned.Any(char.IsLetter) ? cleaned : null;
    }
}
