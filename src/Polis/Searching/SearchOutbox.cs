using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polis.Searching.Contracts;

namespace Polis.Searching;

/// <summary>
/// A record whose search form is out of date. Written in the same transaction as the change, removed once the
/// index has it: a crash between the two leaves the entry, and the next flush catches up.
/// </summary>
public sealed class SearchOutboxEntry
{
    public long Id { get; private init; }
    public string Module { get; private init; } = "";
    public string RecordId { get; private init; } = "";
    public DateTimeOffset EnqueuedAt { get; private init; }

    internal static SearchOutboxEntry For(string module, string id, DateTimeOffset at) => new() { Module = module, RecordId = id, EnqueuedAt = at };
}

internal sealed class SearchOutboxMapping : IEntityTypeConfiguration<SearchOutboxEntry>
{
    public void Configure(EntityTypeBuilder<SearchOutboxEntry> e)
    {
        e.ToTable("srch_outbox");
        e.Property(x => x.Module).HasMaxLength(32);
        e.Property(x => x.RecordId).HasMaxLength(64);
    }
}

/// <summary>
/// The save records its own search changes: before SaveChanges, every changed entity that a module's
/// <see cref="ISearchSource"/> claims adds one outbox row for its record, in the same transaction. After the save the
/// indexer is woken; a user's request then waits (briefly) until the index has its own rows: read-your-writes.
/// </summary>
internal sealed class SearchOutboxInterceptor(IServiceProvider services, SearchIndexer indexer, TimeProvider clock,
    IHttpContextAccessor http, ILogger<SearchOutboxInterceptor> log) : SaveChangesInterceptor
{
    /// <summary>How long a request waits for the index to show its own change before answering anyway.</summary>
    internal static readonly TimeSpan ReadYourWritesWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A save of more records than this (a bulk import) does not wait: the index could not take them within
    /// <see cref="ReadYourWritesWait"/> anyway, and the answer lists what was stored, not a search of it.
    /// </summary>
    internal const int BulkWithoutWait = 100;

    private List<SearchOutboxEntry> pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? db)
    {
        if (db is null) return;
        var sources = services.GetServices<ISearchSource>().ToList();
        var records = new HashSet<(string Module, string Id)>();
        var tracker = db.ChangeTracker;
        // One scan for changes here; the sources' look-ups into the tracker (a file's edition) must not scan again per
        // entry: over a bulk import's batch of thousands of entries that was quadratic.
        var entries = tracker.Entries().ToList();
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in entries)
            {
                if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || entry.Entity is SearchOutboxEntry) continue;
                foreach (var source in sources)
                    if (source.RecordOf(entry) is { } id) records.Add((source.Module, id));
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
        var now = clock.GetUtcNow();
        pending = [.. records.Select(r => SearchOutboxEntry.For(r.Module, r.Id, now))];
        db.Set<SearchOutboxEntry>().AddRange(pending);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (pending.Count > 0) indexer.Wake();
        pending = [];
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var written = pending;
        pending = [];
        if (written.Count == 0) return result;
        indexer.Wake();
        // Only a user's request of a few records waits: commands, seeding and bulk imports catch up in batches (ISearchService.CatchUpAsync).
        if (http.HttpContext is not null && indexer.IsRunning && written.Count <= BulkWithoutWait)
        {
            var upTo = written.Max(e => e.Id);
            if (!await indexer.WaitForAsync(upTo, ReadYourWritesWait, cancellationToken))
                log.LogWarning("The search index did not show change {OutboxId} within {Seconds} s; the request answers without waiting longer",
                    upTo, ReadYourWritesWait.TotalSeconds);
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    // A failed save must not leave its outbox rows tracked: a retry records them again.
    private void Forget(DbContext? db)
    {
        if (db is not null)
            foreach (var entry in pending) db.Entry(entry).State = EntityState.Detached;
        pending = [];
    }
}
