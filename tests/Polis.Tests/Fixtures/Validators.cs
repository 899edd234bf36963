using System.Diagnostics;

namespace Polis.Tests.Fixtures;

/// <summary>
/// The checkers nobody on the team wrote (../shared/validators): each script takes a file or a loopback URL and
/// exits 0 when it passes. A test that passes our own parser but fails theirs is a failing test.
/// </summary>
public static class Validators
{
    public sealed record Result(int ExitCode, string Summary, string Details);

    public static string Folder
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("POLIS_VALIDATORS");
            if (!string.IsNullOrEmpty(configured) && Directory.Exists(configured)) return configured;
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Polis.slnx"))) dir = dir.Parent;
            var beside = dir is null ? null : Path.Combine(dir.FullName, "..", "shared", "validators");
            return beside is not null && Directory.Exists(Path.Combine(beside, "node_modules")) ? Path.GetFullPath(beside)
                : throw new InvalidOperationException(
                    "The shared validators are not set up: run tests/run.sh (it installs them), or set POLIS_VALIDATORS to a folder where shared/validators/setup.sh has run.");
        }
    }

    public static async Task<Result> RunAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Folder, "bin", script));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, (await output).Trim(), await error);
    }

    /// <summary>Writes content to a temp file with the extension given, validates it, deletes it.</summary>
    public static async Task<Result> ValidateContentAsync(string script, string content, string extension)
    {
        var file = Path.Combine(Path.GetTempPath(), "polis-validate-" + Guid.NewGuid().ToString("N") + extension);
        await File.WriteAllTextAsync(file, content);
        try { return await RunAsync(script, file); }
        finally { File.Delete(file); }
    }
}
