using Polis.Search;

[assembly: AssemblyFixture(typeof(Polis.Tests.Fixtures.SharedLexicon))]

namespace Polis.Tests.Fixtures;

/// <summary>
/// The dictionary lexicon built once per test run from the dictionaries tests/run.sh installs (FreeDict, Ding), on
/// first use only, into a temp folder deleted at the end.
/// </summary>
public sealed class SharedLexicon : IAsyncLifetime
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "polis-lexicon-" + Guid.NewGuid().ToString("N")[..8]);
    private static readonly Lazy<Task<string>> Built = new(() => Task.Run(() =>
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, Lexicon.FileName);
        LexiconBuilder.Build(new LexiconBuildOptions(path), null, CancellationToken.None);
        return path;
    }));

    public static Task<string> PathAsync() => Built.Value;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        try { if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
