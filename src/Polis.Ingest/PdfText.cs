using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Tokens;

namespace Polis.Ingest;

internal static class PdfText
{
    // Content order follows the text-showing operators, which keeps reading order for ordinary documents;
    // the extractor inserts spaces from glyph gaps, so words printed glyph by glyph stay apart.
    private static readonly ContentOrderTextExtractor.Options Layout = new()
    {
        SeparateParagraphsWithDoubleNewline = true,
        ReplaceWhitespaceWithSpace = true,
    };

    public static ExtractedFile Extract(ReadOnlyMemory<byte> bytes, string name, IngestLimits limits, CancellationToken cancellationToken)
    {
        PdfDocument document;
        var filters = new PdfFilters(name, limits, cancellationToken);
        try
        {
            document = PdfDocument.Open(bytes, new ParsingOptions
            {
                SkipMissingFonts = true,
                FilterProvider = filters,
                MaxStackDepth = Math.Min(limits.MaxNestingDepth, 256),
            });
        }
        catch (PdfDocumentEncryptedException)
        {
            throw IngestException.Encrypted(name);
        }
        using (document)
        {
            if (document.NumberOfPages > limits.MaxPages) throw IngestException.TooManyPages(name, document.NumberOfPages, limits.MaxPages);
            string? text = null;
            string? fallback = null;
            if (limits.PdfToText is { } tool)
            {
                // poppler decodes the streams itself: a stream long enough to break the part limit is inflated into
                // a counter first (the same refusal as PdfPig's reading gives); poppler runs within a memory cap.
                filters.MeasureLongStreams(bytes);
                var poppler = PopplerText.Run(tool, bytes, 2L * limits.MaxTextChars, cancellationToken);
                if (poppler.Text is { } raw) text = TextNormalisation.Normalise(raw, limits.MaxTextChars, cancellationToken);
                else fallback = poppler.Error;
                // No text: a scan, or a file poppler cannot read well; PdfPig (whose filters count every stream) has its say.
                if (text is not null && !TextNormalisation.HasLetters(text))
                {
                    text = null;
                    fallback = "pdftotext found no text";
                }
            }
            text ??= ReadPages(document, limits, cancellationToken);
            var hasText = TextNormalisation.HasLetters(text);
            var info = document.Information;
            return new ExtractedFile(
                FileKind.Pdf, "application/pdf", hasText ? text : "",
                TextNormalisation.Line(info.Title), TextNormalisation.Line(info.Author), Language(document),
                info.GetCreatedDateTimeOffset(), document.NumberOfPages, hasText)
            {
                Extractor = fallback is null && limits.PdfToText is not null ? PdfExtractors.Poppler : PdfExtractors.PdfPig,
                FallbackReason = fallback,
            };
        }
    }

    // PdfPig's own reading, page by page in content order: without poppler, or when it failed on the file.
    private static string ReadPages(PdfDocument document, IngestLimits limits, CancellationToken cancellationToken)
    {
        var raw = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            cancellationToken.ThrowIfCancellationRequested();
            raw.Append(ContentOrderTextExtractor.GetText(page, Layout)).Append("\n\n");
            // Whitespace collapses later, so twice the limit is enough to fill it.
            if (raw.Length > 2L * limits.MaxTextChars) break;
        }
        return TextNormalisation.Normalise(raw.ToString(), limits.MaxTextChars, cancellationToken);
    }

    private static string? Language(PdfDocument document) =>
        document.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Lang, out var token) && token is StringToken lang
            ? TextNormalisation.Line(lang.Data)
            : null;
}
