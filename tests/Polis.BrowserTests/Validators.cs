using System.Diagnostics;

namespace Polis.BrowserTests;

/// <summary>
/// The shared validators (tools nobody on the team wrote) in the folder named by POLIS_VALIDATORS. Each script
/// prints one summary line on stdout, details on stderr, and exits 0 when the input passes.
/// </summary>
public static class Validators
{
    public const string Variable = "POLIS_VALIDATORS";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>The validators folder; fails the test (never skips it) with set-up instructions when it is missing.</summary>
    public static string Folder()
    {
        var folder = Environment.GetEnvironmentVariable(Variable);
        const string howTo =
            "Set it to the shared validators folder, e.g. 'export POLIS_VALIDATORS=/work/shared/validators' " +
            "(tests/run.sh sets it to ../shared/validators), and set the folder up once with " +
            "'$POLIS_VALIDATORS/setup.sh' (see its README.md).";
        if (string.IsNullOrWhiteSpace(folder))
            Assert.Fail($"{Variable} is not set, so the shared validators cannot run. {howTo}");
        if (!File.Exists(Path.Combine(folder, "bin", "check-a11y.sh")))
            Assert.Fail($"{Variable}={folder} does not hold the shared validators (no bin/check-a11y.sh). {howTo}");
        return folder;
    }

    /// <summary>Runs bin/<paramref name="script"/> on a URL; the summary line goes to the test output.</summary>
    public static async Task<ValidatorRun> RunAsync(string script, string url)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Folder(), "bin", script));
        start.ArgumentList.Add(url);
        using var process = Process.Start(start)!;
        var token = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(token);
        var stderr = process.StandardError.ReadToEndAsync(token);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(token))
        {
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{script} {url} did not finish within {Timeout.TotalMinutes:0} minutes.");
            }
        }
        var run = new ValidatorRun(script, url, process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
        TestContext.Current.TestOutputHelper?.WriteLine($"{script}: {run.Summary}");
        return run;
    }

    /// <summary>Runs every script on the URL at the same time and fails with the summary line and stderr of each one that did not pass.</summary>
    public static async Task AssertPassAsync(string url, params string[] scripts)
    {
        var runs = await Task.WhenAll(scripts.Select(s => RunAsync(s, url)));
        var failed = runs.Where(r => !r.Passed).ToList();
        Assert.True(failed.Count == 0, string.Join("\n\n", failed));
    }
}

/// <summary>One validator run: exit code 0 is a pass; the summary line is stdout, the details stderr.</summary>
public sealed record ValidatorRun(string Script, string Url, int ExitCode, string Summary, string Details)
{
    public bool Passed => ExitCode == 0;

    public override string ToString() => $"{Script} {Url} exited with {ExitCode}:\n{Summary}\n--- stderr ---\n{Details}";
}
