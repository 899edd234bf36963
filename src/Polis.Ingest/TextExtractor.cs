using System.Buffers;
using System.Text;

namespace Polis.Ingest;

/// <summary>
/// Reads an uploaded file once, within <see cref="IngestLimits"/>, and returns its text and metadata.
/// Refusals are <see cref="IngestException"/>s whose message can be shown to the uploader as is.
/// </summary>
public sealed class TextExtractor(IngestLimits limits)
{
    // HTML pages may declare charset=windows-1251 and the parser looks encodings up by name; .NET keeps the
    // legacy code pages in the shared framework but only resolves them by name once this provider is registered.
    static TextExtractor() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const int ChunkSize = 81920;

    public TextExtractor() : this(new IngestLimits())
    {
    }

    public ExtractedFile Extract(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        var name = IngestException.DisplayName(fileName);
        var onDisk = OnDisk(content);
        var buffer = BufferFor(content);
        while (NextRead(buffer, name) is var size && content.Read(buffer.GetSpan(size)[..size]) is var read and > 0)
            buffer.Advance(read);
        return ExtractBytes(Bytes(buffer, name), fileName, name, onDisk, CancellationToken.None);
    }

    public Task<ExtractedFile> ExtractAsync(Stream content, string fileName, CancellationToken cancellationToken = default) =>
        ExtractAsync(content, fileName, OnDisk(content), cancellationToken);

    /// <summary>
    /// As <see cref="ExtractAsync(Stream, string, CancellationToken)"/>; <paramref name="onDisk"/>: a file that holds the
    /// very bytes of <paramref name="content"/> (a staged copy nobody writes to), which poppler then reads from there
    /// rather than from its standard input: pdftotext spent about 45 % more CPU time on a PDF from standard input
    /// (measured, issue 21 seventh pass: 3.3 s against 2.3 s for a 27 MB manual). A <see cref="FileStream"/> is its own.
    /// </summary>
    public async Task<ExtractedFile> ExtractAsync(Stream content, string fileName, string? onDisk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        var name = IngestException.DisplayName(fileName);
        var buffer = BufferFor(content);
        while (NextRead(buffer, name) is var size && await content.ReadAsync(buffer.GetMemory(size)[..size], cancellationToken) is var read and > 0)
            buffer.Advance(read);
        // Parsing is CPU work on a buffer already in memory; the caller decides whether it deserves its own thread.
        return ExtractBytes(Bytes(buffer, name), fileName, name, onDisk, cancellationToken);
    }

    /// <summary>
    /// As <see cref="ExtractAsync(Stream, string, string?, CancellationToken)"/> over bytes the caller holds already (an
    /// import reads each file once, for its hash, its staged copy and its text: issue 21, ninth pass), without copying them.
    /// </summary>
    public ExtractedFile Extract(ReadOnlyMemory<byte> content, string fileName, string? onDisk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = IngestException.DisplayName(fileName);
        if (content.Length > limits.MaxBytes) throw IngestException.TooLarge(name, limits.MaxBytes);
        if (content.Length == 0) throw IngestException.Empty(name);
        return ExtractBytes(content, fileName, name, onDisk, cancellationToken);
    }

    // A file stream read from its start holds the bytes of its file (a full path: never taken for an option).
    private static string? OnDisk(Stream content) =>
        content is FileStream { Position: 0 } file && Path.IsPathFullyQualified(file.Name) ? file.Name : null;

    // A stream that knows its length (a file, bytes in memory) gets a buffer of that length plus the one byte that shows
    // the end, within the limit: a 2 KB text file was read into an 80 KB chunk and then a 160 KB one (copied, on the
    // large-object heap), which was most of a text import's extraction time (issue 21, sixth pass).
    private ArrayBufferWriter<byte> BufferFor(Stream content)
    {
        if (!content.CanSeek) return new ArrayBufferWriter<byte>();
        var remaining = Math.Max(0, content.Length - content.Position);
        return new ArrayBufferWriter<byte>((int)Math.Min(remaining, Math.Min(limits.MaxBytes, Array.MaxLength - 1)) + 1);
    }

    // Never asks for more than one byte past the limit, so an endless or lying stream costs at most MaxBytes + 1. Reads into
    // the room the buffer has first (BufferFor), so a stream of the length it said needs no larger buffer.
    private int NextRead(ArrayBufferWriter<byte> soFar, string name)
    {
        var max = Math.Min(limits.MaxBytes, Array.MaxLength - 1);
        if (soFar.WrittenCount > max) throw IngestException.TooLarge(name, limits.MaxBytes);
        var room = soFar.FreeCapacity > 0 ? soFar.FreeCapacity : ChunkSize;
        return (int)Math.Min(room, max + 1 - soFar.WrittenCount);
    }

    private ReadOnlyMemory<byte> Bytes(ArrayBufferWriter<byte> buffer, string name)
    {
        if (buffer.WrittenCount > limits.MaxBytes) throw IngestException.TooLarge(name, limits.MaxBytes);
        if (buffer.WrittenCount == 0) throw IngestException.Empty(name);
        return buffer.WrittenMemory;
    }

    private ExtractedFile ExtractBytes(ReadOnlyMemory<byte> bytes, string fileName, string name, string? onDisk, CancellationToken cancellationToken)
    {
        var span = bytes.Span;
        var kind = FileInspector.Detect(span[..Math.Min(span.Length, FileInspector.HeadLength)], fileName);
        // One token for both reasons to stop: the caller gave up (the request was aborted) or the time budget is spent.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(limits.Timeout);
        var token = budget.Token;
        try
        {
            return kind switch
            {
                FileKind.Pdf => PdfText.Extract(bytes, name, limits, token, onDisk),
                FileKind.Docx => DocxText.Extract(bytes, name, limits, token),
                FileKind.Html => HtmlText.Extract(bytes, name, limits, token),
                FileKind.PlainText => PlainText.Extract(span, limits, token),
                FileKind.Markdown => MarkdownText.Extract(span, name, limits, token),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && budget.IsCancellationRequested)
        {
            throw IngestException.TooSlow(name, limits.Timeout);
        }
        // The parsers throw a wide, undocumented range of exceptions on malformed input (format, index, cast,
        // XML, invalid data…); to the uploader they all mean the same thing.
        catch (Exception e) when (e is not (IngestException or OperationCanceledException or OutOfMemoryException))
        {
            throw IngestException.Corrupt(name, kind);
        }
    }
}
