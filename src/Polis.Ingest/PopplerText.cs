using System.Diagnostics;
using System.Text;

namespace Polis.Ingest;

/// <summary>
/// A PDF's text read by poppler's <c>pdftotext</c> (Debian poppler-utils) in a process of its own, one per file (ADR 0010):
/// the PDF goes in on standard input (or by its file's name, when the caller has it on disk), UTF-8 text comes out on standard output, pages separated by form feeds. The
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

    /// <summary>
    /// The PDF a poppler tool reads: its bytes, and the file that holds them when there is one (<see cref="Path"/>), which
    /// the tool is then given by name instead of the bytes on its standard input (poppler caches standard input in
    /// chunks: pdftotext took about 45 % more CPU time reading it; issue 21, seventh pass).
    /// </summary>
    internal readonly record struct Source(ReadOnlyMemory<byte> Bytes, string? Path = null)
    {
        public static implicit operator Source(ReadOnlyMemory<byte> bytes) => new(bytes);

        public static implicit operator Source(byte[] bytes) => new(bytes);

        /// <summary>The input argument: the file's name, or "-" (standard input).</summary>
        public string Argument => Path ?? "-";
    }

    public static Result Run(string tool, Source pdf, long maxChars, CancellationToken cancellationToken) =>
        Run(tool, pdf, maxChars, [], cancellationToken);

    /// <summary>
    /// The text of the whole PDF, read by one pdftotext process, or by one per page range in <paramref name="parts"/> at
    /// once (each writes every page of its range ended by a form feed, so their outputs joined in order are the whole
    /// file's output, byte for byte: tested, and checked on the benchmark's 81 PDFs). The first part that fails makes the
    /// whole fail, as one process failing would; a part cut at the output cap ends the text there.
    /// </summary>
    public static Result Run(string tool, Source pdf, long maxChars, IReadOnlyList<(int First, int Last)> parts, CancellationToken cancellationToken)
    {
        // Reading order (no -layout: measured in ADR 0010), UTF-8, "\n" line ends, from the file or standard input to standard output.
        string[] Arguments(int part) => parts.Count == 0
            ? ["-enc", "UTF-8", "-eol", "unix", pdf.Argument, "-"]
            : ["-enc", "UTF-8", "-eol", "unix", "-f", Number(parts[part].First), "-l", Number(parts[part].Last), pdf.Argument, "-"];
        var runs = new Execution[Math.Max(1, parts.Count)];
        // Every part but the first on a thread of its own (each blocks on its process's pipes), the first on this one.
        var others = Enumerable.Range(1, runs.Length - 1).Select(i => Task.Factory.StartNew(() => runs[i] = Execute(tool, Arguments(i), pdf, maxChars, cancellationToken),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        try
        {
            runs[0] = Execute(tool, Arguments(0), pdf, maxChars, cancellationToken);
        }
        catch
        {
            // Cancelled (the time budget or the caller): the other parts are killed by the same token; none outlives this.
            foreach (var other in others) ((Task)other).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
            throw;
        }
        // A part's own exception (cancellation) comes out as it is, not wrapped.
        foreach (var other in others) other.GetAwaiter().GetResult();
        var text = new StringBuilder();
        foreach (var run in runs)
        {
            if (run.StartError is { } notStarted) return new Result(null, $"pdftotext could not be started: {notStarted}", false);
            if (!run.Truncated && run.ExitCode != 0)
            {
                var first = run.Error.Split('\n', 2)[0].Trim();
                return new Result(null, $"pdftotext exited with code {run.ExitCode}{(first.Length > 0 ? ": " + first : "")}", false);
            }
            text.Append(run.Output);
            if (run.Truncated || text.Length > maxChars)
            {
                if (text.Length > maxChars) text.Length = (int)maxChars;
                return new Result(Pages(text.ToString()), null, true);
            }
        }
        return new Result(Pages(text.ToString()), null, false);
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What pdfinfo says of a PDF: what PdfPig's opening of it was for (ADR 0010, issue 21 sixth pass).</summary>
    internal sealed record Info(int Pages, string? Title, string? Author, DateTimeOffset? Created, bool Encrypted);

    /// <summary>pdfinfo beside the given pdftotext (the same poppler-utils), or null when there is none.</summary>
    public static string? InfoBeside(string pdftotext) =>
        Path.GetDirectoryName(pdftotext) is { } folder && Path.Combine(folder, "pdfinfo") is var info && File.Exists(info) ? info : null;

    /// <summary>
    /// pdfinfo's page count, title, author, creation date and encryption flag, the PDF from its file or on standard input, under the same
    /// memory cap and time budget as pdftotext; null when it fails (a damaged or password-protected file: the caller lets
    /// PdfPig decide, so the refusals stay PdfPig's).
    /// </summary>
    public static Info? ReadInfo(string tool, Source pdf, CancellationToken cancellationToken)
    {
        var run = Execute(tool, ["-enc", "UTF-8", "-isodates", pdf.Argument], pdf, 64 * 1024, cancellationToken);
        if (run.StartError is not null || run.Truncated || run.ExitCode != 0) return null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in run.Output.Split('\n'))
            if (line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && !fields.ContainsKey(line[..colon]))
                fields[line[..colon]] = line[(colon + 1)..].Trim();
        if (!fields.TryGetValue("Pages", out var pages) || !int.TryParse(pages, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count))
            return null;
        DateTimeOffset? created = fields.TryGetValue("CreationDate", out var date)
            && DateTimeOffset.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        return new Info(count, fields.GetValueOrDefault("Title"), fields.GetValueOrDefault("Author"), created,
            fields.TryGetValue("Encrypted", out var encrypted) && encrypted.StartsWith("yes", StringComparison.Ordinal));
    }

    private sealed record Execution(string Output, string Error, bool Truncated, int ExitCode, string? StartError);

    // One poppler tool over the PDF (by its file's name, or on standard input): its output (at most maxChars), its error output, its exit code.
    private static Execution Execute(string tool, string[] arguments, Source pdf, long maxChars, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Prlimit ?? tool)
        {
            RedirectStandardInput = pdf.Path is null,
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
        foreach (var a in arguments) start.ArgumentList.Add(a);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new Execution("", "", false, -1, e.Message);
        }
        using var kill = cancellationToken.Register(() => Kill(process));
        // pdftotext reads all its input before it writes: the input goes in on its own thread, so no pipe can fill up.
        // Both helpers block on pipes, so they get threads of their own (LongRunning), never the thread pool's: an import's
        // workers or a busy server must not wait for the pool to grow before pdftotext gets its input.
        var feed = pdf.Path is not null ? Task.CompletedTask : Task.Factory.StartNew(() =>
        {
            try
            {
                using var input = process.StandardInput.BaseStream;
                input.Write(pdf.Bytes.Span);
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
        cancellationToken.ThrowIfCancellationRequested();
        return new Execution(text, error.Trim(), truncated, truncated ? 0 : process.ExitCode, null);
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
