using Polis.Accounts.Contracts;
using Polis.Activities.Overlaps;
using Polis.Data;
using Polis.Searching.Contracts;

namespace Polis.Activities;

/// <summary>
/// The one bulk write of new activities (the CSV import, the generator): everything a save of each activity writes,
/// as set-based inserts in one transaction, without the change tracker: the activity, its access grants,
/// participation and budget lines, its texts, its coverage keys (the SQL form of the key rule over the stored rows: <see cref="ActivityCoverageKeys.InsertForAsync"/>),
/// its overlap features (<see cref="Overlaps.OverlapFeatureAnalyzer"/>, as an EF save writes them),
/// its first revision, one audit entry ("Added", as the audit interceptor writes for a new record) and one search
/// outbox row. All of it is committed together or not at all. The search index takes the outbox rows in the
/// background after the commit (a search finds the activities once it has; <see cref="ISearchService.CatchUpAsync"/>
/// waits for it). A new per-activity write of a save (a stored feature, a side table) belongs in <see cref="WriteAsync"/>.
/// </summary>
public sealed class StoreActivities(PolisDb db, ISearchOutbox outbox, DataChanges changes, OverlapFeatureAnalyzer overlapFeatures)
{
    private static readonly Type[] Written = [typeof(Activity), typeof(ActivityText), typeof(ActivityRevision), typeof(ActivityCoverageKey), typeof(ActivityOverlapFeatures), typeof(AuditEntry)];

    /// <summary>Stores <paramref name="activities"/> (new, from <see cref="Activity.Create"/>, not tracked) in one transaction of its own.</summary>
    internal async Task AddManyAsync(IReadOnlyList<Activity> activities, Viewer by, DateTimeOffset now, CancellationToken ct)
    {
        if (activities.Count == 0) return;
        await BulkInsert.InTransactionAsync(db, () => WriteAsync(activities, by, now, ct), ct);
        outbox.Committed();
        changes.Notify(Written);
    }

    private async Task WriteAsync(IReadOnlyList<Activity> activities, Viewer by, DateTimeOffset now, CancellationToken ct)
    {
        await BulkInsert.InsertAsync(db, BulkInsert.EntityType<Activity>(db), activities, null, ct);
        await OwnedAsync(activities, nameof(Activity.AllowedParties), a => a.AllowedParties, ct);
        await OwnedAsync(activities, nameof(Activity.ParticipantsByState), a => a.ParticipantsByState, ct);
        await OwnedAsync(activities, nameof(Activity.BudgetLines), a => a.BudgetLines, ct);
        await BulkInsert.InsertAsync(db, BulkInsert.EntityType<ActivityText>(db), [.. activities.SelectMany(a => a.Texts)], null, ct);
        // From the stored activities, by the SQL form of the key rule (what Activity.CoverageKeys holds for each).
        await ActivityCoverageKeys.InsertForAsync(db, [.. activities.Select(a => a.Id)], ct);
        // The overlap check's stored features (what OverlapFeaturesInterceptor writes for an EF save), analysed in parallel.
        var analysed = overlapFeatures.AnalyseAll(activities, ct);
        await BulkInsert.InsertAsync(db, BulkInsert.EntityType<ActivityOverlapFeatures>(db),
            [.. activities.Select((a, i) => ActivityOverlapFeatures.Of(a.Id, analysed[i]))], null, ct);
        await BulkInsert.InsertAsync(db, BulkInsert.EntityType<ActivityRevision>(db),
            [.. activities.Select(a => ActivityRevision.Of(a.Id, a.Version, now, by, SaveActivity.Serialize(SaveActivity.Snapshot(a))))], null, ct);
        await BulkInsert.InsertAsync(db, BulkInsert.EntityType<AuditEntry>(db),
            [.. activities.Select(a => AuditEntry.Of(now, by.UserId, by.Name ?? "anonymous", "Added", nameof(Activity), a.Id.ToString(), ""))], null, ct);
        await outbox.AddAsync(db, ActivitiesSearchSource.ModuleName, [.. activities.Select(a => a.Id.ToString())], ct);
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
