namespace Polis.Ingest;

/// <summary>
/// Upper bounds that keep one hostile or broken upload from exhausting memory or time.
/// </summary>
/// <param name="MaxBytes">Largest file accepted, counted while reading (a stream's Length is never trusted).</param>
/// <param name="MaxUncompressedBytes">Largest total a DOCX may expand to, declared or actually read.</param>
/// <param name="MaxCompressionRatio">Largest uncompressed-to-compressed ratio allowed for a DOCX entry over 1 MB.</param>
/// <param name="MaxTextChars">Extracted text beyond this many characters is cut off.</param>
public sealed record IngestLimits(
    long MaxBytes = 100 * 1024 * 1024,
    long MaxUncompressedBytes = 512 * 1024 * 1024,
    int MaxCompressionRatio = 100,
    int MaxTextChars = 20_000_000);
