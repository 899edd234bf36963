using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace Polis.Ingest;

internal static class DocxText
{
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string MarkupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006";
    private const long LargeEntry = 1024 * 1024;

    public static ExtractedFile Extract(ReadOnlyMemory<byte> bytes, string name, IngestLimits limits, CancellationToken cancellationToken)
    {
        var span = bytes.Span;
        if (FileInspector.Sniff(span[..Math.Min(span.Length, 8)]) == FileInspector.Content.OleCompound)
            throw EncryptedOrLegacy(span, name);

        CheckForZipBomb(bytes, name, limits, cancellationToken);

        using var document = WordprocessingDocument.Open(Buffers.AsStream(bytes), false, new OpenSettings
        {
            // Parts the SDK loads itself (styles) obey the same ceiling as the ones read below.
            MaxCharactersInPart = limits.MaxUncompressedBytes,
        });
        var main = document.MainDocumentPart ?? throw IngestException.Corrupt(name, FileKind.Docx);
        var text = TextNormalisation.Normalise(BodyText(main, limits, cancellationToken), limits.MaxTextChars);
        var hasText = TextNormalisation.HasLetters(text);
        var properties = document.PackageProperties;
        return new ExtractedFile(
            FileKind.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            hasText ? text : "",
            TextNormalisation.Line(properties.Title), TextNormalisation.Line(properties.Creator),
            TextNormalisation.Line(properties.Language) ?? DefaultLanguage(main),
            properties.Created is { } created ? AsOffset(created) : null,
            null, hasText);
    }

    // Word encrypts a .docx by wrapping it in an OLE compound file with these two streams; any other compound
    // file named .docx is a renamed .doc (or .xls/.ppt).
    private static IngestException EncryptedOrLegacy(ReadOnlySpan<byte> bytes, string name) =>
        bytes.IndexOf(Encoding.Unicode.GetBytes("EncryptedPackage")) >= 0 || bytes.IndexOf(Encoding.Unicode.GetBytes("EncryptionInfo")) >= 0
            ? IngestException.Encrypted(name)
            : IngestException.Mismatch(name, FileKind.Docx, FoundContent.OldOffice);

    // Declared sizes are checked first because they cost nothing. Then every entry is inflated into a counter,
    // so the limit holds for the bytes actually produced whatever the headers claim, without relying on how
    // the zip reader treats understated sizes. Only after both does the Open XML SDK get the bytes.
    private static void CheckForZipBomb(ReadOnlyMemory<byte> bytes, string name, IngestLimits limits, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(Buffers.AsStream(bytes), ZipArchiveMode.Read);
        long declared = 0;
        foreach (var entry in zip.Entries)
        {
            if (entry.Length > limits.MaxUncompressedBytes - declared) throw IngestException.ZipBomb(name);
            declared += entry.Length;
            if (entry.Length > LargeEntry && entry.Length > (double)limits.MaxCompressionRatio * Math.Max(entry.CompressedLength, 1))
                throw IngestException.ZipBomb(name);
        }
        if (zip.GetEntry("word/document.xml") is null)
        {
            if (zip.GetEntry("xl/workbook.xml") is not null) throw IngestException.Mismatch(name, FileKind.Docx, FoundContent.Workbook);
            if (zip.GetEntry("ppt/presentation.xml") is not null) throw IngestException.Mismatch(name, FileKind.Docx, FoundContent.Presentation);
        }

        var budget = limits.MaxUncompressedBytes;
        var buffer = new byte[81920];
        foreach (var entry in zip.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var inflated = entry.Open();
            int read;
            while ((read = inflated.Read(buffer, 0, buffer.Length)) > 0)
            {
                budget -= read;
                if (budget < 0) throw IngestException.ZipBomb(name);
            }
        }
    }

    // Reads word/document.xml as a stream rather than a DOM, so a huge body costs time, not memory; paragraphs
    // inside tables and text boxes come out in document order because they are w:p elements like any other.
    private static string BodyText(MainDocumentPart main, IngestLimits limits, CancellationToken cancellationToken)
    {
        using var stream = main.GetStream(FileMode.Open, FileAccess.Read);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = limits.MaxUncompressedBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        });
        var text = new StringBuilder();
        // ReadElementContentAsString and Skip leave the reader on the next node already; Read would step over it.
        var positioned = false;
        while (positioned || reader.Read())
        {
            positioned = false;
            if (text.Length > 2L * limits.MaxTextChars) break;
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                if (reader.NamespaceURI == W && reader.LocalName == "p")
                {
                    text.Append("\n\n");
                    cancellationToken.ThrowIfCancellationRequested();
                }
                continue;
            }
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.NamespaceURI == MarkupCompatibility && reader.LocalName == "Fallback")
            {
                // Text boxes are stored twice, as DrawingML and as a VML fallback; reading both would repeat them.
                reader.Skip();
                positioned = true;
                continue;
            }
            if (reader.NamespaceURI != W) continue;
            switch (reader.LocalName)
            {
                case "t" when !reader.IsEmptyElement:
                    text.Append(reader.ReadElementContentAsString());
                    positioned = true;
                    break;
                case "tab" or "ptab":
                    text.Append(' ');
                    break;
                case "br" or "cr":
                    text.Append('\n');
                    break;
                case "noBreakHyphen":
                    text.Append('-');
                    break;
            }
        }
        return text.ToString();
    }

    // Documents without a dc:language usually still say which language Word should proofread them in.
    private static string? DefaultLanguage(MainDocumentPart main) =>
        TextNormalisation.Line(main.StyleDefinitionsPart?.Styles?.DocDefaults?.RunPropertiesDefault?
            .RunPropertiesBaseStyle?.Languages?.Val?.Value);

    private static DateTimeOffset AsOffset(DateTime created) => created.Kind == DateTimeKind.Local
        ? new DateTimeOffset(created)
        : new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc), TimeSpan.Zero);
}
