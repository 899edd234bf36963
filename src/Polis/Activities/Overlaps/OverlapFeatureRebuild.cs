using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polis.Data;
using Polis.Platform;

namespace Polis.Activities.Overlaps;

/// <summary>
/// Rewrites the stored overlap features (<see cref="ActivityOverlapFeatures"/>) that are missing or of another analysis
/// version than the one that would run now (<see cref="OverlapFeatureAnalyzer.Version"/>): after the glossary or the
/// lexicon changed, or for activities stored before the features were (the migration <c>OverlapFeatures</c> adds the
/// table empty). Until then such activities are analysed afresh in each check that meets them (correct, slower).
/// <c>polis activities features</c>; in batches, each in its own transaction.
/// </summary>
internal static class OverlapFeatureRebuild
{
    public const int Batch = 500;

    /// <summary>Rewrites every stale or missing row; answers how many.</summary>
    public static async Task<int> RunAsync(PolisDb db, OverlapFeatureAnalyzer analyzer, IProgress<int>? progress, CancellationToken ct)
    {
        var done = 0;
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        try
        {
            while (true)
            {
                var version = analyzer.Version;
                const string reason = "derived data: the overlap features of every activity are rebuilt whoever may read it";
                var ids = await (from a in db.AllRecords<Activity>(reason)
                                 join f in db.Set<ActivityOverlapFeatures>() on a.Id equals f.ActivityId into stored
                                 from f in stored.DefaultIfEmpty()
                                 where f == null || f.Version != version
                                 orderby a.Id
                                 select a.Id).Take(Batch).ToListAsync(ct);
                if (ids.Count == 0) return done;
                var activities = await db.AllRecords<Activity>(reason).AsNoTracking().Include(a => a.Texts).AsSplitQuery()
                    .Where(a => ids.Contains(a.Id)).ToListAsync(ct);
                var analysed = analyzer.AnalyseAll(activities, ct);
                if (analysed.Any(a => a.Version != version))
                {
                    continue;   // the lexicon changed meanwhile: again with the new version
                }
                var rows = await db.Set<ActivityOverlapFeatures>().Where(f => ids.Contains(f.ActivityId)).ToDictionaryAsync(f => f.ActivityId, ct);
                for (var i = 0; i < activities.Count; i++)
                {
                    if (rows.TryGetValue(activities[i].Id, out var row))
                    {
                        row.Set(analysed[i]);
                    }
                    else
                    {
                        db.Add(ActivityOverlapFeatures.Of(activities[i].Id, analysed[i]));
                    }
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                done += activities.Count;
                progress?.Report(done);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary><c>polis activities features</c>.</summary>
    public static Command Command(CommandHost host)
    {
        var command = new Command("features", "Rewrite the stored overlap features of the activities whose features are missing or were made by another glossary or lexicon (after changing the lexicon, or once after upgrading). Exit codes: 0 done; 2 configuration error; 3 database unreachable.");
        command.SetAction((parse, ct) => host.RunAsync(async (sp, _) =>
        {
            await sp.GetRequiredService<PolisSetup>().MigrateAsync(ct);
            var lexicon = sp.GetRequiredService<Polis.Search.LexiconSource>().Preload();
            var count = await RunAsync(sp.GetRequiredService<PolisDb>(), sp.GetRequiredService<OverlapFeatureAnalyzer>(), null, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Rewrote the overlap features of {count} activities (lexicon: {lexicon.State})."));
            return 0;
        }, ct));
        return command;
    }
}
