using Microsoft.EntityFrameworkCore;
using Polis.Data;

namespace Polis.Activities;

/// <summary>
/// The only ways to read <see cref="ActivityCoverageKey"/>: each joins the keys to an activity query that carries the
/// access rule (the query filter of <see cref="Activity"/>), so a key of an activity the reader may not see is never
/// counted or returned. (A key's <see cref="ActivityCoverageKey.Access"/> copies its activity's level for the cells'
/// triggers, but not its grants: a key must never be read from its set directly.) Keys are written with their activity,
/// as <see cref="Activity.CoverageKeys"/>: by EF with a save, or set-based by <see cref="StoreActivities"/>.
/// </summary>
internal static class ActivityCoverageKeys
{
    /// <summary>
    /// The keys of the activities the reader may see, each checked by its activity's primary key (a correlated
    /// EXISTS): for reads of a few keys, such as the overlap check's window.
    /// </summary>
    public static IQueryable<ActivityCoverageKey> Visible(PolisDb db) =>
        db.Set<ActivityCoverageKey>().AsNoTracking().Where(k => db.Set<Activity>().Any(a => a.Id == k.ActivityId));

    /// <summary>The counts (<see cref="ActivityCoverageCount"/>) of the keys of the activities the reader may see, each checked by its activity's primary key.</summary>
    public static IQueryable<ActivityCoverageCount> VisibleCounts(PolisDb db) =>
        db.Set<ActivityCoverageCount>().AsNoTracking().Where(k => db.Set<Activity>().Any(a => a.Id == k.ActivityId));

    /// <summary>The counts (<see cref="ActivityCoverageCount"/>) of the keys of the activities of <paramref name="activities"/>, as an IN over its ids.</summary>
    public static IQueryable<ActivityCoverageCount> CountsOf(PolisDb db, IQueryable<Activity> activities)
    {
        var ids = activities.Select(a => a.Id);
        return db.Set<ActivityCoverageCount>().AsNoTracking().Where(k => ids.Contains(k.ActivityId));
    }

    /// <summary>
    /// Inserts the keys of new activities (in primary-key order) inside the caller's transaction, and adds their counts
    /// to the cells (<see cref="ActivityCoverageCell"/>). On PostgreSQL the statement-level trigger does that with one
    /// grouped upsert per statement. SQLite's triggers run once per row, which was some 40 % of the keys' insert time
    /// (about 8 keys per activity): there the write marks its transaction with a row of <c>act_coverage_bulk</c>, which
    /// the insert trigger checks (migration CoverageKeyIndexes), inserts the keys, adds them to the cells with one
    /// grouped upsert (each key in each cell it counts in, as the trigger and the view act_coverage_count count it), and
    /// deletes the mark before the caller commits (no other connection ever sees it; a failed write rolls it back). <c>KeepingTheCoverageKeys</c> proves the cells equal the keys' sums after a bulk write.
    /// </summary>
    internal static async Task AddNewAsync(PolisDb db, IReadOnlyList<ActivityCoverageKey> keys, CancellationToken ct)
    {
        var type = BulkInsert.EntityType<ActivityCoverageKey>(db);
        if (db is not SqlitePolisDb || keys.Count == 0)
        {
            await BulkInsert.InsertAsync(db, type, keys, null, ct);
            return;
        }
        // New rows take rowids above the largest (the write holds SQLite's only write lock): these are the rows summed.
        var before = await db.Database.SqlQuery<long>($"SELECT COALESCE(MAX(rowid), 0) AS Value FROM act_coverage_key").SingleAsync(ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO act_coverage_bulk (Marker) VALUES (1)", ct);
        await BulkInsert.InsertAsync(db, type, keys, null, ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO act_coverage_cell (Year, State, Priority, Access, Activities, Participants, Women)
            SELECT Year, State, Priority, Access, COUNT(*), SUM(Participants), SUM(Women) FROM (
              SELECT Year, State, Priority, Access, Participants, Women FROM act_coverage_key WHERE rowid > {before} AND Access <> 'Restricted'
              UNION ALL SELECT Year, State, '', Access, Participants, Women FROM act_coverage_key WHERE rowid > {before} AND Access <> 'Restricted' AND InStateTotal
              UNION ALL SELECT Year, '', Priority, Access, Participants, Women FROM act_coverage_key WHERE rowid > {before} AND Access <> 'Restricted' AND InPriorityTotal)
            WHERE true GROUP BY Year, State, Priority, Access
            ON CONFLICT (Year, State, Priority, Access) DO UPDATE SET Activities = Activities + excluded.Activities,
              Participants = Participants + excluded.Participants, Women = Women + excluded.Women
            """, ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM act_coverage_bulk", ct);
    }
}
