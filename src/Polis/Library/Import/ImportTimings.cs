using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Polis.Library.Import;

/// <summary>
/// Where an import's time goes, for profiling (bench/import, docs/performance.md): with the environment variable
/// POLIS_IMPORT_TIMINGS=1, `polis import` sums the time of each span and prints the sums on the error stream at its end.
/// Off, a span costs one branch.
/// </summary>
internal static class ImportTimings
{
    internal static readonly bool On = Environment.GetEnvironmentVariable("POLIS_IMPORT_TIMINGS") == "1";
    private static readonly ConcurrentDictionary<string, (long Ticks, int Count)> Sums = new(StringComparer.Ordinal);

    public static long Start() => On ? Stopwatch.GetTimestamp() : 0;

    public static void Stop(string span, long started)
    {
        if (!On) return;
        var ticks = Stopwatch.GetTimestamp() - started;
        Sums.AddOrUpdate(span, (ticks, 1), (_, s) => (s.Ticks + ticks, s.Count + 1));
    }

    /// <summary>Time since the process started.</summary>
    public static TimeSpan ProcessUp()
    {
        using var self = Process.GetCurrentProcess();
        return TimeProvider.System.GetUtcNow().UtcDateTime - self.StartTime.ToUniversalTime();
    }

    /// <summary>Records the time from the process's start until now as one span.</summary>
    public static void SinceProcessStart(string span)
    {
        if (!On) return;
        Sums.TryAdd(span, ((long)(ProcessUp().TotalSeconds * Stopwatch.Frequency), 1));
    }

    /// <summary>
    /// The sums, after one line with the load, the process's age, its own CPU time (not its children's: pdftotext's is
    /// not in it) and what the JIT compiled: on a loaded machine the CPU and JIT figures move much less than the spans.
    /// </summary>
    public static void Print(TextWriter to)
    {
        if (!On) return;
        using var self = Process.GetCurrentProcess();
        to.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"timings (load average {File.ReadAllText("/proc/loadavg").Trim()}; process up {ProcessUp().TotalMilliseconds:F0} ms, CPU {self.TotalProcessorTime.TotalMilliseconds:F0} ms; JIT compiled {System.Runtime.JitInfo.GetCompiledMethodCount()} methods in {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms):"));
        foreach (var (span, (ticks, count)) in Sums.OrderBy(s => s.Key, StringComparer.Ordinal))
            to.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {span,-28} {Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds,10:F1} ms  x{count}"));
    }
}
