namespace Polis.Ingest;

/// <summary>
/// Upper bounds that keep one hostile or broken upload from exhausting memory or time. Exceeding one of them
/// (other than <paramref name="MaxBytes"/> and <paramref name="MaxTextChars"/>) throws an <see cref="IngestLimitException"/>
/// that names the file and the limit.
/// </summary>
/// <param name="MaxBytes">Largest file accepted, counted while reading (a stream's Length is never trusted).</param>
/// <param name="MaxUncompressedBytes">Largest total a file may expand to: all entries of a DOCX, all decoded streams of a PDF.</param>
/// <param name="MaxCompressionRatio">Largest uncompressed-to-compressed ratio allowed for a DOCX entry over 1 MB.</param>
/// <param name="MaxTextChars">Extracted text beyond this many characters is cut off.</param>
/// <param name="MaxStreamBytes">Largest size one DOCX entry or one decoded PDF stream may reach.</param>
/// <param name="MaxNestingDepth">Deepest nesting of elements (HTML, DOCX XML) or blocks and inlines (Markdown).</param>
/// <param name="MaxPages">Most pages a PDF may have.</param>
public sealed record IngestLimits(
    long MaxBytes = 100 * 1024 * 1024,
    long MaxUncompressedBytes = 512 * 1024 * 1024,
    int MaxCompressionRatio = 100,
    int MaxTextChars = 20_000_000,
    long MaxStreamBytes = 64 * 1024 * 1024,
    int MaxNestingDepth = 512,
    int MaxPages = 10_000)
{
    /// <summary>How long reading one file may take before it is refused (the clock starts once the bytes are in memory).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Poppler's <c>pdftotext</c>, which reads a PDF's text (ADR 0010); by default the one on the PATH. Null: none, so
    /// PdfPig reads the text as it does when poppler is not installed or fails on a file.
    /// </summary>
    public string? PdfToText { get; init; } = PopplerText.OnPath;

    /// <summary>
    /// A PDF of more pages than this is read by several pdftotext processes at once, each over its own range of pages,
    /// and their texts joined in page order (the same text as one process gives): one long manual no longer leaves one
    /// core working alone at the end of an import or an upload (issue 21, seventh pass).
    /// </summary>
    public int PdfPagesPerPart { get; init; } = 200;

    /// <summary>The most pdftotext processes one PDF is read by at once (<see cref="PdfPagesPerPart"/>): one per core.</summary>
    public int PdfParts { get; init; } = Environment.ProcessorCount;
}
