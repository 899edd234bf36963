namespace Polis.Ingest;

/// <summary>
/// The text and metadata found in one file.
/// </summary>
/// <param name="Kind">What the file is.</param>
/// <param name="MediaType">Its IANA media type, e.g. application/pdf.</param>
/// <param name="Text">Normalised text: Unicode NFC, single spaces, paragraphs separated by a blank line, no control characters.</param>
/// <param name="Title">Title from the file's own metadata, or its first top-level heading.</param>
/// <param name="Author">Author from the file's metadata.</param>
/// <param name="Language">Language tag from the file's metadata (e.g. "en", "ru-RU").</param>
/// <param name="Created">Creation time from the file's metadata.</param>
/// <param name="PageCount">Number of pages, for PDFs.</param>
/// <param name="HasText">False when the file is kept but has no extractable text, e.g. a scanned PDF; Text is then empty.</param>
public sealed record ExtractedFile(
    FileKind Kind,
    string MediaType,
    string Text,
    string? Title,
    string? Author,
    string? Language,
    DateTimeOffset? Created,
    int? PageCount,
    bool HasText)
{
    /// <summary>What read a PDF's text: <see cref="PdfExtractors.Poppler"/> or <see cref="PdfExtractors.PdfPig"/>; null for other kinds.</summary>
    public string? Extractor { get; init; }

    /// <summary>Why poppler's text was not used for this PDF although it is configured (it failed on the file), else null.</summary>
    public string? FallbackReason { get; init; }
}

/// <summary>The names <see cref="ExtractedFile.Extractor"/> takes.</summary>
public static class PdfExtractors
{
    public const string Poppler = "pdftotext";
    public const string PdfPig = "PdfPig";
}
