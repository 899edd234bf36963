using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Polis.Library;

/// <summary>
/// A picture of a PDF's first page, made once when the PDF is uploaded, with <c>pdftoppm</c> from Debian's
/// poppler-utils (installed by tests/run.sh and the deployment's set-up). Polis works without it: a PDF then has no
/// preview, the upload succeeds as before, and the log says once that previews are off.
/// <para>
/// Bounded: page 1 only, scaled to at most <see cref="LongestSide"/> pixels on the longer side, a time limit of
/// <see cref="TimeLimit"/> (the process is killed past it), and a PNG over <see cref="MaxBytes"/> is dropped. The
/// picture sits beside its PDF in the blob store (<c>{sha256}.preview.png</c>), so it is shared by the same content,
/// removed with it, and served under the same access rule as the file (GET /library/files/{id}/preview).
/// </para>
/// </summary>
public sealed class PdfPreviews(BlobStore blobs, ILogger<PdfPreviews> log, string? tool, TimeSpan timeLimit)
{
    public const string Suffix = ".preview.png";
    public const int LongestSide = 600;
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(15);
    public const long MaxBytes = 2 * 1024 * 1024;

    private int warned;

    /// <summary>The server's: pdftoppm from the PATH (none when it is not installed), <see cref="TimeLimit"/>.</summary>
    public PdfPreviews(BlobStore blobs, ILogger<PdfPreviews> log) : this(blobs, log, Find("pdftoppm"), TimeLimit) { }

    public string PathOf(string sha256) => blobs.PathOf(sha256) + Suffix;

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>
    /// Makes the preview of the stored PDF with this content hash, unless it exists. False when there is none
    /// afterwards (no pdftoppm, a damaged PDF, over the time or size limit): the caller carries on without it.
    /// </summary>
    public Task<bool> CreateAsync(string sha256, CancellationToken ct) => CreateAsync(sha256, blobs.PathOf(sha256), ct);

    /// <summary>
    /// As <see cref="CreateAsync(string, CancellationToken)"/>, from a copy of the PDF at <paramref name="pdf"/> (an
    /// import makes the preview in its extraction worker, from the staged file, before the blob is placed; the preview
    /// goes with the blob when its row is not saved, and the orphan sweep removes one a killed import left).
    /// </summary>
    public async Task<bool> CreateAsync(string sha256, string pdf, CancellationToken ct)
    {
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
