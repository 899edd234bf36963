namespace Polis.Ingest;

/// <summary>
/// Why a file was refused; each value has its own user-facing message in <see cref="IngestException"/>.
/// </summary>
public enum IngestFailure
{
    TooLarge,
    Empty,
    Corrupt,
    Encrypted,
    ZipBomb,
    ContentDoesNotMatchExtension,
    UnsupportedType,
    TooDeeplyNested,
    TooManyPages,
    TooSlow,
    MacroEnabled,
}

/// <summary>What a file really holds when its content does not match its extension.</summary>
public enum FoundContent { Pdf, Zip, OldOffice, Image, Program, Archive, Binary, Text, Nothing, Workbook, Presentation }
