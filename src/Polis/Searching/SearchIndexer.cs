using Lucene.Net.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Search;
using Polis.Searching.Contracts;

namespace Polis.Searching;

/// <summary>
/// Brings the search index up to date from the outbox, off the request path, and rebuilds it from the database on
/// demand. The index is derived data: losing it loses nothing (`polis reindex`). Every load runs as the system
/// (the access rule is applied at query time, from the keys each search document carries).
/// </summary>
internal sealed class SearchIndexer(IServiceScopeFactory scopes, SearchIndexHolder index, DataChanges changes, ILogger<SearchIndexer> log) : IDisposable
{
    /// <summary>Changes since the last compaction after which the index is compacted when idle (an import, a module's first sync).</summary>
    public const int CompactAfter = 1_000;

    /// <summary>Outbox rows indexed per index commit (an import indexes its own batches: IndexSavedAsync).</summary>
    internal const int FlushBatch = 500;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly SemaphoreSlim wake = new(0, int.MaxValue);
    private readonly System.Threading.Lock waitersLock = new();
    private readonly List<(long Id, TaskCompletionSource Done)> waiters = [];
    private readonly HashSet<string> reportedUnknown = new(StringComparer.Ordinal);
    private int sinceCompaction;
    // Outbox rows whose documents are in the index but not yet committed (IndexSavedAsync).
    private readonly List<long> uncommitted = [];

    /// <summary>Whether the background indexer runs in this process (the server); commands flush themselves.</summary>
    public bool IsRunning { get; set; }

    public void Dispose()
    {
        gate.Dispose();
        wake.Dispose();
    }

    /// <summary>Tells the background indexer that the outbox has new rows.</summary>
    public void Wake() => wake.Release();

    internal Task<bool> WaitForWakeAsync(TimeSpan timeout, CancellationToken ct) => wake.WaitAsync(timeout, ct);

    /// <summary>Waits until the index holds outbox row <paramref name="outboxId"/>; false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForAsync(long outboxId, TimeSpan timeout, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waitersLock) waiters.Add((outboxId, done));
        try
        {
            // Registered first, then checked: a row indexed in between is seen as gone here.
            await using (var scope = scopes.CreateAsyncScope())
            {
                if (!await scope.ServiceProvider.GetRequiredService<PolisDb>().Set<SearchOutboxEntry>().AnyAsync(e => e.Id == outboxId, ct))
                    return true;
            }
            Wake();
            await done.Task.WaitAsync(timeout, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            lock (waitersLock) waiters.RemoveAll(w => w.Done == done);
        }
    }

    private void Processed(IReadOnlyCollection<long> ids)
    {
        lock (waitersLock)
        {
            foreach (var waiter in waiters.Where(w => ids.Contains(w.Id))) waiter.Done.TrySetResult();
        }
    }

