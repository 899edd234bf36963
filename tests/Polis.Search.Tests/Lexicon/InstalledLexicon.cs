namespace Polis.Search.Tests;

// The lexicon built once from the dictionaries installed on this machine (tests/run.sh installs the
// dict-freedict-* and trans-de-en packages), shared by the test classes of the "Installed lexicon" collection and
// deleted afterwards.
public sealed class InstalledLexicon : IDisposable
{
    private readonly TempFolder folder = new();

    public InstalledLexicon()
    {
        var options = new LexiconBuildOptions(folder.File(Lexicon.FileName));
        if (!File.Exists(options.DingFile) || !File.Exists(System.IO.Path.Combine(options.DictdFolder, "freedict-eng-rus.index")))
        {
            throw new InvalidOperationException(
                $"These tests need the dictionaries of tests/run.sh: apt-get install trans-de-en dict-freedict-eng-rus … (see {nameof(LexiconBuilder)}.{nameof(LexiconBuilder.KnownDictd)}).");
        }
        Info = LexiconBuilder.Build(options, null, TestContext.Current.CancellationToken);
        Path = options.OutputPath;
        Lexicon = Lexicon.Open(Path);
    }

    public string Path { get; }

    public LexiconInfo Info { get; }

    public Lexicon Lexicon { get; }

    public void Dispose() => folder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class InstalledLexiconTests : ICollectionFixture<InstalledLexicon>
{
    public const string Name = "Installed lexicon";
}
