using System.Diagnostics;

namespace Polis.Tests.Fixtures;

/// <summary>Runs the real `polis` command line (Polis.Web.dll next to the tests) in a process of its own.</summary>
public static class PolisCli
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Task<Result> RunAsync(IDictionary<string, string> environment, string? stdin, params string[] args) =>
        RunInAsync(environment, stdin, AppContext.BaseDirectory, args);

    /// <summary>As <see cref="RunAsync"/>, started from <paramref name="workingDirectory"/> (as a service manager may).</summary>
    public static async Task<Result> RunInAsync(IDictionary<string, string> environment, string? stdin, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Polis.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.WorkingDirectory = workingDirectory;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        if (stdin is not null) await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
