using System.Buffers.Binary;
using System.Text;

namespace Polis.Search;

// One message of a gettext catalog: the English original and its translation. Context ("msgctxt") is dropped; of a
// plural message only the singular forms are kept.
internal readonly record struct CatalogMessage(string Original, string Translation);

// Reads a compiled gettext catalog (.mo): a 28-byte header (magic 0x950412de in the file's byte order, revision,
// message count N, offset of the originals' table, offset of the translations' table), then two tables of N
// (length, offset) pairs pointing at NUL-terminated strings. No maintained .NET library for the format restores here,
// and the format is this small. The header entry (empty original) is skipped; strings are UTF-8 (Debian's catalogs
// all are; a catalog declaring another charset is skipped whole).
internal static class MoCatalog
{
    private const uint Magic = 0x950412de;

    /// <exception cref="InvalidDataException">The file is not a .mo catalog or its tables point outside it.</exception>
    public static List<CatalogMessage> Read(string path) => Read(File.ReadAllBytes(path), path);

    public static List<CatalogMessage> Read(byte[] bytes, string name)
    {
        if (bytes.Length < 28)
        {
            throw new InvalidDataException($"{name} is not a gettext catalog: {bytes.Length} bytes, less than its header.");
        }
        bool little;
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) == Magic)
        {
            little = true;
        }
        else if (BinaryPrimitives.ReadUInt32BigEndian(bytes) == Magic)
        {
            little = false;
        }
        else
        {
            throw new InvalidDataException($"{name} is not a gettext catalog (no .mo magic number).");
        }
        uint U32(int at) => at < 0 || at + 4 > bytes.Length
            ? throw new InvalidDataException($"{name} is truncated: a table entry at {at} lies outside the file.")
            : little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
        var count = U32(8);
        var originals = U32(12);
        var translations = U32(16);
        if (count > int.MaxValue / 8 || originals + (8L * count) > bytes.Length || translations + (8L * count) > bytes.Length)
        {
            throw new InvalidDataException($"{name} is corrupt: its {count} messages do not fit in {bytes.Length} bytes.");
        }
        string Text(uint table, int i)
        {
            var length = U32((int)table + (8 * i));
            var offset = U32((int)table + (8 * i) + 4);
            if (offset + (long)length > bytes.Length)
            {
                throw new InvalidDataException($"{name} is corrupt: message {i} lies outside the file.");
            }
            return Encoding.UTF8.GetString(bytes, (int)offset, (int)length);
        }
        var messages = new List<CatalogMessage>((int)count);
        for (var i = 0; i < (int)count; i++)
        {
            var original = Text(originals, i);
            var translation = Text(translations, i);
            if (original.Length == 0)
            {
                // The header: a catalog in another charset than UTF-8 would give garbled words.
                var charset = translation.Split('\n').FirstOrDefault(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase));
                if (charset is not null && charset.Contains("charset=", StringComparison.OrdinalIgnoreCase)
                    && !charset.Contains("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Contains("ascii", StringComparison.OrdinalIgnoreCase))
                {
                    return [];
                }
                continue;
            }
            if (original.IndexOf('\u0004', StringComparison.Ordinal) is var context and >= 0)
            {
                original = original[(context + 1)..];
            }
            // Plurals: "file\0files" → "file"; the translation's first form is its singular.
            original = First(original);
            translation = First(translation);
            if (original.Length > 0 && translation.Length > 0)
            {
                messages.Add(new CatalogMessage(original, translation));
            }
        }
        return messages;
    }

    private static string First(string text) => text.IndexOf('\0', StringComparison.Ordinal) is var nul and >= 0 ? text[..nul] : text;
}
