namespace Polis.Search;

/// <summary>Where <see cref="LexiconBuilder"/> reads the dictionaries and writes the lexicon.</summary>
/// <param name="OutputPath">The lexicon file to write (replaced atomically).</param>
public sealed record LexiconBuildOptions(string OutputPath)
{
    /// <summary>The folder of the FreeDict dictd files (packages dict-freedict-*).</summary>
    public string DictdFolder { get; init; } = "/usr/share/dictd";

    /// <summary>The Ding German–English dictionary (package trans-de-en).</summary>
    public string DingFile { get; init; } = "/usr/share/trans/de-en";
}
