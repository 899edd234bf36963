using System.Globalization;
using Polis.Ingest;
using Polis.Library.Pages;

namespace Polis.Library;

/// <summary>Why a file was refused, in the reader's language (the extractor's own message is English, for the command line).</summary>
internal static class IngestMessages
{
    public static string Say(IngestException e) => e.Failure switch
    {
        IngestFailure.TooLarge when e.Limit is { } limit => Format(Text.IngestTooLarge, e.FileName, LibraryText.Size(limit)),
        IngestFailure.Empty => Format(Text.IngestEmpty, e.FileName),
        IngestFailure.Corrupt when e.Kind is { } kind => Format(Text.IngestCorrupt, e.FileName, KindName(kind)),
        IngestFailure.Encrypted => Format(Text.IngestEncrypted, e.FileName),
        IngestFailure.ZipBomb => Format(Text.IngestZipBomb, e.FileName),
        IngestFailure.ContentDoesNotMatchExtension when e.Kind is { } kind && e.Found is { } found =>
            Format(Text.IngestMismatch, e.FileName, NamedAs(kind), FoundName(found)),
        IngestFailure.UnsupportedType when e.Extension is { Length: 0 } => Format(Text.IngestNoExtension, e.FileName),
        IngestFailure.UnsupportedType when string.Equals(e.Extension, ".doc", StringComparison.OrdinalIgnoreCase) => Format(Text.IngestOldWord, e.FileName),
        IngestFailure.UnsupportedType => Format(Text.IngestUnsupported, e.FileName, e.Extension ?? ""),
        _ => e.Message,
    };

    private static string KindName(FileKind kind) => kind switch
    {
        FileKind.Pdf => Text.FormatPdf,
        FileKind.Docx => Text.FormatDocx,
        FileKind.Html => Text.FormatHtml,
        FileKind.PlainText => Text.FormatPlainText,
        FileKind.Markdown => Text.FormatMarkdown,
    };

    private static string NamedAs(FileKind kind) => kind switch
    {
        FileKind.Pdf => Text.NamedPdf,
        FileKind.Docx => Text.NamedDocx,
        FileKind.Html => Text.NamedHtml,
        FileKind.PlainText => Text.NamedPlainText,
        FileKind.Markdown => Text.NamedMarkdown,
    };

    private static string FoundName(FoundContent found) => found switch
    {
        FoundContent.Pdf => Text.FoundPdf,
        FoundContent.Zip => Text.FoundZip,
        FoundContent.OldOffice => Text.FoundOldOffice,
        FoundContent.Image => Text.FoundImage,
        FoundContent.Program => Text.FoundProgram,
        FoundContent.Archive => Text.FoundArchive,
        FoundContent.Binary => Text.FoundBinary,
        FoundContent.Text => Text.FoundText,
        FoundContent.Nothing => Text.FoundNothing,
        FoundContent.Workbook => Text.FoundWorkbook,
        FoundContent.Presentation => Text.FoundPresentation,
    };

    private static string Format(string template, params object[] values) => string.Format(CultureInfo.CurrentCulture, template, values);
}
