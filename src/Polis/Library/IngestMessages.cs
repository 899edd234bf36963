using System.Globalization;
using Polis.Ingest;
using Polis.Library.Pages;

namespace Polis.Library;

/// <summary>Why a file was refused, in the reader's language (the extractor's own message is English, for the command line).</summary>
internal static class IngestMessages
{
    public static string Say(IngestException e) => e switch
    {
        // A file beyond an extraction budget: the extractor's message names the budget precisely (English); other
        // languages say the same in general words.
        IngestLimitException when CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" => e.Message,
        IngestLimitException => Format(Text.IngestOverBudget, e.FileName),
        _ => ByFailure(e),
    };

    private static string ByFailure(IngestException e) => e.Failure switch
    {
        IngestFailure.MacroEnabled => Format(Text.IngestMacros, e.FileName),
        IngestFailure.TooLarge when e.LimitBytes is { } limit => Format(Text.IngestTooLarge, e.FileName, LibraryText.Size(limit)),
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
        FileKind.Pdf => "PDF",
        FileKind.Docx => Text.LibraryFormatWord,
        FileKind.Html => Text.LibraryFormatHtml,
        FileKind.PlainText => Text.LibraryFormatText,
        FileKind.Markdown => "Markdown",
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
