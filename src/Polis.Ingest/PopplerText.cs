using System.Diagnostics;
using System.Text;

namespace Polis.Ingest;

/// <summary>
/// A PDF's text read by poppler's <c>pdftotext</c> (Debian poppler-utils) in a process of its own, one per file (ADR 0010):
/// the PDF goes in on standard input, UTF-8 text comes out on standard output, pages separated by form feeds. The
/// process gets an argument list (no shell), a memory cap (<c>prlimit --as</c>, when util-linux is there), the caller's
/// time budget (it is killed when the token fires) and an output cap (it is killed once it has written more than the
/// text limit can use); its error output is kept, bounded, as the reason when it fails.
/// </summary>
internal static class PopplerText
{
    /// <summary>pdftotext on the PATH, or null when poppler-utils is not installed.</summary>
    public static readonly string? OnPath = Find("pdftotext");

    private static readonly string? Prlimit = Find("prlimit");

    /// <summary>The address space pdftotext may use: far more than any real PDF needs, far less than the machine has.</summary>
    internal const long MemoryCap = 2L * 1024 * 1024 * 1024;

    private const int MaxErrorChars = 2000;

    /// <summary>What pdftotext gave: the text (pages separated by a blank line), or null with the reason it failed.</summary>
    internal sealed record Result(string? Text, string? Error, bool Truncated);

    public static Result Run(string tool, ReadOnlyMemory<byte> pdf, long maxChars, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Prlimit ?? tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false),
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (Prlimit is not null)
        {
            start.ArgumentList.Add("--as=" + MemoryCap.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(tool);
        }
        // Reading order (no -layout: measured in ADR 0010), UTF-8, "\n" line ends, from standard input to standard output.
        foreach (var a in new[] { "-enc", "UTF-8", "-eol", "unix", "-", "-" }) start.ArgumentList.Add(a);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new Result(null, $"pdftotext could not be started: {e.Message}", false);
        }
        using var kill = cancellationToken.Register(() => Kill(process));
        // pdftotext reads all its input before it writes: the input goes in on its own thread, so no pipe can fill up.
        // Both helpers block on pipes, so they get threads of their own (LongRunning), never the thread pool's: an import's
        // workers or a busy server must not wait for the pool to grow before pdftotext gets its input.
        var feed = Task.Factory.StartNew(() =>
        {
            try
            {
                using var input = process.StandardInput.BaseStream;
                input.Write(pdf.Span);
            }
            catch (IOException)
            {
                // It stopped reading (it failed or was killed): its exit code and error output say why.
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var error = "";
        var errors = Task.Factory.StartNew(() => error = ReadBounded(process.StandardError, MaxErrorChars, out _, drain: true),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var text = ReadBounded(process.StandardOutput, maxChars, out var truncated);
        if (truncated) Kill(process);
        process.WaitForExit();
        feed.Wait(CancellationToken.None);
        errors.Wait(CancellationToken.None);
        error = error.Trim();
        cancellationToken.ThrowIfCancellationRequested();
        if (truncated) return new Result(Pages(text), null, true);
        if (process.ExitCode != 0)
        {
            var first = error.Split('\n', 2)[0].Trim();
            return new Result(null, $"pdftotext exited with code {process.ExitCode}{(first.Length > 0 ? ": " + first : "")}", false);
        }
        return new Result(Pages(text), null, false);
    }

    // pdftotext ends each page with a form feed: a page break is a paragraph break.
    private static string Pages(string text) => text.Replace("\f", "\n\n", StringComparison.Ordinal);

    // At most max characters; the rest is left unread (the caller kills the writer) and reported as truncated, or with
    // drain read and dropped (error output: the writer must never block on a full pipe).
    private static string ReadBounded(StreamReader reader, long max, out bool truncated, bool drain = false)
    {
        var text = new StringBuilder();
        var buffer = new char[16384];
        int read;
        while ((read = reader.Read(buffer)) > 0)
        {
            if (text.Length + read > max)
            {
                text.Append(buffer, 0, (int)(max - text.Length));
                truncated = true;
                if (!drain) return text.ToString();
                while (reader.Read(buffer) > 0)
                {
                }
                return text.ToString();
            }
            text.Append(buffer, 0, read);
        }
        truncated = false;
        return text.ToString();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    internal static string? Find(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
