using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polis.Activities;
using Polis.Activities.Demo;
using Polis.Activities.Overlaps;
using Polis.Data;
using Polis.Search;
using Polis.Tests.Fixtures;
using static Polis.Tests.Activities.ActivityRequests;

namespace Polis.Tests.Activities;

/// <summary>
/// The overlap check's stored features (<see cref="ActivityOverlapFeatures"/>, issue 22 "Speed"): every save writes
/// the features a fresh analysis of the activity's text makes, an edit rewrites them, the bulk paths (the generator) and
/// the demo seed write them too; the check scores from them exactly as from a fresh analysis; a lexicon change makes
/// them stale (another version: analysed afresh when read, so the answer does not change) until the rebuild
/// (<c>polis activities features</c>) rewrites them. That a restricted activity changes no warning for a reader who
/// may not see it, over these stored features, is proved by WarningOfOverlapsAtSave and CoordinatingActivities.
/// </summary>
public abstract class KeepingTheOverlapFeatures(PolisApp app)
{
    [Fact]
    public async Task A_save_stores_the_features_of_a_fresh_analysis_and_an_edit_rewrites_them()
    {
        var editor = await app.EditorOfAsync("SPMU");
        var (id, version) = await CreateAsync(editor, Valid("Stored features workshop", b =>
            b["description"] = "A workshop on community policing and trust between police and residents in Osh."));

        var analyzer = app.Services.GetRequiredService<OverlapFeatureAnalyzer>();
        var stored = await FeaturesAsync(id);
        var fresh = analyzer.Analyse(await ActivityAsync(id));
        Assert.Equal(analyzer.Version, stored.Version);
        Assert.Equal(fresh.Version, stored.Version);
        Assert.True(FeatureVector.Read(stored.Language, stored.Vector)!.SameAs(fresh.Vector));
        Assert.Equal("en", stored.Language);

        var edited = Valid("Stored features workshop", b =>
            b["description"] = "Рабочее совещание по киберпреступности и цифровым доказательствам для следователей в Бишкеке.");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/activities/{id}") { Content = JsonContent.Create(edited) };
        request.Headers.IfMatch.ParseAdd($"\"{version}\"");
        var response = await editor.SendAsync(request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));

