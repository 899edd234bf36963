using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Polis.Activities;
using Polis.Activities.Demo;
using Polis.Searching.Contracts;
using Polis.Tests.Fixtures;
using static Polis.Tests.Activities.ActivityRequests;

namespace Polis.Tests.Activities;

/// <summary>
/// The demo activities (DOMAIN.md, some in Russian) seed once and are found through the platform's search service in
/// the language they are written in, with the module's own facets; the generator makes the same activities from the
/// same seed; restricted activities stay out of search for those who may not read them.
/// </summary>
public abstract class SeedingAndSearchingActivities(PolisApp app)
{
    [Fact]
    public async Task The_demo_activities_seed_once_some_in_Russian_and_are_searchable_in_their_language()
    {
        var first = await app.WithServiceAsync<DemoActivities, int>(d => d.SeedAsync(Ct));
        var second = await app.WithServiceAsync<DemoActivities, int>(d => d.SeedAsync(Ct));
        Assert.Equal(DemoActivities.All().Count, first);
        Assert.Equal(0, second);
        var russian = await app.QueryAsync(db => db.AllRecords<Activity>("test").CountAsync(a => a.Language == "ru", Ct));
        Assert.True(russian >= 3, $"{russian} demo activities in Russian");
        await app.WithServiceAsync<ISearchService, bool>(s => s.CatchUpAsync(Ct));

        var ru = JsonNode.Parse(await app.Anonymous().GetStringAsync("/api/v1/activities/search?q=" + Uri.EscapeDataString("мобильные приёмные полиции"), Ct))!;
        Assert.Contains(ru["hits"]!.AsArray(), h => ((string)h!["title"]!).Contains("Кыргызстане", StringComparison.Ordinal)
            || ((string)h["title"]!).Contains("Kyrgyzstan", StringComparison.Ordinal));
        var en = JsonNode.Parse(await app.Anonymous().GetStringAsync("/api/v1/activities/search?q=cybercrime+Belgrade&state=RS", Ct))!;
        Assert.Contains(en["hits"]!.AsArray(), h => ((string)h!["title"]!).Contains("Belgrade", StringComparison.Ordinal)
            || ((string)h["title"]!).Contains("Белграде", StringComparison.Ordinal));
        Assert.True(en["facets"]!["type"]!.AsArray().Count > 0);
    }

    [Fact]
    public async Task A_restricted_activity_is_found_only_by_those_who_may_read_it()
    {
        var editor = await app.EditorOfAsync("SPMU");
        await CreateAsync(editor, Valid("Confidential assessment of the xylophonic border posts", b =>
        {
            b["access"] = "Restricted";
            b["allowedParties"] = new JsonArray("org:SPMU");
        }));
        const string query = "/api/v1/activities/search?q=xylophonic";
        Assert.Equal(0, (int)JsonNode.Parse(await app.Anonymous().GetStringAsync(query, Ct))!["total"]!);
        Assert.Equal(1, (int)JsonNode.Parse(await editor.GetStringAsync(query, Ct))!["total"]!);
    }

    [Fact]
    public async Task The_generator_makes_the_same_activities_from_the_same_seed()
    {
        var r0 = new Random(7);
        var a = Enumerable.Range(0, 50).Select(i => ActivityGenerator.Next(r0, i)).ToList();
        var r1 = new Random(11);
        var r2 = new Random(11);
        var one = Enumerable.Range(0, 50).Select(i => ActivityGenerator.Next(r1, i)).Select(v => (v.Texts[0].Title, v.Owner, v.StartsOn, v.ParticipantsTotal)).ToList();
        var two = Enumerable.Range(0, 50).Select(i => ActivityGenerator.Next(r2, i)).Select(v => (v.Texts[0].Title, v.Owner, v.StartsOn, v.ParticipantsTotal)).ToList();
        Assert.Equal(one, two);
        Assert.Contains(a, v => v.Language == "ru");
        var before = await app.QueryAsync(db => db.AllRecords<Activity>("test").Select(x => x.Id).ToListAsync(Ct));
        var added = await app.WithServiceAsync<ActivityGenerator, int>(g => g.GenerateAsync(120, 3, null, Ct));
        Assert.Equal(120, added);
        Assert.True(await app.QueryAsync(db => db.AllRecords<Activity>("test").CountAsync(x => x.Title.Contains("no. 120") || x.Title.Contains("№120"), Ct)) >= 1);
        // Generated activities pass the same checks as typed ones (their codes come from the reference data).
        // Only what the generator made: other tests of this fixture add their own records (a restricted marker too).
        var sample = await app.QueryAsync(db => db.AllRecords<Activity>("test").Where(x => !before.Contains(x.Id)).Include(x => x.Texts).Include(x => x.BudgetLines).Include(x => x.ParticipantsByState)
            .AsSplitQuery().OrderBy(x => x.Id).Take(20).ToListAsync(Ct));
        foreach (var activity in sample)
        {
            var errors = await app.WithServiceAsync<SaveActivity, Dictionary<string, string[]>>(s => s.ValidateAsync(ToInput(activity), null, Polis.Accounts.Contracts.Viewer.System, Ct));
            Assert.True(errors.Count == 0, activity.Title + ": " + string.Join("; ", errors.SelectMany(e => e.Value)));
        }
    }

    /// <summary>A stored activity as the form's input (its original-language title; no translations, participation by State or grants).</summary>
    internal static ActivityInput ToInput(Activity a) => new()
    {
        Language = a.Language,
        Title = a.Title,
        Owner = a.OwnerCode,
        CoOrganisers = [.. a.CoOrganisers],
        Type = a.Type,
        Status = a.Status,
        Priorities = [.. a.Priorities],
        SubAreas = [.. a.SubAreas],
        LinesOfAction = [.. a.LinesOfAction],
        States = [.. a.States],
        Agencies = [.. a.Agencies],
        Partners = [.. a.Partners],
        Location = a.Location,
        StartsOn = a.StartsOn,
        EndsOn = a.EndsOn,
        ParticipantsTotal = a.ParticipantsTotal,
        ParticipantsWomen = a.ParticipantsWomen,
        ParticipantsMen = a.ParticipantsMen,
        BudgetLines = [.. a.BudgetLines.Select(b => new BudgetLineInput { Amount = b.Amount, Currency = b.Currency, Funding = b.Funding, Donor = b.Donor })],
        Access = a.Access,
    };
}

public sealed class SeedingAndSearchingActivitiesOnSqlite(SqliteApp app) : SeedingAndSearchingActivities(app), IClassFixture<SqliteApp>;
public sealed class SeedingAndSearchingActivitiesOnPostgres(PostgresApp app) : SeedingAndSearchingActivities(app), IClassFixture<PostgresApp>;
