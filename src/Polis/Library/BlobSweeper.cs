using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polis.Data;

namespace Polis.Library;

/// <summary>How often the server looks for orphan blobs, and how old a file must be before it counts as one.</summary>
public sealed record OrphanSweepSettings(TimeSpan Interval, TimeSpan MinimumAge)
{
    public const string IntervalSetting = "Polis:Library:OrphanSweep:IntervalMinutes";
    public const string MinimumAgeSetting = "Polis:Library:OrphanSweep:MinimumAgeMinutes";

    public static OrphanSweepSettings From(IConfiguration configuration)
    {
        var interval = ExtractionSettings.Read(configuration, IntervalSetting, 60, 1, 10_080, "minutes");
        // An upload in flight holds a blob without a record for as long as its file takes to read.
        var age = ExtractionSettings.Read(configuration, MinimumAgeSetting, 60, 5, 10_080, "minutes, longer than any upload takes");
        return new OrphanSweepSettings(TimeSpan.FromMinutes(interval), TimeSpan.FromMinutes(age));
    }
}

/// <summary>
/// Deletes, every <see cref="OrphanSweepSettings.Interval"/>, the files in the blob store that no record names and that
/// are older than <see cref="OrphanSweepSettings.MinimumAge"/>: what a crash between storing a blob and saving its
/// record left behind (an upload that fails otherwise removes its own blob). Temp files of uploads that never
/// finished go the same way. Runs on <see cref="TimeProvider"/>, so a test moves the clock instead of waiting.
/// </summary>
internal sealed class BlobSweeper(IServiceScopeFactory scopes, BlobStore blobs, OrphanSweepSettings settings, TimeProvider clock,
    ILogger<BlobSweeper> log) : BackgroundService
{
    private int passes;

    /// <summary>How many passes have finished since start (tests wait on it).</summary>
    public int Passes => Volatile.Read(ref passes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.Interval, clock, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                log.LogWarning(e, "Orphan blob sweep failed; the next pass tries again");
            }
        }
    }

    /// <summary>One pass: returns the files it deleted (paths relative to the blob store).</summary>
    public async Task<IReadOnlyList<string>> SweepAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
            // The cut-off is taken before the records are read: a blob placed after it is fresh whatever the query saw.
            var olderThan = clock.GetUtcNow() - settings.MinimumAge;
            var referenced = (await db.Set<StoredFile>().AsNoTracking().Select(f => f.Sha256).Distinct().ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
            var removed = blobs.CollectGarbage(referenced, olderThan,
                (file, e) => log.LogWarning(e, "Orphan blob sweep could not delete {File}", file));
            foreach (var file in removed) log.LogInformation("Orphan blob sweep deleted {File}, which no record names", file);
            if (removed.Count > 0) log.LogInformation("Orphan blob sweep deleted {Count} files older than {Age}", removed.Count, settings.MinimumAge);
            return removed;
        }
        finally
        {
            Interlocked.Increment(ref passes);
        }
    }
}
