using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace Polis.Search;

// Turns the raw text of a dictionary into terms the lexicon can use, the same way for every dictionary format:
// notes in brackets, pronunciations, placeholders ("sth.", "jdm.") and stress marks go; fragments ("… or so"),
// affixes ("-able", "Allein-"), sentences, terms of more than MaxWords words and terms in the wrong script are dropped.
internal static partial class DictionaryText
{
    // A usage label in a note ("[vulg.]", "{slang}", "(obs.)", "[pej.]", "<derog.>"): such senses are never used nor
    // shown. A professional library does not translate a query with a vulgar, offensive, slang or obsolete word.
    [GeneratedRegex(@"[\[{(<][^\]})>]*?\b(vulg|vulgar|vulgär|slang|argot|obs|obsolete|veraltet|pej|pejor|pejorative|derog|derogatory|offensive|obscene|obscène|taboo|injur|injurieux|péj|fam\.?\s*vulg)\b[^\]})>]*[\]})>]",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FilteredLabel();

    // Whether a dictionary term carries a label whose senses the lexicon leaves out.
    public static bool StartsWithFilteredLabel(string line)
    {
        var trimmed = SenseNumberPrefix().Replace(line.TrimStart(), "");
        if (trimmed.Length == 0 || !IsOpening(trimmed[0]))
        {
            return false;
        }
        var match = FilteredLabel().Match(trimmed);
        return match.Success && match.Index == 0;
    }

    [GeneratedRegex(@"^(\d+\.|[IVX]+\.|[a-z]\))\s*")]
    private static partial Regex SenseNumberPrefix();

    public static bool HasFilteredLabel(string text) => text.AsSpan().IndexOfAny("([{<") >= 0 && FilteredLabel().IsMatch(text);

    // Longer translations are explanations rather than equivalents, and longer headwords are never typed as queries.
    public const int MaxWords = 4;

    // Words standing for "someone"/"something" in dictionary phrases ("to give sb. sth.", "jdm. etw. geben").
    private static readonly FrozenSet<string> Placeholders = new[]
    {
        "sth.", "sth", "sb.", "sb", "sb's", "sb.'s", "sb’s", "sb.’s", "sth's", "sth.'s", "sth’s", "sth.’s", "sb./sth.", "one's", "one’s", "oneself",
        "etw.", "etw", "jdm.", "jdn.", "jds.", "jd.", "jdm", "jdn", "jds", "jmd.", "jmdm.", "jmdn.", "jmds.",
        "qn", "qn.", "qc", "qc.", "qch", "qch.", "qqn", "qqch", "qqn.", "qqch.",
        "кого-л.", "что-л.", "кому-л.", "чего-л.", "кем-л.", "чем-л.", "ком-л.", "чём-л.",
        "кого-либо", "что-либо", "кому-либо", "чего-либо", "кем-либо", "чем-либо", "ком-либо", "чём-либо",
        "кого-нибудь", "что-нибудь", "кому-нибудь", "чего-нибудь",
        "kogoś", "czegoś", "komuś", "kimś", "czymś", "coś",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly char[] TrimmedPunctuation = [.. ",;:·•\"“”„«»'‘’*=+_#"];

    // The headword of a dictd entry's first line: "Bestseller /ˈbɛstˌsɛlɐ/ /ˈbɛstˌzɛlɐ/ <n, masc>" → "Bestseller".
    public static string HeadwordOfHeader(string line)
    {
        var end = line.Length;
        var slash = line.IndexOf(" /", StringComparison.Ordinal);
        if (slash >= 0)
        {
            end = slash;
        }
        var angle = line.IndexOf(" <", StringComparison.Ordinal);
        if (angle >= 0 && angle < end)
        {
            end = angle;
        }
        return line[..end].Trim();
    }

    // Splits at the separator characters that stand outside brackets: "(Sahne, Eiweiß) schlagen, rühren" gives two parts.
    public static List<string> Split(string text, string separators)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsOpening(c))
            {
                depth++;
            }
            else if (IsClosing(c) && depth > 0)
            {
                depth--;
            }
            else if (depth == 0 && separators.Contains(c, StringComparison.Ordinal))
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }

    // Removes notes in (…), […], {…} and <…>, nested ones included; an unclosed bracket drops the rest.
    public static string StripNotes(string text)
    {
        if (text.AsSpan().IndexOfAny("([{<") < 0)
        {
            return text;
        }
        var kept = new StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (IsOpening(c))
            {
                depth++;
                kept.Append(' ');
            }
            else if (IsClosing(c) && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                kept.Append(c);
            }
        }
        return kept.ToString();
    }

    // The term as the lexicon stores it, or null when it is not a usable equivalent in this language.
    public static string? Clean(string text, string language)
    {
        if (HasFilteredLabel(text))
        {
            return null;
        }
        var s = StripNotes(text);
        s = StripSlashes(s);
        var words = Normalize(s).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }
        var kept = words.Where(w => !Placeholders.Contains(w)).ToArray();
        if (kept.Length > 0)
        {
            words = kept;
        }
        words = [.. words.Where((w, i) => i == 0 || !string.Equals(w, words[i - 1], StringComparison.OrdinalIgnoreCase))];   // "Rand Rand"
        s = string.Join(' ', words).Trim(TrimmedPunctuation).Trim();
        if (s.Length == 0
            || s.Contains('…', StringComparison.Ordinal)
            || s.Contains("..", StringComparison.Ordinal)
            || s[0] is '-' or '¿' or '¡' or '.'
            || s[^1] is '-')
        {
            return null;
        }
        if (s[^1] is '.' or '!' or '?' && s.Contains(' ', StringComparison.Ordinal))
        {
            return null;   // a sentence, not a term
        }
        if (s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > MaxWords)
        {
            return null;
        }
        return IsInScriptOf(s, language) ? s : null;
    }

    // Russian terms must be mostly Cyrillic; terms of the other languages must have letters and no Cyrillic, which drops
    // the definitions and examples some dictionaries write in the source language.
    public static bool IsInScriptOf(string text, string language)
    {
        int letters = 0, cyrillic = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (c is >= '\u0400' and <= '\u04FF')
                {
                    cyrillic++;
                }
            }
        }
        if (letters == 0)
        {
            return false;
        }
        return language == "ru" ? cyrillic * 2 >= letters : cyrillic == 0;
    }

    public static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    // "/AiP/" abbreviations go; of "a / b" and "forums/fora" the first alternative stays.
    private static string StripSlashes(string text)
    {
        if (!text.Contains('/', StringComparison.Ordinal))
        {
            return text;
        }
        var alternative = text.IndexOf(" / ", StringComparison.Ordinal);
        if (alternative > 0)
        {
            text = text[..alternative];
        }
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (word.StartsWith('/'))
            {
                words[i] = "";   // "/AiP/", "/NEET", a pronunciation
                continue;
            }
            var slash = word.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                words[i] = word[..slash];
            }
        }
        return string.Join(' ', words);
    }

    // Stress marks out (Russian "мили́ция"), dictionary hyphens and non-breaking spaces made plain.
    private static string Normalize(string text)
    {
        var s = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\u0300' or '\u0301':
                    break;
                case '\u2010' or '\u2011' or '\u2012':
                    s.Append('-');
                    break;
                case '\u00A0' or '\t' or '\r' or '\n':
                    s.Append(' ');
                    break;
                default:
                    s.Append(c);
                    break;
            }
        }
        return s.ToString();
    }

    private static bool IsOpening(char c) => c is '(' or '[' or '{' or '<';

    private static bool IsClosing(char c) => c is ')' or ']' or '}' or '>';
}
