using System.Text;

namespace Polis.Ingest;

/// <summary>
/// How deeply an HTML page nests its elements, found by one linear pass over the markup before the page is parsed.
/// It follows the parser closely enough to tell a real page from a nesting bomb: void elements and elements whose
/// end tag may be left out (p, li, td …) never count, raw text (script, style …) is skipped, and an end tag closes
/// the innermost open element of its name and everything inside it, or nothing when none is open (a stray end tag
/// cannot hide depth).
/// </summary>
internal static class HtmlNesting
{
    private static readonly HashSet<string> NotCounted = new(StringComparer.Ordinal)
    {
        // void elements
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "basefont", "bgsound", "frame", "keygen", "param", "image",
        // elements a following tag closes implicitly
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup",
        "rb", "rt", "rtc", "rp", "html", "head", "body", "caption",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext",
    };

    /// <summary>The deepest nesting seen, counting stops just past <paramref name="limit"/>.</summary>
    public static int Deepest(ReadOnlySpan<byte> bytes, int limit, CancellationToken cancellationToken)
    {
        // Tags are ASCII; only UTF-16 and UTF-32 pages need decoding to be scanned byte by byte.
        if (bytes.StartsWith([(byte)0xFF, (byte)0xFE]) || bytes.StartsWith([(byte)0xFE, (byte)0xFF]) || bytes.StartsWith([(byte)0, (byte)0, (byte)0xFE, (byte)0xFF]))
            bytes = Encoding.UTF8.GetBytes(TextDecoding.Decode(bytes));
        var open = new List<string>();
        var deepest = 0;
        var i = 0;
        while (i < bytes.Length)
        {
            if ((i & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (bytes[i] != (byte)'<' || i + 1 >= bytes.Length)
            {
                i++;
                continue;
            }
            var next = bytes[i + 1];
            if (next == (byte)'!')
            {
                // A comment ends at -->; a doctype or CDATA at the next >.
                var end = bytes[i..].StartsWith("<!--"u8) ? IndexOf(bytes, "-->"u8, i + 4) : IndexOf(bytes, ">"u8, i);
                i = end < 0 ? bytes.Length : end + 1;
                continue;
            }
            var closing = next == (byte)'/';
            var nameStart = i + (closing ? 2 : 1);
            if (nameStart >= bytes.Length || !IsLetter(bytes[nameStart]))
            {
                i++;
                continue;
            }
            var nameEnd = nameStart;
            while (nameEnd < bytes.Length && !IsSpace(bytes[nameEnd]) && bytes[nameEnd] is not ((byte)'>' or (byte)'/')) nameEnd++;
            var name = Encoding.ASCII.GetString(bytes[nameStart..Math.Min(nameEnd, nameStart + 32)]).ToLowerInvariant();
            i = TagEnd(bytes, nameEnd);
            if (closing)
            {
                var at = open.LastIndexOf(name);
                if (at >= 0) open.RemoveRange(at, open.Count - at);
                continue;
            }
            if (RawText.Contains(name))
            {
                var end = IndexOfEndTag(bytes, name, i);
                i = end < 0 ? bytes.Length : end;
                continue;
            }
            if (NotCounted.Contains(name)) continue;
            open.Add(name);
            deepest = Math.Max(deepest, open.Count);
            if (deepest > limit) return deepest;
        }
        return deepest;
    }

    // The > that ends a tag, outside quoted attribute values.
    private static int TagEnd(ReadOnlySpan<byte> bytes, int from)
    {
        byte quote = 0;
        for (var j = from; j < bytes.Length; j++)
        {
            var b = bytes[j];
            if (quote != 0)
            {
                if (b == quote) quote = 0;
            }
            else if (b is (byte)'"' or (byte)'\'') quote = b;
            else if (b == (byte)'>') return j + 1;
        }
        return bytes.Length;
    }

    private static int IndexOfEndTag(ReadOnlySpan<byte> bytes, string name, int from)
    {
        var tag = Encoding.ASCII.GetBytes("</" + name);
        for (var j = from; j <= bytes.Length - tag.Length; j++)
        {
            if (bytes[j] == (byte)'<' && Ascii.EqualsIgnoreCase(bytes.Slice(j, tag.Length), tag)) return j;
        }
        return -1;
    }

    private static int IndexOf(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> value, int from)
    {
        var at = bytes[from..].IndexOf(value);
        return at < 0 ? -1 : from + at;
    }

    private static bool IsLetter(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z';

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f';
}
