namespace Polis.Tests.Fixtures;

/// <summary>The repository the tests were built from (the folder holding Polis.slnx).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Polis.slnx"))) return dir.FullName;
        throw new InvalidOperationException("no Polis.slnx above " + AppContext.BaseDirectory);
    }
}
