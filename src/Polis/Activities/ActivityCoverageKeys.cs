using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Polis.Data;

namespace Polis.Activities;

/// <summary>
/// The only ways to read <see cref="ActivityCoverageKey"/>: each joins the keys to an activity query that carries the
/// access rule (the query filter of <see cref="Activity"/>), so a key of an activity the reader may not see is never
/// counted or returned. (A key has no access level of its own, so it must never be read from its set directly.)
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

    /// <summary>
    /// Bulk writes (the CSV import): takes the keys of <paramref name="activities"/> out of EF's save (they would be
    /// one insert each, some five per activity); <see cref="InsertAsync"/> then writes them set-based after the save,
    /// in the same transaction. Call after the last DetectChanges, with AutoDetectChanges off until the save.
    /// </summary>
    public static void Detach(PolisDb db, IEnumerable<Activity> activities)
    {
        foreach (var activity in activities)
        {
            // Detaching fixes up the navigation (the key leaves CoverageKeys), so the list is copied first.
            foreach (var key in activity.CoverageKeys.ToList())
            {
                db.Entry(key).State = EntityState.Detached;
            }
        }
    }

    /// <summary>
    /// Writes the keys of the activities <paramref name="ids"/>, just saved in the caller's transaction, with one
    /// set-based statement from their stored columns (the same rows as <see cref="Activity"/> derives; the same SQL as
    /// the migration <c>ActivityCoverageKeys</c> that filled them for the activities stored before it).
    /// </summary>
    public static async Task InsertAsync(PolisDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        if (db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true)
        {
            // EF stores a Guid on SQLite as upper-case text.
            var list = JsonSerializer.Serialize(ids.Select(i => i.ToString().ToUpperInvariant()));
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO act_coverage_key (ActivityId, State, Priority, StartsOn, Year, Participants, Women)
                SELECT a.Id, s.value, p.value, a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0)
                FROM act_activity a, json_each(a.States) s, json_each(a.Priorities) p WHERE a.Id IN (SELECT value FROM json_each({list}))
                UNION
                SELECT a.Id, s.value, '', a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0)
                FROM act_activity a, json_each(a.States) s WHERE a.Id IN (SELECT value FROM json_each({list}))
                UNION
                SELECT a.Id, '', p.value, a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0)
                FROM act_activity a, json_each(a.Priorities) p WHERE a.Id IN (SELECT value FROM json_each({list}))
                """, ct);
        }
        else
        {
            var list = ids.ToArray();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO act_coverage_key ("ActivityId", "State", "Priority", "StartsOn", "Year", "Participants", "Women")
                SELECT a."Id", s.s, p.p, a."StartsOn", EXTRACT(YEAR FROM a."StartsOn")::int, COALESCE(a."ParticipantsTotal", 0), COALESCE(a."ParticipantsWomen", 0)
                FROM act_activity a, unnest(a."States") AS s(s), unnest(a."Priorities") AS p(p) WHERE a."Id" = ANY({list})
                UNION
                SELECT a."Id", s.s, '', a."StartsOn", EXTRACT(YEAR FROM a."StartsOn")::int, COALESCE(a."ParticipantsTotal", 0), COALESCE(a."ParticipantsWomen", 0)
                FROM act_activity a, unnest(a."States") AS s(s) WHERE a."Id" = ANY({list})
                UNION
                SELECT a."Id", '', p.p, a."StartsOn", EXTRACT(YEAR FROM a."StartsOn")::int, COALESCE(a."ParticipantsTotal", 0), COALESCE(a."ParticipantsWomen", 0)
                FROM act_activity a, unnest(a."Priorities") AS p(p) WHERE a."Id" = ANY({list})
                """, ct);
        }
    }
}
