using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;
using static Polis.Tests.Activities.ActivityRequests;

namespace Polis.Tests.Activities;

/// <summary>
/// The overlap warning in the answer to a save: an editor who records an activity in Russian (API POST and PUT, and the
/// form) is told of a similar English activity of another structure, explained; a restricted near-twin the editor may
/// not see is never listed, counted or named.
/// </summary>
public abstract class WarningOfOverlapsAtSave(PolisApp app) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly OverlapLabelledSet.Base Community = OverlapLabelledSet.Bases.Single(b => b.Key == "kg-community");
    private const string TwinTitle = "Osh: police and residents build partnerships";

    internal sealed record Setup(Guid English, Guid RestrictedTwin);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PolisApp, Task<Setup>> Setups = [];
    private Setup setup = null!;

    public async ValueTask InitializeAsync() => setup = await Setups.GetValue(app, CreateSetupAsync);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // Another year than the other activity tests' scenarios, so that their overlaps and totals stay as they expect.
    private static async Task<Setup> CreateSetupAsync(PolisApp app)
    {
        var english = await CoordinatingActivities.AddAsync(app, "SPMU", "en", "Community policing workshop in Osh", Community.English, ["KG"],
            "PoliceDevelopmentAndReform", new(2019, 4, 10), 30, 12, AccessLevel.Public, []);
        var twin = await CoordinatingActivities.AddAsync(app, "TNTD", "en", TwinTitle, Community.Reworded, ["KG"], "PoliceDevelopmentAndReform",
            new(2019, 4, 12), 18, 9, AccessLevel.Restricted, [AccessGrant.ToOrganisation("TNTD")]);
        return new Setup(english, twin);
    }

    private static JsonObject Russian(string start = "2019-04-19") => Valid("Семинар по общественно ориентированной полицейской деятельности в Оше", b =>
    {
        b["language"] = "ru";
        b["description"] = Community.Russian;
        b["owner"] = "CBISHKEK";
        b["coOrganisers"] = new JsonArray();
        b["partners"] = new JsonArray();
        b["priorities"] = new JsonArray("PoliceDevelopmentAndReform");
        b["subAreas"] = new JsonArray();
        b["states"] = new JsonArray("KG");
        b["location"] = "Ош";
        b["locationState"] = "KG";
        b["startsOn"] = start;
        b["endsOn"] = start;
        b["participantsByState"] = new JsonArray();
    });

    [Fact]
    public async Task An_editor_registering_in_Russian_is_told_of_the_similar_English_activity_of_another_structure_in_the_answer()
    {
        var editor = await app.EditorOfAsync("CBISHKEK");
        // The check scores from the stored features (KeepingTheOverlapFeatures): the restricted twin has its row too,
        // so what follows proves the access rule over them (the features are read only joined to visible activities).
        var analyzer = app.Services.GetRequiredService<Polis.Activities.Overlaps.OverlapFeatureAnalyzer>();
        var stored = await app.QueryAsync(db => db.Set<Polis.Activities.Overlaps.ActivityOverlapFeatures>().AsNoTracking()
            .Where(f => f.ActivityId == setup.RestrictedTwin || f.ActivityId == setup.English).Select(f => f.Version).ToListAsync(Ct));
        Assert.Equal([analyzer.Version, analyzer.Version], stored);

        var response = await editor.PostAsJsonAsync("/api/v1/activities", Russian(), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var saved = JsonSerializer.Deserialize<Saved>(text, Json)!;
        var warning = Assert.Single(saved.Overlaps!);                      // the English one; the restricted twin is not counted
        Assert.Equal(setup.English, warning.Id);
        Assert.Equal("ru", warning.Language);
        Assert.Equal("en", warning.OtherLanguage);
        Assert.Equal(9, warning.DaysApart);
        Assert.Equal($"same state, same priority, 9 days apart, {warning.ContentSimilarity:0.00} content similarity, Russian ↔ English", warning.Explanation);
        Assert.DoesNotContain(setup.RestrictedTwin.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TwinTitle, text, StringComparison.Ordinal);

        // The twin is there to be found: its own structure's editor is warned of it for the same activity.
        var tntd = await app.EditorOfAsync("TNTD");
        var forTntd = await tntd.GetFromJsonAsync<List<CoordinatingActivities.Warning>>($"/api/v1/activities/{saved.Id}/overlaps", Json, Ct);
        Assert.Contains(forTntd!, w => w.Id == setup.RestrictedTwin);

        // A GET of the activity does not carry the warnings (one GET away, as /overlaps).
        Assert.DoesNotContain("\"overlaps\"", await editor.GetStringAsync($"/api/v1/activities/{saved.Id}", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_PUT_answers_the_warnings_of_the_activity_as_changed()
    {
        var editor = await app.EditorOfAsync("CBISHKEK");
        var (id, version) = await CreateAsync(editor, Russian("2019-09-01"));   // far from the English one: no warning yet

        var moved = Russian("2019-04-14");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/activities/{id}") { Content = JsonContent.Create(moved) };
        request.Headers.IfMatch.ParseAdd($"\"{version}\"");
        var response = await editor.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var warning = Assert.Single(JsonSerializer.Deserialize<Saved>(text, Json)!.Overlaps!);
        Assert.Equal(setup.English, warning.Id);
        Assert.Equal(4, warning.DaysApart);
        Assert.DoesNotContain(TwinTitle, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_lands_the_editor_on_the_activity_with_the_warning_explained_in_their_language()
    {
        var editor = await app.EditorOfAsync("CBISHKEK");
        editor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var token = await PolisApp.AntiforgeryTokenAsync(editor, "/activities/new");
        var form = new FormUrlEncodedContent(
        [
            new("Input.Language", "ru"), new("Input.Title", "Семинар для участковых в Оше"), new("Input.Description", Community.Russian),
            new("Input.Owner", "CBISHKEK"), new("Input.Type", "Workshop"), new("Input.Status", "Planned"), new("Input.States", "KG"),
            new("Input.Priorities", "PoliceDevelopmentAndReform"), new("Input.StartsOn", "2019-04-22"), new("Input.EndsOn", "2019-04-23"),
            new("Input.Access", "Public"), new("__RequestVerificationToken", token), new("Version", "0"),
        ]);

        var saved = await editor.PostAsync("/activities/new", form, Ct);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = WebUtility.HtmlDecode(await editor.GetStringAsync(saved.Headers.Location!.OriginalString, Ct));
        Assert.Contains("data-testid=\"overlap-warnings\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/activities/{setup.English}\"", page, StringComparison.Ordinal);
        Assert.Contains("разница 12 дн.", page, StringComparison.Ordinal);
        Assert.Contains("русский ↔ английский", page, StringComparison.Ordinal);
        Assert.DoesNotContain(TwinTitle, page, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.RestrictedTwin.ToString(), page, StringComparison.OrdinalIgnoreCase);
    }

    internal sealed record Saved(Guid Id, int Version, List<CoordinatingActivities.Warning>? Overlaps);
}

public sealed class WarningOfOverlapsAtSaveOnSqlite(SqliteApp app) : WarningOfOverlapsAtSave(app), IClassFixture<SqliteApp>;

public sealed class WarningOfOverlapsAtSaveOnPostgres(PostgresApp app) : WarningOfOverlapsAtSave(app), IClassFixture<PostgresApp>;
