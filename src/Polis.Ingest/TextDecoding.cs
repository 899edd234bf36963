using System.Text;

namespace Polis.Ingest;

// Plain text and Markdown arrive with no declared charset: a BOM decides, then strict UTF-8, then the legacy
// single-byte code page that the bytes look like (Windows-1251 for Russian, Latin-1 for the rest).
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Taken from the provider itself so that decoding does not depend on the global registration having happened.
    private static readonly Encoding? Windows1251 = CodePagesEncodingProvider.Instance.GetEncoding(1251);

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];
    private static ReadOnlySpan<byte> Utf16LeBom => [0xFF, 0xFE];
    private static ReadOnlySpan<byte> Utf16BeBom => [0xFE, 0xFF];
    private static ReadOnlySpan<byte> Utf32LeBom => [0xFF, 0xFE, 0x00, 0x00];
    private static ReadOnlySpan<byte> Utf32BeBom => [0x00, 0x00, 0xFE, 0xFF];

    public static bool HasUnicodeBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith(Utf8Bom) || bytes.StartsWith(Utf16LeBom) || bytes.StartsWith(Utf16BeBom) || bytes.StartsWith(Utf32BeBom);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        // UTF-32 LE first: its BOM begins with the UTF-16 LE one.
        if (bytes.StartsWith(Utf8Bom)) return Encoding.UTF8.GetString(bytes[3..]);
        if (bytes.StartsWith(Utf32LeBom)) return Encoding.UTF32.GetString(bytes[4..]);
        if (bytes.StartsWith(Utf32BeBom)) return new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetString(bytes[4..]);
        if (bytes.StartsWith(Utf16LeBom)) return Encoding.Unicode.GetString(bytes[2..]);
        if (bytes.StartsWith(Utf16BeBom)) return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return (LooksCyrillic(bytes) && Windows1251 is not null ? Windows1251 : Encoding.Latin1).GetString(bytes);
        }
    }

    // In Windows-1251 the Russian alphabet fills 0xC0–0xFF (plus Ё/ё at 0xA8/0xB8), so Russian text is mostly
    // high bytes; Western text in Latin-1 uses the same range only for the odd accented letter among ASCII ones.
    private static bool LooksCyrillic(ReadOnlySpan<byte> bytes)
    {
        long ascii = 0, cyrillic = 0;
        foreach (var b in bytes)
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z') ascii++;
            else if (b >= 0xC0 || b is 0xA8 or 0xB8) cyrillic++;
        }
        return cyrillic > 0 && cyrillic * 10 >= (ascii + cyrillic) * 4;
    }
}
