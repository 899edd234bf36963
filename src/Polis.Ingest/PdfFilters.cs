using System.IO.Compression;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Polis.Ingest;

/// <summary>
/// PdfPig's own filters, each behind a budget: a stream may decode to at most <see cref="IngestLimits.MaxStreamBytes"/>
/// and the whole file to <see cref="IngestLimits.MaxUncompressedBytes"/>. PdfPig has no such option and its Flate filter
/// inflates into memory until the data ends, so a few KB can claim gigabytes. Flate data is therefore first inflated
/// into a counter, which costs time up to the limit but no memory, and only data within the limit reaches PdfPig.
/// A stream too short to break a limit (deflate expands at most <see cref="MaxDeflateRatio"/> times) skips that count:
/// most of a PDF's streams, which were inflated twice before (issue 21: a share of a PDF import's time).
/// Every decode also checks the cancellation (request aborted or time budget spent).
/// </summary>
internal sealed class PdfFilters(string name, IngestLimits limits, CancellationToken cancellationToken) : IFilterProvider
{
    private readonly IFilterProvider inner = DefaultFilterProvider.Instance;
    private long total;

    /// <summary>The most that deflate can expand its input: 258 bytes from one bit-pair code, about 1032 to 1.</summary>
    internal const long MaxDeflateRatio = 1032;

    private CancellationToken Cancellation => cancellationToken;

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(inner.GetAllFilters());

    private IFilter[] Wrap(IReadOnlyList<IFilter> filters) => [.. filters.Select(f => f is Bounded ? f : new Bounded(f, this))];

    private void Count(long decoded)
    {
        if (decoded > limits.MaxStreamBytes) throw IngestException.Expands(name, limits.MaxStreamBytes, wholeFile: false);
        total += decoded;
        if (total > limits.MaxUncompressedBytes) throw IngestException.Expands(name, limits.MaxUncompressedBytes, wholeFile: true);
    }

    // Inflates into nothing, stopping one buffer past the per-stream limit; damaged data is left for PdfPig to judge
    // (it stops at the same byte, so it cannot produce more than was counted).
    private long MeasureFlate(ReadOnlyMemory<byte> input, bool always = false)
    {
        if (input.Length < 2) return 0;
        // Whatever it holds, this stream cannot inflate past either limit: PdfPig may inflate it at once (Count then
        // checks the true size).
        var most = input.Length * MaxDeflateRatio;
        if (!always && most <= limits.MaxStreamBytes && total + most <= limits.MaxUncompressedBytes) return 0;
        // PdfPig skips the two-byte zlib header and reads raw deflate, so a wrong header or checksum does not stop it; nor here.
        using var source = new MemoryStream(input[2..].ToArray(), writable: false);
        using var deflate = new DeflateStream(source, CompressionMode.Decompress);
        var buffer = new byte[81920];
        long size = 0;
        try
        {
            int read;
            while ((read = deflate.Read(buffer)) > 0)
            {
                size += read;
                if (size > limits.MaxStreamBytes) throw IngestException.Expands(name, limits.MaxStreamBytes, wholeFile: false);
                if (total + size > limits.MaxUncompressedBytes) throw IngestException.Expands(name, limits.MaxUncompressedBytes, wholeFile: true);
                if ((size & 0xFFFFF) < read) cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (InvalidDataException)
        {
        }
        return size;
    }

    /// <summary>
    /// Before poppler reads the file (ADR 0010): every stream long enough to break the part limit when inflated
    /// (compressed over <see cref="IngestLimits.MaxStreamBytes"/> / <see cref="MaxDeflateRatio"/>, 64 KB by default) is
    /// inflated into the counter, so that a decompression bomb is refused with the same message as when PdfPig reads it.
    /// Streams are found in the raw bytes ("stream" … "endstream"), not parsed: what does not inflate is not Flate and is
    /// skipped (poppler reads it within its memory cap and the time budget). Shorter streams cannot break the part limit;
    /// together they are bounded by poppler's memory cap, and a file poppler finds no text in is read by PdfPig, whose
    /// filters count every stream.
    /// </summary>
    public void MeasureLongStreams(ReadOnlyMemory<byte> pdf)
    {
        var threshold = Math.Max(1, limits.MaxStreamBytes / MaxDeflateRatio);
        var span = pdf.Span;
        var at = 0;
        while (at < span.Length && span[at..].IndexOf("stream"u8) is var found and >= 0)
        {
            var keyword = at + found;
            at = keyword + 6;
            if (keyword >= 3 && span[(keyword - 3)..keyword].SequenceEqual("end"u8)) continue;
            var start = at;
            if (start < span.Length && span[start] == '\r') start++;
            if (start < span.Length && span[start] == '\n') start++;
            var length = span[start..].IndexOf("endstream"u8);
            if (length < 0) length = span.Length - start;
            at = start + length;
            cancellationToken.ThrowIfCancellationRequested();
            if (length > threshold || total + length * MaxDeflateRatio > limits.MaxUncompressedBytes)
                Count(MeasureFlate(pdf.Slice(start, length), always: true));
        }
    }

    private sealed class Bounded(IFilter filter, PdfFilters budget) : IFilter
    {
        public bool IsSupported => filter.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            budget.Cancellation.ThrowIfCancellationRequested();
            if (filter is FlateFilter) budget.MeasureFlate(input);
            var output = filter.Decode(input, streamDictionary, filterProvider, filterIndex);
            budget.Count(output.Length);
            return output;
        }
    }
}
