namespace Polis.BrowserTests;

/// <summary>Paths in the source tree, found from the test output folder.</summary>
public static class Repository
{
    /// <summary>The folder holding Polis.slnx, found by walking up from the test output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>src/Polis.Web: the content root Polis serves wwwroot/dist from.</summary>
    public static string WebProject => Path.Combine(Root, "src", "Polis.Web");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Polis.slnx")))
                return dir.FullName;
        throw new InvalidOperationException($"No folder holding Polis.slnx above {AppContext.BaseDirectory}.");
    }
}
