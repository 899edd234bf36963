using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polis.Data;
using Polis.Search;
using Polis.Searching.Contracts;

namespace Polis.Searching;

/// <summary>
/// Brings the search index up to date from the outbox, and rebuilds it from the database on demand. The
/// index is derived data: losing it loses nothing (`polis reindex`).
/// </summary>
public sealed class SearchIndexer(IServiceScopeFactory scopes, SearchIndexHolder index, ILogger<SearchIndexer> log) : IDisposable
{
    public void Dispose() => gate.Dispose();

    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Indexes every pending change; returns how many records were processed.</summary>
    public async Task<int> FlushAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
            var sources = scope.ServiceProvider.GetServices<ISearchSource>().ToDictionary(s => s.Module, StringComparer.Ordinal);
            var processed = 0;
            while (true)
            {
                var batch = await db.Set<SearchOutboxEntry>().OrderBy(e => e.Id).Take(200).AsNoTracking().ToListAsync(ct);
                if (batch.Count == 0)
                {
                    if (processed >= CompactAfter) await CompactAsync(ct);
                    return processed;
                }
                var upserts = new List<SearchDocument>();
                var deletes = new List<string>();
                foreach (var group in batch.GroupBy(e => (e.Module, e.RecordId)))
                {
                    if (!sources.TryGetValue(group.Key.Module, out var source)) continue;
                    if (await source.LoadAsync(group.Key.RecordId, ct) is { } document) upserts.Add(document);
                    else deletes.Add(group.Key.RecordId);
                }
                if (deletes.Count > 0) await index.Value.DeleteAsync(deletes, ct);
                if (upserts.Count > 0) await index.Value.IndexAsync(upserts, ct);
                var last = batch[^1].Id;
                await db.Set<SearchOutboxEntry>().Where(e => e.Id <= last).ExecuteDeleteAsync(ct);
                processed += batch.Count;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A flush of at least this many changes (an import, a module's first sync) is followed by a compaction.</summary>
    public const int CompactAfter = 1_000;

    private async Task CompactAsync(CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var segments = await index.Value.CompactAsync(ct);
        log.LogInformation("Search index compacted to {Segments} segments in {Seconds:F1} s", segments,
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Clears the index, indexes every record of every module again, and compacts it.</summary>
    public async Task<long> RebuildAsync(IProgress<long>? progress, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
            // Changes made during the rebuild stay in the outbox and are flushed after it.
            var upTo = await db.Set<SearchOutboxEntry>().MaxAsync(e => (long?)e.Id, ct) ?? 0;
            await index.Value.ClearAsync(ct);
            long count = 0;
            var batch = new List<SearchDocument>(500);
            foreach (var source in scope.ServiceProvider.GetServices<ISearchSource>())
            {
                await foreach (var document in source.LoadAllAsync(ct))
                {
                    batch.Add(document);
                    if (batch.Count < 500) continue;
                    await index.Value.IndexAsync(batch, ct);
                    count += batch.Count;
                    batch.Clear();
                    progress?.Report(count);
                }
            }
            if (batch.Count > 0) await index.Value.IndexAsync(batch, ct);
            count += batch.Count;
            progress?.Report(count);
            await db.Set<SearchOutboxEntry>().Where(e => e.Id <= upTo).ExecuteDeleteAsync(ct);
            await CompactAsync(ct);
            log.LogInformation("Search index rebuilt with {Count} records", count);
            return count;
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>Catches up with the outbox at start and every few seconds (changes from `polis import`, crashes).</summary>
internal sealed class SearchIndexerService(SearchIndexer indexer, ILogger<SearchIndexerService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
        do
        {
            try
            {
                await indexer.FlushAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Search outbox flush failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
