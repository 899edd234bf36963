using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Polis.Benchmarks;

// What both benchmark programs print and record: the machine a run was measured on, and timestamped log lines.
// Linked into each benchmark project (bench/Shared), not a library of its own.
internal static class BenchConsole
{
    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9;
        return string.Create(CultureInfo.InvariantCulture,
            $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {memory:F0} GB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
    }

    public static void Log(FormattableString message) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Stopwatch.GetTimestamp() / Stopwatch.Frequency}] ") + message.ToString(CultureInfo.InvariantCulture));
}
