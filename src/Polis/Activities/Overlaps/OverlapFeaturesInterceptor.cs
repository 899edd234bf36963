using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Polis.Activities.Overlaps;

/// <summary>
/// Keeps <see cref="ActivityOverlapFeatures"/> equal to a fresh analysis of each activity's text: in every save that
/// adds an activity or changes one or its texts (the form, the API, the CSV import, the generator, the demo seed: they
/// all save through EF), the changed activities are analysed and their features row added or rewritten in the same
/// SaveChanges, so in the same transaction. A bulk save's activities are analysed in parallel. A text changed without
/// its activity in the save (no path does this) leaves its row marked stale (version 0), never wrong.
/// </summary>
internal sealed class OverlapFeaturesInterceptor(OverlapFeatureAnalyzer analyzer) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        RecordAsync(eventData.Context, false, default).AsTask().GetAwaiter().GetResult();   // completes synchronously
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        await RecordAsync(eventData.Context, true, cancellationToken);
        return result;
    }

    private async ValueTask RecordAsync(DbContext? db, bool async, CancellationToken ct)
    {
        if (db is null) return;
        var tracker = db.ChangeTracker;
        // One scan for changes (Entries() detects them when automatic detection is on; the bulk paths detect first).
        var entries = tracker.Entries().ToList();
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var activities = new Dictionary<Guid, EntityEntry>();
            var texts = new HashSet<Guid>();
            var stored = new Dictionary<Guid, ActivityOverlapFeatures>();
            foreach (var entry in entries)
            {
                switch (entry.Entity)
                {
                    case Activity a:
                        activities[a.Id] = entry;
                        break;
                    case ActivityText t when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                        texts.Add(t.ActivityId);
                        break;
                    case ActivityOverlapFeatures f:
                        stored[f.ActivityId] = f;
                        break;
                }
            }
            var changed = new List<(Activity Activity, bool Added)>();
            foreach (var (id, entry) in activities)
            {
                if (entry.State is EntityState.Added or EntityState.Modified || (entry.State == EntityState.Unchanged && texts.Contains(id)))
                {
                    changed.Add(((Activity)entry.Entity, entry.State == EntityState.Added));
                }
            }
            // The stored rows of the changed activities that are not new, in one query (none in a bulk insert).
            var lookup = changed.Where(c => !c.Added).Select(c => c.Activity.Id).Concat(texts.Where(t => !activities.ContainsKey(t)))
                .Where(id => !stored.ContainsKey(id)).ToList();
            if (lookup.Count > 0)
            {
                var query = db.Set<ActivityOverlapFeatures>().Where(f => lookup.Contains(f.ActivityId));
                foreach (var row in async ? await query.ToListAsync(ct) : query.ToList())
                {
                    stored[row.ActivityId] = row;
                }
            }
            var analysed = analyzer.AnalyseAll([.. changed.Select(c => c.Activity)], ct);
            for (var i = 0; i < changed.Count; i++)
            {
                var activity = changed[i].Activity;
                if (stored.GetValueOrDefault(activity.Id) is not { } row)
                {
                    db.Add(ActivityOverlapFeatures.Of(activity.Id, analysed[i]));
                }
                else
                {
                    row.Set(analysed[i]);
                    db.Entry(row).State = db.Entry(row).State == EntityState.Added ? EntityState.Added : EntityState.Modified;
                }
            }
            // A text saved without its activity: its features can no longer be trusted until rebuilt.
            foreach (var id in texts.Where(t => !activities.ContainsKey(t)))
            {
                if (stored.GetValueOrDefault(id) is { } row)
                {
                    row.MarkStale();
                    db.Entry(row).State = EntityState.Modified;
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
