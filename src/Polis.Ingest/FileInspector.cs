namespace Polis.Ingest;

/// <summary>
/// Decides what a file is from its name and its first bytes, and refuses names that lie about the content.
/// </summary>
public static class FileInspector
{
    /// <summary>How many leading bytes <see cref="Detect"/> looks at; passing more does no harm.</summary>
    public const int HeadLength = 8192;

    private static readonly Dictionary<string, FileKind> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = FileKind.Pdf,
        [".docx"] = FileKind.Docx,
        [".html"] = FileKind.Html,
        [".htm"] = FileKind.Html,
        [".txt"] = FileKind.PlainText,
        [".md"] = FileKind.Markdown,
        [".markdown"] = FileKind.Markdown,
    };

    /// <summary>
    /// Returns the kind named by the extension once the content agrees with it.
    /// Throws <see cref="IngestException"/> with <see cref="IngestFailure.UnsupportedType"/> for other extensions and
    /// <see cref="IngestFailure.ContentDoesNotMatchExtension"/> when the content is clearly something else.
    /// </summary>
    public static FileKind Detect(ReadOnlySpan<byte> head, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = IngestException.DisplayName(fileName);
        var extension = Path.GetExtension(name);
        if (!ByExtension.TryGetValue(extension, out var kind))
            throw IngestException.Unsupported(name, extension);

        var content = Sniff(head);
        var fits = content == Content.Empty || kind switch
        {
            // Unrecognised binary goes on to the parser, which can tell a damaged file from a foreign one.
            FileKind.Pdf => content is Content.Pdf or Content.Binary,
            // An Office file with a password is an OLE compound file, not a zip: the extractor tells it from a .doc.
            FileKind.Docx => content is Content.Zip or Content.OleCompound or Content.Binary,
            FileKind.Html or FileKind.PlainText or FileKind.Markdown => content is Content.Text,
        };
        return fits ? kind : throw IngestException.Mismatch(name, kind, Describe(content));
    }

    internal enum Content { Empty, Pdf, Zip, OleCompound, Image, Program, Archive, Binary, Text }

    internal static Content Sniff(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty) return Content.Empty;
        // The PDF specification lets readers accept the header anywhere in the first 1024 bytes.
        if (head[..Math.Min(head.Length, 1024)].IndexOf("%PDF-"u8) >= 0) return Content.Pdf;
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8) || head.StartsWith("PK\x07\x08"u8))
            return Content.Zip;
        if (head.StartsWith(CompoundFile)) return Content.OleCompound;
        if (head.StartsWith(Png) || head.StartsWith(Jpeg) || head.StartsWith("GIF8"u8) || head.StartsWith("II*\0"u8)
            || head.StartsWith("MM\0*"u8) || (head.StartsWith("RIFF"u8) && head.Length >= 12 && head[8..12].SequenceEqual("WEBP"u8)))
            return Content.Image;
        // "MZ" alone also starts ordinary sentences; a real program has NUL bytes right after it.
        if ((head.StartsWith("MZ"u8) && LooksBinary(head)) || head.StartsWith("\u007FELF"u8)) return Content.Program;
        if (head.StartsWith(Gzip) || head.StartsWith(SevenZip) || head.StartsWith("Rar!"u8)) return Content.Archive;
        if (TextDecoding.HasUnicodeBom(head)) return Content.Text;
        return LooksBinary(head) ? Content.Binary : Content.Text;
    }

    private static ReadOnlySpan<byte> CompoundFile => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static ReadOnlySpan<byte> Png => [0x89, (byte)'P', (byte)'N', (byte)'G'];
    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> Gzip => [0x1F, 0x8B];
    private static ReadOnlySpan<byte> SevenZip => [(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C];

    // Text never holds NUL; a few other C0 controls turn up in old files, so only many of them count as binary.
    private static bool LooksBinary(ReadOnlySpan<byte> head)
    {
        var controls = 0;
        foreach (var b in head)
        {
            if (b == 0) return true;
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x1B)) controls++;
        }
        return controls * 10 > head.Length;
    }

    private static FoundContent Describe(Content content) => content switch
    {
        Content.Pdf => FoundContent.Pdf,
        Content.Zip => FoundContent.Zip,
        Content.OleCompound => FoundContent.OldOffice,
        Content.Image => FoundContent.Image,
        Content.Program => FoundContent.Program,
        Content.Archive => FoundContent.Archive,
        Content.Binary => FoundContent.Binary,
        Content.Text => FoundContent.Text,
        Content.Empty => FoundContent.Nothing,
    };
}
