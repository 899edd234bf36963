using System.Diagnostics;

namespace Polis.Tests.Fixtures;

/// <summary>
/// The checkers nobody on the team wrote (../shared/validators): each script takes a file or a loopback URL and
/// exits 0 when it passes. A test that passes our own parser but fails theirs is a failing test.
/// </summary>
public static class Validators
{
    private static readonly Lazy<string?> Located = new(Locate);

    /// <summary>The validators folder; the test fails, saying how to get it, when it is missing.</summary>
    public static string Folder => Located.Value is { } folder && File.Exists(Path.Combine(folder, "bin", "selftest.sh"))
        ? folder
        : throw new Xunit.Sdk.XunitException(
            $"The shared validators were not found (looked at '{Located.Value ?? "(no repository root above " + AppContext.BaseDirectory + ")"}'). " +
            "Set POLIS_VALIDATORS to the shared validators folder, or run tests/run.sh, which sets it and runs the validators' setup.sh.");

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("POLIS_VALIDATORS") is { Length: > 0 } configured) return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Polis.slnx")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "validators"));
        return null;
    }

    /// <summary>Runs bin/{script} with one argument; returns the exit code and everything it printed.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string script, string argument, TimeSpan? timeout = null) =>
        RunAsync(script, [argument], timeout);

    /// <summary>Runs bin/{script} with its arguments (a URL, then the tool's own options), and environment variables for it.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, IReadOnlyList<string> arguments, TimeSpan? timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Folder, "bin", script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var argument0 = string.Join(' ', arguments);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{script} {argument0} did not finish in time");
        }
        var summary = (await output).Trim();
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        return (process.ExitCode, summary + "\n" + (await error).Trim());
    }

    /// <summary>
    /// Validates one document by writing it to a temporary file for the script. A failure names <paramref name="label"/>
    /// when given (a page's address), else shows the whole document.
    /// </summary>
    public static async Task AssertValidAsync(string script, string content, string extension, string? label = null)
    {
        var file = Path.Combine(Path.GetTempPath(), "polis-validate-" + Guid.NewGuid().ToString("N")[..10] + extension);
        await File.WriteAllTextAsync(file, content, TestContext.Current.CancellationToken);
        try
        {
            var (exit, output) = await RunAsync(script, file);
            Assert.True(exit == 0, label is null ? $"{script} failed (exit {exit}):\n{output}\n--- document ---\n{content}" : $"{label}: {script} failed (exit {exit}):\n{output}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
