using System.Globalization;
using System.Text;

namespace Polis.Ingest;

/// <summary>
/// A file was refused. <see cref="Exception.Message"/> is an English sentence meant for the person who uploaded it
/// (the command line and logs); the properties say the same as data, so that a page can say it in the reader's language.
/// </summary>
public sealed class IngestException(IngestFailure failure, string message) : Exception(message)
{
    public IngestFailure Failure { get; } = failure;
    /// <summary>The file's name as shown to people (no path, no control characters).</summary>
    public string FileName { get; private init; } = "";
    /// <summary>The kind the file's name promises (Corrupt, ContentDoesNotMatchExtension).</summary>
    public FileKind? Kind { get; private init; }
    /// <summary>What the file really holds (ContentDoesNotMatchExtension): a <see cref="FoundContent"/> name.</summary>
    public FoundContent? Found { get; private init; }
    /// <summary>The extension refused (UnsupportedType), with its dot; empty when the name has none.</summary>
    public string? Extension { get; private init; }
    /// <summary>The limit in bytes that was exceeded (TooLarge).</summary>
    public long? Limit { get; private init; }

    internal static IngestException TooLarge(string name, long limit) => new(IngestFailure.TooLarge,
        $"{name} is larger than the {FormatSize(limit)} limit; split it into smaller files or reduce its size and upload it again.")
    { FileName = name, Limit = limit };

    internal static IngestException Empty(string name) => new(IngestFailure.Empty,
        $"{name} is empty; choose a file that has content and upload it again.")
    { FileName = name };

    internal static IngestException Corrupt(string name, FileKind kind) => new(IngestFailure.Corrupt,
        $"{name} is damaged or is not a valid {Describe(kind)}; open it, save a new copy and upload that.")
    { FileName = name, Kind = kind };

    internal static IngestException Encrypted(string name) => new(IngestFailure.Encrypted,
        $"{name} is encrypted; remove the password and upload it again.")
    { FileName = name };

    internal static IngestException ZipBomb(string name) => new(IngestFailure.ZipBomb,
        $"{name} would expand to far more data than a real document holds, so it was not opened; upload the original document instead.")
    { FileName = name };

    internal static IngestException Mismatch(string name, FileKind kind, FoundContent found) => new(IngestFailure.ContentDoesNotMatchExtension,
        $"{name} is named as {Article(Describe(kind))} but contains {Describe(found)}; check that you chose the right file, or give it the right extension.")
    { FileName = name, Kind = kind, Found = found };

    internal static IngestException Unsupported(string name, string extension) => new(IngestFailure.UnsupportedType,
        (extension.Length == 0 ? $"{name} has no file extension" : $"{name} is a type of file ({extension}) that cannot be added")
        + (extension.Equals(".doc", StringComparison.OrdinalIgnoreCase) ? "; open it in Word, save it as .docx and upload that." : $"; upload a {Accepted}."))
    { FileName = name, Extension = extension };

    internal static string Describe(FoundContent found) => found switch
    {
        FoundContent.Pdf => "a PDF document",
        FoundContent.Zip => "a ZIP archive",
        FoundContent.OldOffice => "an old-format Microsoft Office file",
        FoundContent.Image => "an image",
        FoundContent.Program => "a program",
        FoundContent.Archive => "a compressed archive",
        FoundContent.Binary => "binary data",
        FoundContent.Text => "plain text",
        FoundContent.Nothing => "nothing",
        FoundContent.Workbook => "an Excel workbook",
        FoundContent.Presentation => "a PowerPoint presentation",
    };

    internal const string Accepted = "PDF, Word (.docx), HTML, Markdown or plain-text file";

    internal static string Describe(FileKind kind) => kind switch
    {
        FileKind.Pdf => "PDF document",
        FileKind.Docx => "Word document",
        FileKind.Html => "web page",
        FileKind.PlainText => "text file",
        FileKind.Markdown => "Markdown file",
    };

    private static string Article(string noun) => noun[0] is 'A' or 'E' or 'I' or 'O' or 'U' ? "an " + noun : "a " + noun;

    // The name is shown to people, so path parts and control characters (a crafted name can carry newlines) go.
    internal static string DisplayName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var clean = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (!char.IsControl(c)) clean.Append(c);
        }
        var trimmed = clean.ToString().Trim();
        return trimmed.Length == 0 ? "The file" : trimmed;
    }

    private static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
