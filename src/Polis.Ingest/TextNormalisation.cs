using System.Globalization;
using System.Text;

namespace Polis.Ingest;

// Every extractor hands over raw text where "\n" ends a line and a blank line ends a paragraph. The search index
// and the citation finder then see one shape: NFC, single spaces, lines of a paragraph joined, paragraphs
// separated by "\n\n", no control characters.
internal static class TextNormalisation
{
    public static string Normalise(string raw, int maxChars, CancellationToken cancellationToken = default)
    {
        var clean = Sanitise(raw, cancellationToken).Normalize(NormalizationForm.FormC);
        cancellationToken.ThrowIfCancellationRequested();
        var text = new StringBuilder(Math.Min(clean.Length, maxChars));
        var newlines = 0;
        var space = false;
        for (var i = 0; i < clean.Length; i++)
        {
            var c = clean[i];
            if (c == '\n') newlines++;
            else if (c == ' ') space = true;
            else
            {
                if (text.Length > 0)
                {
                    if (newlines >= 2) text.Append("\n\n");
                    else if (newlines == 1 || space) text.Append(' ');
                }
                if (text.Length >= maxChars) break;
                // The run of characters up to the next space or line break goes in whole (issue 21, ninth pass: one
                // append per character was most of this method's time over a long PDF's text).
                var run = clean.AsSpan(i).IndexOfAny(' ', '\n') is var end and >= 0 ? end : clean.Length - i;
                var room = Math.Min(run, maxChars - text.Length);
                text.Append(clean, i, room);
                i += room - 1;
                newlines = 0;
                space = false;
                if (room < run) break;
            }
        }
        if (text.Length > maxChars) text.Length = maxChars;
        if (text.Length > 0 && char.IsHighSurrogate(text[^1])) text.Length--;
        return text.ToString().TrimEnd();
    }

    // Drops what NFC would choke on (lone surrogates) and what a reader never sees; turns every kind of
    // space into ' ' and every kind of line break into '\n'.
    private static string Sanitise(string raw, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(raw.Length);
        var check = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (i >= check)
            {
                cancellationToken.ThrowIfCancellationRequested();
                check = i + 0x100000;
            }
            // Printable ASCII stays as it is: a run of it goes in whole (most of a text; issue 21, ninth pass).
            var plain = raw.AsSpan(i).IndexOfAnyExceptInRange(' ', '~') is var stop and >= 0 ? stop : raw.Length - i;
            if (plain > 1)
            {
                text.Append(raw, i, plain);
                i += plain - 1;
                continue;
            }
            var c = raw[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]))
                {
                    text.Append(c).Append(raw[++i]);
                }
                continue;
            }
            switch (c)
            {
                case '\n' or '\u0085' or '\u2028':
                    text.Append('\n');
                    break;
                case '\r':
                    if (i + 1 >= raw.Length || raw[i + 1] != '\n') text.Append('\n');
                    break;
                case '\u2029':
                    text.Append("\n\n");
                    break;
                case '\u00AD' or '\u200B' or '\uFEFF':
                    break;
                case '\t' or '\v' or '\f':
                    text.Append(' ');
                    break;
                default:
                    if (char.IsLowSurrogate(c) || char.IsControl(c)) break;
                    if (char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator) text.Append(' ');
                    else text.Append(c);
                    break;
            }
        }
        return text.ToString();
    }

    public static bool HasLetters(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c)) return true;
        }
        return false;
    }

    // Titles and author names from metadata: one line, trimmed, absent when blank.
    public static string? Line(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var line = Normalise(value, 1000).Replace("\n\n", " ", StringComparison.Ordinal);
        return line.Length == 0 ? null : line;
    }
}
