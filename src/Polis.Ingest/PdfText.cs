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
        try
        {
            document = PdfDocument.Open(bytes, new ParsingOptions
            {
                SkipMissingFonts = true,
                FilterProvider = new PdfFilters(name, limits, cancellationToken),
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
            var raw = new StringBuilder();
            foreach (var page in document.GetPages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                raw.Append(ContentOrderTextExtractor.GetText(page, Layout)).Append("\n\n");
                // Whitespace collapses later, so twice the limit is enough to fill it.
                if (raw.Length > 2L * limits.MaxTextChars) break;
            }
            var text = TextNormalisation.Normalise(raw.ToString(), limits.MaxTextChars, cancellationToken);
            var hasText = TextNormalisation.HasLetters(text);
            var info = document.Information;
            return new ExtractedFile(
                FileKind.Pdf, "application/pdf", hasText ? text : "",
                TextNormalisation.Line(info.Title), TextNormalisation.Line(info.Author), Language(document),
                info.GetCreatedDateTimeOffset(), document.NumberOfPages, hasText);
        }
    }

    private static string? Language(PdfDocument document) =>
        document.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Lang, out var token) && token is StringToken lang
            ? TextNormalisation.Line(lang.Data)
            : null;
}
