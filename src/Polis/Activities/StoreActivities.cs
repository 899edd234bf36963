using System.Threading.Channels;
using Polis.Accounts.Contracts;
using Polis.Activities.Overlaps;
using Polis.Data;
using Polis.Searching.Contracts;

namespace Polis.Activities;

/// <summary>
/// The one bulk write of new activities (the CSV import, the generator): everything a save of each activity writes,
/// as set-based inserts in one transaction, without the change tracker: the activity, its access grants,
/// participation and budget lines, its texts, its coverage keys (<see cref="Activity.CoverageKeys"/>),
/// its overlap features (<see cref="Overlaps.OverlapFeatureAnalyzer"/>, as an EF save writes them),
/// its first revision, one audit entry ("Added", as the audit interceptor writes for a new record) and one search
/// outbox row. All of it is committed together or not at all. The search index takes the outbox rows in the
/// background after the commit (a search finds the activities once it has; <see cref="ISearchService.CatchUpAsync"/>
/// waits for it). A new per-activity write of a save (a stored feature, a side table) belongs in <see cref="WriteAsync"/>.
/// </summary>
public sealed class StoreActivities(PolisDb db, ISearchOutbox outbox, DataChanges changes, OverlapFeatureAnalyzer overlapFeatures)
{
    private static readonly Type[] Written = [typeof(Activity), typeof(ActivityText), typeof(ActivityRevision), typeof(ActivityCoverageKey), typeof(ActivityOverlapFeatures), typeof(AuditEntry)];

    /// <summary>
    /// Stores <paramref name="activities"/> (new, from <see cref="Activity.Create"/>, not tracked) in one transaction of
    /// its own. <paramref name="step"/>, if given, is told when each step of the write ends (the import logs where its
    /// time went).
    /// </summary>
    internal async Task AddManyAsync(IReadOnlyList<Activity> activities, Viewer by, DateTimeOffset now, CancellationToken ct, Action<string>? step = null)
    {
        if (activities.Count == 0) return;
        var batches = Channel.CreateUnbounded<IReadOnlyList<Activity>>();
        batches.Writer.TryWrite(activities);
        batches.Writer.Complete();
        await AddAsTheyComeAsync(batches.Reader, Task.FromResult(true), by, now, ct, step);
    }

    /// <summary>
    /// Stores the batches of new activities <paramref name="batches"/> gives as they come, all in one transaction,
    /// committed when the last has come if <paramref name="mayCommit"/> then says so, else rolled back: the CSV import
    /// writes the rows it has checked while it checks the next ones (on SQLite its write runs on this thread and the
    /// check on the other core), and stores nothing when a later row has a problem. Returns whether it committed.
    /// Each step of each batch is told to <paramref name="step"/>, and the time spent waiting for a batch as "waited for rows".
    /// </summary>
    internal async Task<bool> AddAsTheyComeAsync(ChannelReader<IReadOnlyList<Activity>> batches, Task<bool> mayCommit, Viewer by, DateTimeOffset now,
        CancellationToken ct, Action<string>? step = null)
    {
        step ??= _ => { };
        var written = 0;
        var committed = await BulkInsert.InTransactionAsync(db, async () =>
        {
            step("begin");
            while (await batches.WaitToReadAsync(ct))
            {
                step("waited for rows");
                while (batches.TryRead(out var batch))
                {
                    if (batch.Count == 0) continue;
                    // The CPU work of the write (the overlap features' analysis, the first revisions' JSON) runs on the
                    // thread pool while this thread waits on SQLite's (or PostgreSQL's) inserts, the larger part on one core.
                    var prepared = Task.Run(() => Prepare(batch, ct), ct);
                    try
                    {
                        await WriteAsync(batch, prepared, by, now, step, ct);
                    }
                    catch when (!prepared.IsCompleted)
                    {
                        // Nothing is left running behind a failed write (its own failure is the one reported).
                        await prepared.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                        throw;
                    }
                    written += batch.Count;
                }
            }
            step("waited for rows");
            return written > 0 && await mayCommit;
        }, ct);
        step(committed ? "commit" : "rollback");
        if (!committed) return false;
        outbox.Committed();
        changes.Notify(Written);
        return true;
    }

