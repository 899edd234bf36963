namespace Polis.Ingest;

/// <summary>
/// The kinds of file the library accepts.
/// </summary>
public enum FileKind
{
    Pdf,
    Docx,
    Html,
    PlainText,
    Markdown,
}
