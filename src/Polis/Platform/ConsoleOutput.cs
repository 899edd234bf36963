using System.Globalization;
using Spectre.Console;

namespace Polis.Platform;

/// <summary>How commands talk to a terminal: progress bars for a person, plain lines for logs, pipes and tests.</summary>
public static class ConsoleOutput
{
    /// <summary>A progress bar for a person at a terminal; plain lines for logs, pipes and tests.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>"1 file", "3 files".</summary>
    public static string Count(long n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");
}
