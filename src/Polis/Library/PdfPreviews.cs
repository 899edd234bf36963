using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Polis.Library;

/// <summary>
/// A picture of a PDF's first page, made once with <c>pdftoppm</c> from Debian's poppler-utils (installed by
/// tests/run.sh and the deployment's set-up): when the PDF is uploaded through the editor, and on its first view
/// (<see cref="EnsureAsync"/>) for a PDF that an import stored (issue 21, seventh pass: the picture was 8–15 % of an
/// import's worker time, for pages nobody may ever open). Polis works without it: a PDF then has no preview, the
/// upload succeeds as before, and the log says once that previews are off.
/// <para>
/// Bounded: page 1 only, scaled to at most <see cref="LongestSide"/> pixels on the longer side, a time limit of
/// <see cref="TimeLimit"/> (the process is killed past it), and a PNG over <see cref="MaxBytes"/> is dropped. The
/// picture sits beside its PDF in the blob store (<c>{sha256}.preview.png</c>), so it is shared by the same content,
/// removed with it, and served under the same access rule as the file (GET /library/files/{id}/preview).
/// </para>
/// </summary>
public sealed class PdfPreviews(BlobStore blobs, ILogger<PdfPreviews> log, string? tool, TimeSpan timeLimit) : IDisposable
{
    public const string Suffix = ".preview.png";
    public const int LongestSide = 600;
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(15);
    public const long MaxBytes = 2 * 1024 * 1024;

    private int warned;

    // First views under way (one rendering per content, however many readers ask at once), the contents pdftoppm could
    // not picture (asked once per process, then the page shows none, as without pdftoppm), and at most one rendering
    // per core, so that a burst of first views cannot start a process per request.
    private readonly ConcurrentDictionary<string, Lazy<Task<bool>>> making = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> failed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim renderings = new(Math.Max(1, Environment.ProcessorCount));

    /// <summary>The server's: pdftoppm from the PATH (none when it is not installed), <see cref="TimeLimit"/>.</summary>
    public PdfPreviews(BlobStore blobs, ILogger<PdfPreviews> log) : this(blobs, log, Find("pdftoppm"), TimeLimit) { }

    public string PathOf(string sha256) => blobs.PathOf(sha256) + Suffix;

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>
    /// Whether the stored PDF with this content has a preview or can get one on its first view: pdftoppm is installed
    /// and has not failed on it. The document page links the picture on this; <see cref="EnsureAsync"/> makes it.
    /// </summary>
    public bool Available(string sha256) => Exists(sha256) || (tool is not null && !failed.ContainsKey(sha256));

    /// <summary>
    /// The preview of the stored PDF with this content, made now when it is missing (a PDF an import stored): true when
    /// it exists afterwards. Concurrent callers for the same content share one rendering; a caller that gives up stops
    /// waiting, not the rendering, which the next view then finds made. False, without a second try in this process,
    /// when pdftoppm failed on it (damaged, too slow, too large): the caller answers as if there were no preview.
    /// </summary>
    public async Task<bool> EnsureAsync(string sha256, CancellationToken ct)
    {
        if (Exists(sha256)) return true;
        if (tool is null || failed.ContainsKey(sha256)) return false;
        var made = making.GetOrAdd(sha256, s => new Lazy<Task<bool>>(() => RenderOnceAsync(s)));
        return await made.Value.WaitAsync(ct);
    }

    private async Task<bool> RenderOnceAsync(string sha256)
    {
        try
        {
            await renderings.WaitAsync();
            try
            {
                var made = blobs.Exists(sha256) && await CreateAsync(sha256, CancellationToken.None);
                if (!made) failed[sha256] = true;
                return made;
            }
            finally
            {
                renderings.Release();
            }
        }
        finally
        {
            making.TryRemove(sha256, out _);
        }
    }

    /// <summary>
    /// Makes the preview of the stored PDF with this content hash, unless it exists. False when there is none
    /// afterwards (no pdftoppm, a damaged PDF, over the time or size limit): the caller carries on without it.
    /// </summary>
    public async Task<bool> CreateAsync(string sha256, CancellationToken ct)
    {
        var pdf = blobs.PathOf(sha256);
        if (Exists(sha256)) return true;
        if (tool is null)
        {
            if (Interlocked.Exchange(ref warned, 1) == 0)
                log.LogInformation("pdftoppm (poppler-utils) is not installed: PDFs get no first-page preview.");
            return false;
        }
        var work = Path.Combine(Path.GetTempPath(), "polis-preview-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-f", "1", "-l", "1", "-singlefile", "-png", "-scale-to", LongestSide.ToString(System.Globalization.CultureInfo.InvariantCulture), pdf, work })
            start.ArgumentList.Add(a);
        var png = work + ".png";
        try
        {
            using var process = Process.Start(start)!;
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(ct), process.StandardError.ReadToEndAsync(ct));
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeLimit);
            try
            {
                await process.WaitForExitAsync(limit.Token);
                await drain;
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                log.LogWarning("The preview of blob {Sha256} took longer than {Seconds} s and was stopped.", sha256, timeLimit.TotalSeconds);
                return false;
            }
            var made = new FileInfo(png);
            if (process.ExitCode != 0 || !made.Exists || made.Length == 0 || made.Length > MaxBytes)
            {
                log.LogInformation("No preview for blob {Sha256}: pdftoppm exited with {Code}, {Bytes} bytes.", sha256, process.ExitCode, made.Exists ? made.Length : 0);
                return false;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(PathOf(sha256))!);
            File.Move(png, PathOf(sha256), overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            log.LogWarning(e, "No preview for blob {Sha256}.", sha256);
            return false;
        }
        finally
        {
            File.Delete(png);
        }
    }

    public void Dispose() => renderings.Dispose();

    /// <summary>The program's path on the PATH, or null.</summary>
    public static string? Find(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