    /// <summary>
    /// Holds the indexer until the result is disposed: changes stay in the outbox meanwhile (tests use it to make the
    /// index lag the database deterministically).
    /// </summary>
    internal async Task<IAsyncDisposable> PauseAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        return new Resume(gate);
    }

    private sealed class Resume(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int done;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref done, 1) == 0) gate.Release();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Indexes every pending change; returns how many outbox rows were processed. Never compacts.</summary>
    public async Task<int> FlushAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = SystemScope();
            var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
            await CommitSavedAsync(db, ct);
            var sources = scope.ServiceProvider.GetServices<ISearchSource>().ToDictionary(s => s.Module, StringComparer.Ordinal);
            await ReportUnknownModulesAsync(db, sources.Keys, ct);
            var modules = sources.Keys.ToList();
            var processed = 0;
            while (true)
            {
                var batch = await db.Set<SearchOutboxEntry>().Where(e => modules.Contains(e.Module))
                    .OrderBy(e => e.Id).Take(FlushBatch).AsNoTracking().ToListAsync(ct);
                if (batch.Count == 0)
                {
                    Interlocked.Add(ref sinceCompaction, processed);
                    return processed;
                }
                var upserts = new List<SearchDocument>();
                var deletes = new List<string>();
                foreach (var module in batch.GroupBy(e => e.Module, StringComparer.Ordinal))
                {
                    var ids = module.Select(e => e.RecordId).Distinct(StringComparer.Ordinal).ToList();
                    var loaded = await sources[module.Key].LoadManyAsync(ids, ct);
                    foreach (var id in ids)
                    {
                        if (loaded.TryGetValue(id, out var document)) upserts.Add(document);
                        else deletes.Add(id);
                    }
                }
                if (deletes.Count > 0) await index.Value.DeleteAsync(deletes, ct);
                if (upserts.Count > 0) await index.Value.IndexAsync(upserts, ct);
                // What searches find changed: cached anonymous pages go (and with them any written by another process).
                changes.Notify([]);
                // Exactly the rows read: a row with a lower id committed meanwhile (sequences are not commit-ordered) stays.
                var done = batch.Select(e => e.Id).ToList();
                await db.Set<SearchOutboxEntry>().Where(e => done.Contains(e.Id)).ExecuteDeleteAsync(ct);
                processed += batch.Count;
                Processed(done);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Adds documents a bulk writer built from the records it has just saved to the index, without a commit and without
    /// loading them again (ISearchService.IndexSavedAsync); the outbox rows that save wrote for them are removed after the
    /// next commit (<see cref="CatchUpAsync"/>, at the end of the import). False when another process holds the index.
    /// </summary>
    public async Task<bool> IndexSavedAsync(IReadOnlyCollection<SearchDocument> documents, IReadOnlyCollection<long> outboxRows, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (documents.Count > 0) await index.Value.AddUncommittedAsync(documents, ct);
            lock (uncommitted) uncommitted.AddRange(outboxRows);
            Interlocked.Add(ref sinceCompaction, documents.Count);
            return true;
        }
        catch (LockObtainFailedException)
        {
            return false;
        }
        finally
        {
            gate.Release();
        }
    }

    // Commits what IndexSavedAsync added, then removes its outbox rows (in slices, to keep each statement's parameters few).
    private async Task CommitSavedAsync(PolisDb db, CancellationToken ct)
    {
        List<long> rows;
        lock (uncommitted)
        {
            if (uncommitted.Count == 0) return;
            rows = [.. uncommitted];
            uncommitted.Clear();
        }
        await index.Value.CommitAsync(ct);
        changes.Notify([]);
        foreach (var slice in rows.Chunk(FlushBatch))
            await db.Set<SearchOutboxEntry>().Where(e => slice.Contains(e.Id)).ExecuteDeleteAsync(ct);
        Processed(rows);
    }

    // Rows of a module without a registered source are kept (the module may come back) and reported once per process.
    private async Task ReportUnknownModulesAsync(PolisDb db, IEnumerable<string> known, CancellationToken ct)
    {
        var knownList = known.ToList();
        var unknown = await db.Set<SearchOutboxEntry>().Where(e => !knownList.Contains(e.Module))
            .GroupBy(e => e.Module).Select(g => new { Module = g.Key, Count = g.Count() }).ToListAsync(ct);
        foreach (var u in unknown.Where(u => reportedUnknown.Add(u.Module)))
            log.LogError("The search outbox holds {Count} changes of module '{Module}', which has no search source: they are kept, not indexed",
                u.Count, u.Module);
    }

    /// <summary>Compacts the index when enough changes arrived since the last compaction; never called on a request's path.</summary>
    public async Task CompactIfDueAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref sinceCompaction) < CompactAfter) return;
        Interlocked.Exchange(ref sinceCompaction, 0);
        await CompactAsync(ct);
    }

    /// <summary>How many times this process compacted the index (tests count them: an import compacts exactly once).</summary>
    public int Compactions => Volatile.Read(ref compactions);

    private int compactions;

    private async Task CompactAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref compactions);
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
            await using var scope = SystemScope();
            var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
            // Changes made during the rebuild stay in the outbox and are flushed after it.
            var upTo = await db.Set<SearchOutboxEntry>().MaxAsync(e => (long?)e.Id, ct) ?? 0;
            await index.Value.ClearAsync(ct);
            long count = 0;
            var batch = new List<SearchDocument>(500);
            var sources = scope.ServiceProvider.GetServices<ISearchSource>().ToList();
            foreach (var source in sources)
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
            var modules = sources.Select(s => s.Module).ToList();
            await db.Set<SearchOutboxEntry>().Where(e => e.Id <= upTo && modules.Contains(e.Module)).ExecuteDeleteAsync(ct);
            lock (waitersLock)
            {
                foreach (var waiter in waiters.Where(w => w.Id <= upTo)) waiter.Done.TrySetResult();
            }
            await CompactAsync(ct);
            Interlocked.Exchange(ref sinceCompaction, 0);
            changes.Notify([]);
            log.LogInformation("Search index rebuilt with {Count} records", count);
            return count;
        }
        finally
        {
            gate.Release();
        }
    }

    // The indexer reads every record whatever its access level: explicitly as the system, never as a request's user.
    private AsyncServiceScope SystemScope()
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAs(Viewer.System, "search indexing");
        return scope;
    }

    /// <summary>
    /// Runs <see cref="FlushAsync"/> and a due compaction (<paramref name="compactNow"/>: a compaction whenever any change
    /// came since the last one, the end of an import); false when another process holds the index.
    /// </summary>
    public async Task<bool> CatchUpAsync(CancellationToken ct, bool compactNow = false)
    {
        try
        {
            await FlushAsync(ct);
            if (compactNow && Interlocked.Exchange(ref sinceCompaction, 0) > 0) await CompactAsync(ct);
            else await CompactIfDueAsync(ct);
            return true;
        }
        catch (LockObtainFailedException)
        {
            return false;
        }
    }
}

/// <summary>
/// The one background indexer: indexes the outbox when a save wakes it (and every few seconds, for changes made by
/// `polis import` in another process), then compacts the index when a large batch came in and nothing is waiting.
/// </summary>
internal sealed class SearchIndexerService(SearchIndexer indexer, ILogger<SearchIndexerService> log) : BackgroundService
{
    /// <summary>How long no change may have come before the index is compacted.</summary>
    internal static readonly TimeSpan QuietBeforeCompaction = TimeSpan.FromSeconds(15);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        indexer.IsRunning = true;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        indexer.IsRunning = false;
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastChange = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await indexer.FlushAsync(stoppingToken) > 0) lastChange = System.Diagnostics.Stopwatch.GetTimestamp();
                // Compaction only once changes stopped coming: none woke the indexer within a second, and none came
                // for QuietBeforeCompaction (an import in another process does not wake it; its rows show up in the
                // flushes, a document every few seconds for large PDFs). So an import is compacted once, at its end.
                if (!await indexer.WaitForWakeAsync(TimeSpan.FromSeconds(1), stoppingToken))
                {
                    if (System.Diagnostics.Stopwatch.GetElapsedTime(lastChange) >= QuietBeforeCompaction)
                        await indexer.CompactIfDueAsync(stoppingToken);
                    await indexer.WaitForWakeAsync(TimeSpan.FromSeconds(3), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Search outbox flush failed; will retry");
                try { await Task.Delay(TimeSpan.FromSeconds(3), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
