using System.Security.Cryptography;
using Polis.Data;

namespace Polis.Library;

/// <summary>
/// Files on disk under their SHA-256 (data/blobs/ab/cd/abcd…). A blob is written to a temp file and moved
/// into place before its record is saved, so a crash never leaves a record without its file nor a
/// half-written blob under a real name; the same content is stored once.
/// </summary>
public sealed class BlobStore(PolisStorage storage, TimeProvider clock)
{
    public string PathOf(string sha256) => Path.Combine(storage.BlobPath, sha256[..2], sha256[2..4], sha256);

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>
    /// A file already in memory and hashed by the caller (an import reads small files once): written to a temp file in one
    /// synchronous call, without hashing it again. An import's 10,000 text files spent more time in the asynchronous
    /// copy's buffered writes and in making sure of the temp folder than in writing them (issue 21, sixth pass).
    /// </summary>
    public StagedBlob Stage(ReadOnlySpan<byte> content, string sha256, long maxBytes)
    {
        if (content.Length > maxBytes) throw new Ingest.IngestException(Ingest.IngestFailure.TooLarge, "too large");
        var tmp = Path.Combine(TempFolder(), Guid.NewGuid().ToString("N"));
        try
        {
            using var file = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            file.Write(content);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
        return new StagedBlob(tmp, sha256, content.Length);
    }

    // The temp folder, made when it is missing (a check is cheaper than CreateDirectory's walk up the path for every file).
    private string TempFolder()
    {
        var tmpDir = Path.Combine(storage.BlobPath, "tmp");
        if (!Directory.Exists(tmpDir)) Directory.CreateDirectory(tmpDir);
        return tmpDir;
    }

    /// <summary>Copies at most <paramref name="maxBytes"/> into a temp file, hashing as it goes.</summary>
    public async Task<StagedBlob> StageAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        var tmpDir = Path.Combine(storage.BlobPath, "tmp");
        Directory.CreateDirectory(tmpDir);
        var tmp = Path.Combine(tmpDir, Guid.NewGuid().ToString("N"));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        try
        {
            await using (var file = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes) throw new Ingest.IngestException(Ingest.IngestFailure.TooLarge, "too large");
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            return new StagedBlob(tmp, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    /// <summary>
    /// Moves a staged file to its content address (or drops it when that content is already stored). True when this
    /// call placed the blob, so the caller knows whether it is its own to delete when its record is not saved.
    /// </summary>
    public bool Commit(StagedBlob staged)
    {
        var target = PathOf(staged.Sha256);
        if (File.Exists(target))
        {
            File.Delete(staged.TempPath);
            // Fresh again, so the orphan sweep leaves it alone until the record that is about to name it is saved.
            File.SetLastWriteTimeUtc(target, clock.GetUtcNow().UtcDateTime);
            return false;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(staged.TempPath, target, overwrite: true);
        return true;
    }

    /// <summary>Deletes a staged file; a no-op once it has been committed (moved away).</summary>
    public static void Discard(StagedBlob staged) => File.Delete(staged.TempPath);

    /// <summary>Deletes a committed blob (whose record was not saved).</summary>
    public void Delete(string sha256)
    {
        File.Delete(PathOf(sha256));
        File.Delete(PathOf(sha256) + PdfPreviews.Suffix);
    }
    /// <summary>Removes a blob that no file row holds any longer (a deleted document's files); absent is fine.</summary>
    public void Remove(string sha256)
    {
        if (sha256.Length == 64 && sha256.All(char.IsAsciiHexDigitLower)) Delete(sha256);
    }

    public Stream Open(string sha256) => new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    /// <summary>
    /// Deletes temp files left by a crash and blobs no record points to. Only files older than
    /// <paramref name="olderThan"/> go, so an upload in flight (blob stored, record not yet saved) is safe.
    /// </summary>
    public int CollectGarbage(IReadOnlySet<string> referenced, DateTimeOffset olderThan) => CollectGarbage(referenced, olderThan, null).Count;

    /// <summary>As <see cref="CollectGarbage(IReadOnlySet{string}, DateTimeOffset)"/>, returning the paths (relative to the store) it deleted.</summary>
    public IReadOnlyList<string> CollectGarbage(IReadOnlySet<string> referenced, DateTimeOffset olderThan, Action<string, Exception>? failed)
    {
        if (!Directory.Exists(storage.BlobPath)) return [];
        var removed = new List<string>();
        foreach (var file in Directory.EnumerateFiles(storage.BlobPath, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            var isTemp = Path.GetFileName(Path.GetDirectoryName(file)) == "tmp";
            try
            {
                if (File.GetLastWriteTimeUtc(file) > olderThan.UtcDateTime) continue;
                // A PDF's preview (PdfPreviews) goes with its blob.
                var blob = name.EndsWith(PdfPreviews.Suffix, StringComparison.Ordinal) ? name[..^PdfPreviews.Suffix.Length] : name;
                if (isTemp || (blob.Length == 64 && !referenced.Contains(blob)))
                {
                    File.Delete(file);
                    removed.Add(Path.GetRelativePath(storage.BlobPath, file));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failed?.Invoke(file, e);
            }
        }
        return removed;
    }
}

public sealed record StagedBlob(string TempPath, string Sha256, long Size);