    private (AnalysedFeatures[] Features, string[] Snapshots) Prepare(IReadOnlyList<Activity> activities, CancellationToken ct)
    {
        var features = overlapFeatures.AnalyseAll(activities, ct);
        var snapshots = new string[activities.Count];
        for (var i = 0; i < activities.Count; i++) snapshots[i] = SaveActivity.Serialize(SaveActivity.Snapshot(activities[i]));
        return (features, snapshots);
    }

    private async Task WriteAsync(IReadOnlyList<Activity> activities, Task<(AnalysedFeatures[] Features, string[] Snapshots)> preparing, Viewer by, DateTimeOffset now,
        Action<string> step, CancellationToken ct)
    {
        step("begin");
        await BulkInsert.InsertAsync(db, BulkInsert.EntityType<Activity>(db), activities, null, ct);
        step("activities");
        await OwnedAsync(activities, nameof(Activity.AllowedParties), a => a.AllowedParties, ct);
        await OwnedAsync(activities, nameof(Activity.ParticipantsByState), a => a.ParticipantsByState, ct);
        await OwnedAsync(activities, nameof(Activity.BudgetLines), a => a.BudgetLines, ct);
        step("parts");
        await BulkInsert.InsertAsync(db, BulkInsert.EntityType<ActivityText>(db), [.. activities.SelectMany(a => a.Texts)], null, ct);
        step("texts");
        // The keys Activity.Create made by the key rule, in the order of their primary key (a Guid's text orders as SQLite's
        // text and PostgreSQL's uuid do): one walk along the key's index instead of a jump per row.
        await ActivityCoverageKeys.AddNewAsync(db,
            [.. activities.OrderBy(a => a.Id.ToString(), StringComparer.Ordinal)
                .SelectMany(a => a.CoverageKeys.OrderBy(k => k.State, StringComparer.Ordinal).ThenBy(k => k.Priority, StringComparer.Ordinal))], ct);
        step("coverage keys");
        var (features, snapshots) = await preparing;
        step("waited for the analysis");
        // The overlap check's stored features (what OverlapFeaturesInterceptor writes for an EF save).
        await BulkInsert.InsertAsync(db, BulkInsert.EntityType<ActivityOverlapFeatures>(db),
            [.. activities.Select((a, i) => ActivityOverlapFeatures.Of(a.Id, features[i]))], null, ct);
        step("features");
        await BulkInsert.InsertAsync(db, BulkInsert.EntityType<ActivityRevision>(db),
            [.. activities.Select((a, i) => ActivityRevision.Of(a.Id, a.Version, now, by, snapshots[i]))], null, ct);
        step("revisions");
        await BulkInsert.InsertAsync(db, BulkInsert.EntityType<AuditEntry>(db),
            [.. activities.Select(a => AuditEntry.Of(now, by.UserId, by.Name ?? "anonymous", "Added", nameof(Activity), a.Id.ToString(), ""))], null, ct);
        step("audit");
        await outbox.AddAsync(db, ActivitiesSearchSource.ModuleName, [.. activities.Select(a => a.Id.ToString())], ct);
        step("outbox");
    }

    /// <summary>The rows of an owned collection, each with its activity's id (the owned type's shadow foreign key).</summary>
    private async Task OwnedAsync<T>(IReadOnlyList<Activity> activities, string navigation, Func<Activity, List<T>> parts, CancellationToken ct) where T : class
    {
        var owners = new Dictionary<T, Guid>(ReferenceEqualityComparer.Instance);
        foreach (var a in activities)
            foreach (var part in parts(a)) owners[part] = a.Id;
        if (owners.Count == 0) return;
        await BulkInsert.InsertAsync(db, BulkInsert.Owned<Activity>(db, navigation), [.. owners.Keys], (part, _) => owners[part], ct);
    }
}
