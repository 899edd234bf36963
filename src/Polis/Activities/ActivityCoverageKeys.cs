using Microsoft.EntityFrameworkCore;
using Polis.Data;

namespace Polis.Activities;

/// <summary>
/// The only ways to read <see cref="ActivityCoverageKey"/>: each joins the keys to an activity query that carries the
/// access rule (the query filter of <see cref="Activity"/>), so a key of an activity the reader may not see is never
/// counted or returned. (A key's <see cref="ActivityCoverageKey.Access"/> copies its activity's level for the cells'
/// triggers, but not its grants: a key must never be read from its set directly.) Keys are written with their activity:
/// by EF with a save, or set-based by <see cref="StoreActivities"/>.
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
    /// Writes the keys of the stored activities <paramref name="ids"/> from their stored columns in one statement (the
    /// bulk store: thousands of activities, six keys each on average, which as parameters cost the driver more than the
    /// database). The SQL is <see cref="ActivityCoverageKey.KeysOf"/>'s rule, as the migration ActivityCoverageCells
    /// writes it (each State with each priority, each State alone, each priority alone, the activity alone);
    /// StoringActivitiesInBulk proves the rows equal to an EF save's, KeepingTheCoverageKeys the migration's.
    /// </summary>
    public static async Task InsertForAsync(PolisDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        if (db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true)
        {
            // Ids as EF stores them on SQLite (upper-case text), in one JSON array parameter.
            var json = System.Text.Json.JsonSerializer.Serialize(ids.Select(id => id.ToString().ToUpperInvariant()));
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO act_coverage_key (ActivityId, State, Priority, StartsOn, Year, Participants, Women, Access)
                SELECT * FROM (
                  SELECT a.Id, s.value, p.value, a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0), a.Access
                  FROM act_activity a, json_each(a.States) s, json_each(a.Priorities) p WHERE a.Id IN (SELECT value FROM json_each({json}))
                  UNION
                  SELECT a.Id, s.value, '', a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0), a.Access
                  FROM act_activity a, json_each(a.States) s WHERE a.Id IN (SELECT value FROM json_each({json}))
                  UNION
                  SELECT a.Id, '', p.value, a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0), a.Access
                  FROM act_activity a, json_each(a.Priorities) p WHERE a.Id IN (SELECT value FROM json_each({json}))
                  UNION
                  SELECT a.Id, '', '', a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0), a.Access
                  FROM act_activity a WHERE a.Id IN (SELECT value FROM json_each({json}))
                ) ORDER BY 1, 2, 3
                """, ct);
        }
        else
        {
            var array = ids.ToArray();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO act_coverage_key ("ActivityId", "State", "Priority", "StartsOn", "Year", "Participants", "Women", "Access")
                SELECT a."Id", k.s, k.p, a."StartsOn", EXTRACT(YEAR FROM a."StartsOn")::int, COALESCE(a."ParticipantsTotal", 0), COALESCE(a."ParticipantsWomen", 0), a."Access"
                FROM act_activity a CROSS JOIN LATERAL (
                  SELECT s.s, p.p FROM unnest(a."States") AS s(s), unnest(a."Priorities") AS p(p)
                  UNION SELECT s.s, '' FROM unnest(a."States") AS s(s)
                  UNION SELECT '', p.p FROM unnest(a."Priorities") AS p(p)
                  UNION SELECT '', '') AS k(s, p)
                WHERE a."Id" = ANY({array})
                ORDER BY 1, 2, 3
                """, ct);
        }
    }
}
