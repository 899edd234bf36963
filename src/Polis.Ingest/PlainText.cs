namespace Polis.Ingest;

internal static class PlainText
{
    public static ExtractedFile Extract(ReadOnlySpan<byte> bytes, IngestLimits limits, CancellationToken cancellationToken)
    {
        var text = TextNormalisation.Normalise(TextDecoding.Decode(bytes), limits.MaxTextChars, cancellationToken);
        var hasText = TextNormalisation.HasLetters(text);
        return new ExtractedFile(FileKind.PlainText, "text/plain", hasText ? text : "", null, null, null, null, null, hasText);
    }
}
