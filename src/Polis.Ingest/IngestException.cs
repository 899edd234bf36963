using System.Globalization;
using System.Text;

namespace Polis.Ingest;

/// <summary>
/// A file was refused. <see cref="Exception.Message"/> is an English sentence meant for the person who uploaded it
/// (the command line and logs); the properties say the same as data, so that a page can say it in the reader's language.
/// </summary>
public class IngestException(IngestFailure failure, string message) : Exception(message)
{
    public IngestFailure Failure { get; } = failure;
    /// <summary>The file's name as shown to people (no path, no control characters).</summary>
    public string FileName { get; protected init; } = "";
    /// <summary>The kind the file's name promises (Corrupt, ContentDoesNotMatchExtension).</summary>
    public FileKind? Kind { get; private init; }
    /// <summary>What the file really holds (ContentDoesNotMatchExtension): a <see cref="FoundContent"/> name.</summary>
    public FoundContent? Found { get; private init; }
    /// <summary>The extension refused (UnsupportedType), with its dot; empty when the name has none.</summary>
    public string? Extension { get; private init; }
    /// <summary>The limit in bytes that was exceeded (TooLarge).</summary>
    public long? LimitBytes { get; private init; }

    internal static IngestException TooLarge(string name, long limit) => new(IngestFailure.TooLarge,
        $"{name} is larger than the {FormatSize(limit)} limit; split it into smaller files or reduce its size and upload it again.")
    { FileName = name, LimitBytes = limit };

    internal static IngestException Empty(string name) => new(IngestFailure.Empty,
        $"{name} is empty; choose a file that has content and upload it again.")
    { FileName = name };

    internal static IngestException Corrupt(string name, FileKind kind) => new(IngestFailure.Corrupt,
        $"{name} is damaged or is not a valid {Describe(kind)}; open it, save a new copy and upload that.")
    { FileName = name, Kind = kind };

    internal static IngestException Encrypted(string name) => new(IngestFailure.Encrypted,
        $"{name} is encrypted; remove the password and upload it again.")
    { FileName = name };

    internal static IngestLimitException ZipBomb(string name, int ratio) => new(IngestFailure.ZipBomb,
        string.Create(CultureInfo.InvariantCulture, $"{name} would expand to far more data than a real document holds (a part over {ratio} times its packed size, the limit), so it was not opened; upload the original document instead."),
        nameof(IngestLimits.MaxCompressionRatio), ratio)
    { FileName = name };

    internal static IngestException MacroEnabled(string name) => new(IngestFailure.MacroEnabled,
        $"{name} is a Word document with macros, which are not accepted; save it in Word as a Word Document (.docx) without macros and upload that.")
    { FileName = name };

    internal static IngestLimitException Expands(string name, long limit, bool wholeFile) => new(IngestFailure.ZipBomb,
        $"{name} would expand to more than {FormatSize(limit)} {(wholeFile ? "in all" : "in one part")} (the limit), far more than a real document holds, so it was not read; upload the original document instead.",
        wholeFile ? nameof(IngestLimits.MaxUncompressedBytes) : nameof(IngestLimits.MaxStreamBytes), limit)
    { FileName = name };

    internal static IngestLimitException TooDeep(string name, int limit) => new(IngestFailure.TooDeeplyNested,
        string.Create(CultureInfo.InvariantCulture, $"{name} nests its elements more than {limit} levels deep (the limit), which no real document does, so it was not read; save it again from the program that made it and upload that."),
        nameof(IngestLimits.MaxNestingDepth), limit)
    { FileName = name };

    internal static IngestLimitException TooManyPages(string name, int pages, int limit) => new(IngestFailure.TooManyPages,
        string.Create(CultureInfo.InvariantCulture, $"{name} has {pages} pages, more than the limit of {limit}; split it into smaller files and upload them."),
        nameof(IngestLimits.MaxPages), limit)
    { FileName = name };

    internal static IngestLimitException TooSlow(string name, TimeSpan limit) => new(IngestFailure.TooSlow,
        string.Create(CultureInfo.InvariantCulture, $"{name} could not be read within {FormatSeconds(limit)} (the limit for one file), so it was not stored; save it again from the program that made it, or split it, and upload that."),
        nameof(IngestLimits.Timeout), (long)Math.Ceiling(limit.TotalSeconds))
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

    private static string FormatSeconds(TimeSpan time) => time.TotalSeconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.#} seconds")
        : string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:0} milliseconds");

    internal static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}

/// <summary>
/// A file was refused because reading it would exceed one of the <see cref="IngestLimits"/>: it expands too much,
/// nests too deeply, has too many pages or takes too long. The message names the file and the limit.
/// </summary>
public sealed class IngestLimitException(IngestFailure failure, string message, string limit, long value) : IngestException(failure, message)
{
    /// <summary>The name of the <see cref="IngestLimits"/> member that was exceeded, e.g. MaxNestingDepth.</summary>
    public string Limit { get; } = limit;

    /// <summary>That limit's value (bytes, levels, pages or seconds).</summary>
    public long Value { get; } = value;
}
