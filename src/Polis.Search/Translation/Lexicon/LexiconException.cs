namespace Polis.Search;

/// <summary>
/// A lexicon cannot be built or opened: no dictionary installed, file missing, not a lexicon, another format version,
/// truncated or corrupt. The message names the file and says what to do.
/// </summary>
public sealed class LexiconException : Exception
{
    public LexiconException()
    {
    }

    public LexiconException(string message)
        : base(message)
    {
    }

    public LexiconException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LexiconException(string message, string? filePath, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The file concerned, when there is one.</summary>
    public string? FilePath { get; }
}
