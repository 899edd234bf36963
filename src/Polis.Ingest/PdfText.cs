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

    // onDisk: the same bytes in a file, for poppler to read from there (cheaper than its standard input); or null.
    public static ExtractedFile Extract(ReadOnlyMemory<byte> bytes, string name, IngestLimits limits, CancellationToken cancellationToken, string? onDisk = null)
    {
        var filters = new PdfFilters(name, limits, cancellationToken);
        PopplerText.Result? poppler = null;
        if (limits.PdfToText is { } tool)
        {
            // poppler decodes the streams itself: a stream long enough to break the part limit is inflated into a counter
            // first (the same refusal as PdfPig's reading gives); poppler runs within a memory cap.
            filters.MeasureLongStreams(bytes);
            // pdfinfo (same package) answers what PdfPig's opening was for — page count, title, author, date, encryption —
            // at a small fraction of its cost: PdfPig's opening was 60 % of the extraction's own CPU time beside pdftotext
            // (issue 21, sixth pass). Anything unusual (pdfinfo fails, an encrypted file, no text) goes to PdfPig below,
            // so the refusals stay exactly PdfPig's.
            if (PopplerText.InfoBeside(tool) is { } pdfinfo && PopplerText.ReadInfo(pdfinfo, new PopplerText.Source(bytes, onDisk), cancellationToken) is { Encrypted: false } info)
            {
                if (info.Pages > limits.MaxPages) throw IngestException.TooManyPages(name, info.Pages, limits.MaxPages);
                poppler = PopplerText.Run(tool, new PopplerText.Source(bytes, onDisk), 2L * limits.MaxTextChars, PartsOf(info.Pages, limits), cancellationToken);
                if (poppler.Text is { } read && TextNormalisation.Normalise(read, limits.MaxTextChars, cancellationToken) is var normal
                    && TextNormalisation.HasLetters(normal))
                {
                    return new ExtractedFile(FileKind.Pdf, "application/pdf", normal, TextNormalisation.Line(info.Title), TextNormalisation.Line(info.Author),
                        CatalogLanguage(bytes.Span), info.Created, info.Pages, HasText: true)
                    { Extractor = PdfExtractors.Poppler };
                }
            }
        }
        PdfDocument document;
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
            if (limits.PdfToText is { } tool2)
            {
                poppler ??= PopplerText.Run(tool2, new PopplerText.Source(bytes, onDisk), 2L * limits.MaxTextChars, PartsOf(document.NumberOfPages, limits), cancellationToken);
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

    /// <summary>The page ranges pdftotext reads at once: one per <see cref="IngestLimits.PdfPagesPerPart"/> pages, at most <see cref="IngestLimits.PdfParts"/>.</summary>
    internal static IReadOnlyList<(int First, int Last)> PartsOf(int pages, IngestLimits limits)
    {
        var parts = Math.Clamp((pages + Math.Max(1, limits.PdfPagesPerPart) - 1) / Math.Max(1, limits.PdfPagesPerPart), 1, Math.Max(1, limits.PdfParts));
        if (parts == 1) return [];
        return [.. Enumerable.Range(0, parts).Select(i => (i * pages / parts + 1, (i + 1) * pages / parts))];
    }

    /// <summary>
    /// The catalog's /Lang read from the file's bytes, when the catalog is a plain object (not packed in an object stream,
    /// where only PdfPig's opening would find it; then null). Nothing in Polis uses a PDF's language (an edition's
    /// language is given); Polis.Ingest reports it.
    /// </summary>
    private static string? CatalogLanguage(ReadOnlySpan<byte> pdf)
    {
        foreach (var type in (ReadOnlySpan<string>)["/Type /Catalog", "/Type/Catalog"])
        {
            var at = pdf.IndexOf(Encoding.ASCII.GetBytes(type));
            if (at < 0) continue;
            var begin = pdf[..at].LastIndexOf("obj"u8);
            var end = pdf[at..].IndexOf("endobj"u8);
            if (begin < 0 || end < 0) return null;
            var catalog = pdf[begin..(at + end)];
            var lang = catalog.IndexOf("/Lang"u8);
            if (lang < 0) return null;
            var rest = catalog[(lang + 5)..].TrimStart(" \r\n\t"u8);
            if (rest.Length == 0 || rest[0] != (byte)'(' || rest.IndexOf((byte)')') is not (var close and > 0)) return null;
            return TextNormalisation.Line(Encoding.Latin1.GetString(rest[1..close]));
        }
        return null;
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
