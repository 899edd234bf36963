using System.Text;

namespace Polis.Platform;

/// <summary>
/// Where to send a user back to after signing in or switching language: a path of this site only, never another site,
/// and always something a Location header can carry (control characters refused, other non-ASCII percent-encoded).
/// </summary>
public static class ReturnUrls
{
    public static string Safe(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > 2000 || returnUrl[0] != '/'
            || returnUrl.StartsWith("//", StringComparison.Ordinal) || returnUrl.StartsWith("/\\", StringComparison.Ordinal))
            return "/";
        var safe = new StringBuilder(returnUrl.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in returnUrl.EnumerateRunes())
        {
            if (rune.Value < 0x20 || rune.Value == 0x7F || rune.Value == '\\') return "/";
            if (rune.Value is > 0x7E or ' ')
            {
                var length = rune.EncodeToUtf8(bytes);
                foreach (var b in bytes[..length]) safe.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                safe.Append((char)rune.Value);
            }
        }
        return safe.ToString();
    }
}