        var after = await FeaturesAsync(id);
        Assert.NotEqual(stored.Vector, after.Vector);
        var refreshed = analyzer.Analyse(await ActivityAsync(id));
        Assert.True(FeatureVector.Read(after.Language, after.Vector)!.SameAs(refreshed.Vector));
        Assert.False(FeatureVector.Read(stored.Language, stored.Vector)!.SameAs(refreshed.Vector));
    }

    [Fact]
    public async Task The_generator_and_the_demo_seed_store_the_features_of_every_activity()
    {
        var ids = await GenerateAsync(40);

        var analyzer = app.Services.GetRequiredService<OverlapFeatureAnalyzer>();
        var activities = await app.QueryAsync(db => db.AllRecords<Activity>("test: every activity's features").AsNoTracking()
            .Include(a => a.Texts).AsSplitQuery().ToListAsync(Ct));
        var rows = await app.QueryAsync(db => db.Set<ActivityOverlapFeatures>().AsNoTracking().ToDictionaryAsync(f => f.ActivityId, Ct));
        Assert.All(ids, id => Assert.Contains(id, rows.Keys));
        // Every activity, whichever path stored it (the seed's demo records, other tests' saves, the generator).
        Assert.All(activities, a =>
        {
            Assert.True(rows.TryGetValue(a.Id, out var row), a.Title);
            var fresh = analyzer.Analyse(a);
            Assert.True(FeatureVector.Read(row!.Language, row.Vector)!.SameAs(fresh.Vector), a.Title);
        });
    }

    [Fact]
    public async Task The_check_scores_from_stored_features_as_from_a_fresh_analysis_and_a_lexicon_change_is_rebuilt()
    {
        var editor = await app.EditorOfAsync("TNTD");
        var (english, _) = await CreateAsync(editor, Valid("Cybercrime investigation course for Serbian police", b =>
        {
            b["owner"] = "TNTD";
            b["description"] = "A five-day training course on cybercrime investigation and digital evidence for police investigators.";
            b["states"] = new System.Text.Json.Nodes.JsonArray("RS");
            b["priorities"] = new System.Text.Json.Nodes.JsonArray("Cybercrime");
            b["subAreas"] = new System.Text.Json.Nodes.JsonArray();
            b["locationState"] = "RS";
            b["participantsByState"] = new System.Text.Json.Nodes.JsonArray();
            b["startsOn"] = "2012-03-05";
            b["endsOn"] = "2012-03-09";
        }));
        var spmu = await app.EditorOfAsync("SPMU");
        var (russian, _) = await CreateAsync(spmu, Valid("Курс по расследованию киберпреступлений для полиции Сербии", b =>
        {
            b["language"] = "ru";
            b["description"] = "Пятидневный учебный курс по расследованию киберпреступлений и цифровым доказательствам для следователей полиции.";
            b["states"] = new System.Text.Json.Nodes.JsonArray("RS");
            b["priorities"] = new System.Text.Json.Nodes.JsonArray("Cybercrime");
            b["subAreas"] = new System.Text.Json.Nodes.JsonArray();
            b["locationState"] = "RS";
            b["participantsByState"] = new System.Text.Json.Nodes.JsonArray();
            b["startsOn"] = "2012-03-14";
            b["endsOn"] = "2012-03-16";
        }));

        var analyzer = app.Services.GetRequiredService<OverlapFeatureAnalyzer>();
        var fromStored = await CheckAsync(analyzer, russian);
        var warning = Assert.Single(fromStored, w => w.Id == english);
        Assert.Equal(("ru", "en", 9), (warning.Language, warning.OtherLanguage, warning.DaysApart));

        // The same check with every candidate analysed afresh (as a stale row is): the same warnings, figure for figure.
        await app.QueryAsync(db => db.Set<ActivityOverlapFeatures>().ExecuteUpdateAsync(s => s.SetProperty(f => f.Version, 0), Ct));
        Assert.Equal(Describe(fromStored), Describe(await CheckAsync(analyzer, russian)));
        Assert.True(await RebuildAsync(analyzer) >= 2);
        Assert.Equal(analyzer.Version, (await FeaturesAsync(english)).Version);

        // Another lexicon is another analysis: every stored row is stale for it, the check still answers (from a fresh
        // analysis with that lexicon), and the rebuild rewrites each row once.
        var lexicon = new LexiconSource(await SharedLexicon.PathAsync());
        Assert.Equal(LexiconState.Loaded, lexicon.Preload().State);
        var withLexicon = new OverlapFeatureAnalyzer(lexicon);
        Assert.NotEqual(analyzer.Version, withLexicon.Version);
        var stale = await CheckAsync(withLexicon, russian);
        Assert.Contains(stale, w => w.Id == english);
        var count = await app.QueryAsync(db => db.Set<ActivityOverlapFeatures>().CountAsync(Ct));
        Assert.Equal(count, await RebuildAsync(withLexicon));
        Assert.Equal(0, await RebuildAsync(withLexicon));
        var rebuilt = await FeaturesAsync(russian);
        Assert.Equal(withLexicon.Version, rebuilt.Version);
        Assert.True(FeatureVector.Read(rebuilt.Language, rebuilt.Vector)!.SameAs(withLexicon.Analyse(await ActivityAsync(russian)).Vector));
        Assert.Equal(Describe(stale), Describe(await CheckAsync(withLexicon, russian)));

        // Back to the application's own analysis for the other tests of this class.
        Assert.Equal(count, await RebuildAsync(analyzer));
    }

    private static string Describe(IReadOnlyList<OverlapWarning> warnings) =>
        string.Join("\n", warnings.Select(w => $"{w.Id} {w.Score} {w.ContentSimilarity} {w.Explanation}"));

    private async Task<IReadOnlyList<OverlapWarning>> CheckAsync(OverlapFeatureAnalyzer analyzer, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
        var activity = await db.AllRecords<Activity>("test: the activity checked").AsNoTracking().Include(a => a.Texts).AsSplitQuery().SingleAsync(a => a.Id == id, Ct);
        return await new OverlapCheck(db, analyzer).ForAsync(activity, Ct);
    }

    private async Task<int> RebuildAsync(OverlapFeatureAnalyzer analyzer)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await OverlapFeatureRebuild.RunAsync(scope.ServiceProvider.GetRequiredService<PolisDb>(), analyzer, null, Ct);
    }

    private async Task<List<Guid>> GenerateAsync(int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
        var before = await db.AllRecords<Activity>("test: which activities are new").Select(a => a.Id).ToListAsync(Ct);
        Assert.Equal(count, await scope.ServiceProvider.GetRequiredService<ActivityGenerator>().GenerateAsync(count, 5, null, Ct));
        return [.. (await db.AllRecords<Activity>("test: which activities are new").Select(a => a.Id).ToListAsync(Ct)).Except(before)];
    }

    private Task<ActivityOverlapFeatures> FeaturesAsync(Guid id) =>
        app.QueryAsync(db => db.Set<ActivityOverlapFeatures>().AsNoTracking().SingleAsync(f => f.ActivityId == id, Ct));

    private Task<Activity> ActivityAsync(Guid id) =>
        app.QueryAsync(db => db.AllRecords<Activity>("test: the activity analysed").AsNoTracking().Include(a => a.Texts).AsSplitQuery().SingleAsync(a => a.Id == id, Ct));
}

public sealed class KeepingTheOverlapFeaturesOnSqlite(SqliteApp app) : KeepingTheOverlapFeatures(app), IClassFixture<SqliteApp>;

public sealed class KeepingTheOverlapFeaturesOnPostgres(PostgresApp app) : KeepingTheOverlapFeatures(app), IClassFixture<PostgresApp>;
