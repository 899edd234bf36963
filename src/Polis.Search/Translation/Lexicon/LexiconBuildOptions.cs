namespace Polis.Search;

/// <summary>Where <see cref="LexiconBuilder"/> reads the dictionaries and writes the lexicon.</summary>
/// <param name="OutputPath">The lexicon file to write (replaced atomically).</param>
public sealed record LexiconBuildOptions(string OutputPath)
{
    /// <summary>The folder of the FreeDict dictd files (packages dict-freedict-*).</summary>
    public string DictdFolder { get; init; } = "/usr/share/dictd";

    /// <summary>The Ding German–English dictionary (package trans-de-en).</summary>
    public string DingFile { get; init; } = "/usr/share/trans/de-en";

    /// <summary>
    /// Locale folders of software translation catalogs (<c>&lt;folder&gt;/&lt;lang&gt;/LC_MESSAGES/*.mo</c>, e.g.
    /// /usr/share/locale) whose short messages become the "Software" resource; none by default, so that a build
    /// depends on the dictionaries alone unless asked (`polis lexicon build` reads <see cref="DefaultCatalogs"/>).
    /// </summary>
    public IReadOnlyList<string> CatalogFolders { get; init; } = [];

    /// <summary>Where Debian installs the catalogs of the installed programs.</summary>
    public const string InstalledCatalogs = "/usr/share/locale";

    /// <summary>
    /// Where tools/fetch-catalogs.sh (run by tests/run.sh) unpacks the catalogs of about fifty well-translated desktop
    /// programs that need not be installed: without them a machine's software terms depend on which programs happen
    /// to be installed on it.
    /// </summary>
    public const string FetchedCatalogs = "/usr/local/share/polis/locale";

    /// <summary>
    /// The catalog folders of `polis lexicon build` and of the demo start's background build: the installed and the
    /// fetched catalogs (a folder that does not exist is skipped).
    /// </summary>
    public static IReadOnlyList<string> DefaultCatalogs { get; } = [InstalledCatalogs, FetchedCatalogs];

    /// <summary>
    /// How many packages must give a catalog term of several words before it is kept: one program's own menu phrase
    /// ("Add world clocks") would otherwise cover a whole query and take its words' own translations away.
    /// </summary>
    public int CatalogMinPackages { get; init; } = 2;

    /// <summary>How many packages must give a one-word catalog term (measured: one is best, docs/performance.md).</summary>
    public int CatalogMinPackagesOneWord { get; init; } = 1;

    /// <summary>
    /// In how many packages' longer catalog messages (3–20 words, the English side) a word pair must be aligned before it becomes a
    /// translation (CatalogAlignment; measured in docs/performance.md, seventh part); 0 reads no longer messages.
    /// </summary>
    public int CatalogAlignMinPackages { get; init; } = 2;

    /// <summary>The fewest English words of a message read for alignment (measured: 3; 2 and 4 within a few queries).</summary>
    public int CatalogAlignMinWords { get; init; } = SoftwareCatalogs.MinSentenceWords;

    /// <summary>Of the messages where both words of a pair occur, the share that must align them.</summary>
    public double CatalogAlignMinShare { get; init; } = 0.3;

    /// <summary>The weight of an aligned word's translation against a dictionary's (of the same strength).</summary>
    public double CatalogAlignWeight { get; init; } = LexiconTable.AlignedFactor;
}
