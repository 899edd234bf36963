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

    /// <summary>
    /// The keys of the activities of <paramref name="activities"/> (a query over <c>Set&lt;Activity&gt;()</c>, so under
    /// the access rule, with any further filter), as an IN over its ids: for aggregates over many keys.
    /// </summary>
    public static IQueryable<ActivityCoverageKey> Of(PolisDb db, IQueryable<Activity> activities)
    {
        var ids = activities.Select(a => a.Id);
        return db.Set<ActivityCoverageKey>().AsNoTracking().Where(k => ids.Contains(k.ActivityId));
    }
}
