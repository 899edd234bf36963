using System.Globalization;
using System.Text;

namespace Polis.Ingest;

/// <summary>
/// A file was refused. <see cref="Exception.Message"/> is an English sentence meant for the person who uploaded it.
/// </summary>
public sealed class IngestException(IngestFailure failure, string message) : Exception(message)
{
    public IngestFailure Failure { get; } = failure;

    internal static IngestException TooLarge(string name, long limit) => new(IngestFailure.TooLarge,
        $"{name} is larger than the {FormatSize(limit)} limit; split it into smaller files or reduce its size and upload it again.");

    internal static IngestException Empty(string name) => new(IngestFailure.Empty,
        $"{name} is empty; choose a file that has content and upload it again.");

    internal static IngestException Corrupt(string name, FileKind kind) => new(IngestFailure.Corrupt,
        $"{name} is damaged or is not a valid {Describe(kind)}; open it, save a new copy and upload that.");

    internal static IngestException Encrypted(string name) => new(IngestFailure.Encrypted,
        $"{name} is encrypted; remove the password and upload it again.");

    internal static IngestException ZipBomb(string name) => new(IngestFailure.ZipBomb,
        $"{name} would expand to far more data than a real document holds, so it was not opened; upload the original document instead.");

    internal static IngestException Mismatch(string name, FileKind kind, string actually) => new(IngestFailure.ContentDoesNotMatchExtension,
        $"{name} is named as {Article(Describe(kind))} but contains {actually}; check that you chose the right file, or give it the right extension.");

    internal static IngestException Unsupported(string name, string extension) => new(IngestFailure.UnsupportedType,
        (extension.Length == 0 ? $"{name} has no file extension" : $"{name} is a type of file ({extension}) that cannot be added")
        + (extension.Equals(".doc", StringComparison.OrdinalIgnoreCase) ? "; open it in Word, save it as .docx and upload that." : $"; upload a {Accepted}."));

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
