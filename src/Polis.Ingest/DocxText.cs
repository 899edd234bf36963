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

        Inspect(bytes, name, limits, cancellationToken);

        using var document = WordprocessingDocument.Open(Buffers.AsStream(bytes), false, new OpenSettings
        {
            // Parts the SDK loads itself (styles) obey the same ceiling as the ones read below.
            MaxCharactersInPart = limits.MaxStreamBytes,
        });
        var main = document.MainDocumentPart ?? throw IngestException.Corrupt(name, FileKind.Docx);
        var text = TextNormalisation.Normalise(BodyText(main, name, limits, cancellationToken), limits.MaxTextChars, cancellationToken);
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
    // so the limits hold for the bytes actually produced whatever the headers claim, without relying on how
    // the zip reader treats understated sizes; XML parts are read as they inflate, so their nesting is checked
    // too. Only after all of it does the Open XML SDK get the bytes (it builds trees of some parts, e.g. styles).
    private static void Inspect(ReadOnlyMemory<byte> bytes, string name, IngestLimits limits, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(Buffers.AsStream(bytes), ZipArchiveMode.Read);
        long declared = 0;
        foreach (var entry in zip.Entries)
        {
            // A password-protected entry (the zip's own encryption, which Word never writes) cannot be read either.
            if (entry.IsEncrypted) throw IngestException.Encrypted(name);
            if (entry.Length > limits.MaxStreamBytes) throw IngestException.Expands(name, limits.MaxStreamBytes, wholeFile: false);
            if (entry.Length > limits.MaxUncompressedBytes - declared) throw IngestException.Expands(name, limits.MaxUncompressedBytes, wholeFile: true);
            declared += entry.Length;
            if (entry.Length > LargeEntry && entry.Length > (double)limits.MaxCompressionRatio * Math.Max(entry.CompressedLength, 1))
                throw IngestException.ZipBomb(name, limits.MaxCompressionRatio);
            // Word keeps a document's macros in vbaProject.bin; a .docm renamed .docx still has it.
            if (entry.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)) throw IngestException.MacroEnabled(name);
        }
        if (zip.GetEntry("word/document.xml") is null)
        {
            if (zip.GetEntry("xl/workbook.xml") is not null) throw IngestException.Mismatch(name, FileKind.Docx, FoundContent.Workbook);
            if (zip.GetEntry("ppt/presentation.xml") is not null) throw IngestException.Mismatch(name, FileKind.Docx, FoundContent.Presentation);
        }

        var budget = new InflationBudget(name, limits, cancellationToken);
        foreach (var entry in zip.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var inflated = new CountingStream(entry.Open(), budget);
            var xml = entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);
            if (xml && !CheckXml(inflated, entry.FullName, name, limits, cancellationToken)) continue;
            inflated.CopyTo(Stream.Null);
        }
    }

    // Returns false when the part is not well-formed XML: the SDK decides what that means for the document,
    // and the caller still counts the rest of its bytes.
    private static bool CheckXml(Stream part, string partName, string name, IngestLimits limits, CancellationToken cancellationToken)
    {
        using var reader = XmlReader.Create(part, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        });
        var nodes = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.Depth > limits.MaxNestingDepth) throw IngestException.TooDeep(name, limits.MaxNestingDepth);
                if (++nodes % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
                if (partName.Equals("[Content_Types].xml", StringComparison.Ordinal) && reader.NodeType == XmlNodeType.Element
                    && reader.GetAttribute("ContentType") is { } type && type.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
                    throw IngestException.MacroEnabled(name);
            }
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private sealed class InflationBudget(string name, IngestLimits limits, CancellationToken cancellationToken)
    {
        private long total;

        public void Add(long entrySoFar, int read)
        {
            total += read;
            if (entrySoFar > limits.MaxStreamBytes) throw IngestException.Expands(name, limits.MaxStreamBytes, wholeFile: false);
            if (total > limits.MaxUncompressedBytes) throw IngestException.Expands(name, limits.MaxUncompressedBytes, wholeFile: true);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    // Counts what an entry really inflates to, whatever its header said, and stops at the limits.
    private sealed class CountingStream(Stream inner, InflationBudget budget) : Stream
    {
        private long read;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            read += n;
            budget.Add(read, n);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    // Reads word/document.xml as a stream rather than a DOM, so a huge body costs time, not memory; paragraphs
    // inside tables and text boxes come out in document order because they are w:p elements like any other.
    private static string BodyText(MainDocumentPart main, string name, IngestLimits limits, CancellationToken cancellationToken)
    {
        using var stream = main.GetStream(FileMode.Open, FileAccess.Read);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = limits.MaxStreamBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        });
        var text = new StringBuilder();
        // ReadElementContentAsString and Skip leave the reader on the next node already; Read would step over it.
        var positioned = false;
        var nodes = 0;
        while (positioned || reader.Read())
        {
            positioned = false;
            if (text.Length > 2L * limits.MaxTextChars) break;
            if (reader.Depth > limits.MaxNestingDepth) throw IngestException.TooDeep(name, limits.MaxNestingDepth);
            if (++nodes % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
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
