using System.Net;
using System.Text.Json.Nodes;
using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;
using static Polis.Tests.Activities.ActivityRequests;

namespace Polis.Tests.Activities;

/// <summary>
/// The editor's flow in the pages: register with errors (every one at once, each linked to its field), correct, save,
/// see it listed and filtered, edit, and a stale edit refused with the other writer's changes shown field by field.
/// </summary>
public abstract class UsingTheActivityPages(PolisApp app)
{
    private static FormUrlEncodedContent Form(string token, int version, params (string Key, string Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string>("Input." + f.Key, f.Value)), new("__RequestVerificationToken", token),
            new("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    private static (string, string)[] Good(string title) =>
    [
        ("Language", "ru"), ("Title", title), ("Description", "Учебный курс для следователей по киберпреступности."), ("Owner", "MSRB"),
        ("Type", "TrainingCourse"), ("Status", "Completed"), ("States", "RS"), ("States", "ME"), ("Priorities", "Cybercrime"),
        ("LinesOfAction", "Training"), ("StartsOn", "2010-11-01"), ("EndsOn", "2010-11-19"), ("ParticipantsTotal", "18"),
        ("ParticipantsWomen", "5"), ("ParticipantsMen", "13"), ("BudgetLines[0].Amount", "4500.00"), ("BudgetLines[0].Currency", "EUR"),
        ("BudgetLines[0].Funding", "UnifiedBudget"), ("Access", "Public"),
    ];

    [Fact]
    public async Task An_editor_corrects_every_error_in_one_round_saves_and_finds_the_activity_listed()
    {
        var editor = await app.EditorOfAsync("MSRB");
        var token = await PolisApp.AntiforgeryTokenAsync(editor, "/activities/new");
        var bad = await editor.PostAsync("/activities/new", Form(token, 0,
            ("Language", "ru"), ("Title", "К"), ("Owner", "MSRB"), ("Type", "TrainingCourse"), ("StartsOn", "2010-11-19"), ("EndsOn", "2010-11-01"),
            ("ParticipantsTotal", "-3"), ("ParticipantsWomen", "abc"), ("States", "ZZ"), ("BudgetLines[0].Amount", "12,5"),
            ("BudgetLines[0].Currency", "EUR"), ("BudgetLines[1].Amount", "10.123"), ("BudgetLines[1].Currency", "EUR"), ("Access", "Public")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync(Ct));
        Assert.Contains("data-testid=\"error-summary\"", html, StringComparison.Ordinal);
        foreach (var expected in new[]
                 {
                     "Title must be 2 to 500 characters long.", "The end date 2010-11-01 is before the start date 2010-11-19.",
                     "'-3' is not a whole number", "'abc' is not a whole number", "'ZZ' is not known to Polis",
                     "'12,5' is not an amount", "The amount 10.123 has more decimals than EUR allows (2).",
                 })
            Assert.Contains(expected, html, StringComparison.Ordinal);
        foreach (var id in new[] { "f-Title", "f-EndsOn", "f-ParticipantsTotal", "f-States", "f-BudgetLines-0-Amount", "f-BudgetLines-1-Amount" })
            Assert.Contains($"<a href=\"#{id}\">", html, StringComparison.Ordinal);

        var good = await editor.PostAsync("/activities/new", Form(token, 0, Good("Курс по расследованию киберпреступлений")), Ct);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var page = await editor.GetStringAsync(good.Headers.Location!.OriginalString, Ct);
        Assert.Contains("Курс по расследованию киберпреступлений", page, StringComparison.Ordinal);
        Assert.Contains("4,500.00", page, StringComparison.Ordinal);

        var list = await app.Anonymous().GetStringAsync("/activities?state=RS&year=2010&type=TrainingCourse", Ct);
        Assert.Contains("Курс по расследованию киберпреступлений", list, StringComparison.Ordinal);
        var other = await app.Anonymous().GetStringAsync("/activities?state=RS&year=2011", Ct);
        Assert.DoesNotContain("Курс по расследованию киберпреступлений", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_edit_in_the_form_shows_what_the_other_editor_changed_and_saves_nothing()
    {
        var editor = await app.EditorOfAsync("MSRB");
        var colleague = await app.EditorOfAsync("MSRB");
        var token = await PolisApp.AntiforgeryTokenAsync(editor, "/activities/new");
        var created = await editor.PostAsync("/activities/new", Form(token, 0, Good("Курс для следователей")), Ct);
        var id = created.Headers.Location!.OriginalString.Split('/')[^1];

        var colleagueToken = await PolisApp.AntiforgeryTokenAsync(colleague, $"/activities/{id}/edit");
        var theirs = Good("Курс для следователей в Белграде").Select(f => f.Item1 == "Location" ? f : f).Append(("Location", "Belgrade")).ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.PostAsync($"/activities/{id}/edit", Form(colleagueToken, 0, theirs), Ct)).StatusCode);

        var mine = await editor.PostAsync($"/activities/{id}/edit", Form(token, 0, Good("Моё название")), Ct);
        Assert.Equal(HttpStatusCode.Conflict, mine.StatusCode);
        var html = WebUtility.HtmlDecode(await mine.Content.ReadAsStringAsync(Ct));
        Assert.Contains("data-testid=\"stale\"", html, StringComparison.Ordinal);
        Assert.Contains("<td dir=\"auto\">Курс для следователей</td><td dir=\"auto\">Курс для следователей в Белграде</td>", html, StringComparison.Ordinal);
        Assert.Contains("Belgrade", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Моё название\"", html, StringComparison.Ordinal);   // the writer's input is kept
        var view = await app.Anonymous().GetStringAsync($"/activities/{id}", Ct);
        Assert.Contains("Курс для следователей в Белграде", view, StringComparison.Ordinal);
        Assert.DoesNotContain("Моё название", view, StringComparison.Ordinal);

        var history = WebUtility.HtmlDecode(await editor.GetStringAsync($"/activities/{id}/history", Ct));
        Assert.Contains("Курс для следователей в Белграде", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_of_another_structure_gets_no_form_for_an_activity_not_theirs()
    {
        var owner = await app.EditorOfAsync("MSRB");
        var (id, _) = await CreateAsync(owner, Valid("Workshop of the Mission to Serbia", b => b["owner"] = "MSRB"));
        var other = await app.EditorOfAsync("SPMU");
        var response = await other.GetAsync($"/activities/{id}/edit", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("data-testid=\"write-refused\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var member = await app.SignedInAsync(Role.Member);
        Assert.Equal(HttpStatusCode.Redirect, (await member.GetAsync("/activities/new", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_list_pages_through_the_filtered_activities_keeping_the_filters()
    {
        var editor = await app.EditorOfAsync("BSMU");
        for (var i = 0; i < 27; i++)
            await CreateAsync(editor, Valid($"Border post visit {i:00}", b =>
            {
                b["owner"] = "BSMU";
                b["states"] = new JsonArray("TJ");
                b["priorities"] = new JsonArray("IllicitDrugs");
                b["type"] = "StudyVisit";
                b["startsOn"] = $"2014-03-{i + 1:00}";
                b["endsOn"] = $"2014-03-{i + 1:00}";
            }));
        var first = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync("/activities?structure=BSMU&priority=IllicitDrugs", Ct));
        Assert.Contains("27 activities found.", first, StringComparison.Ordinal);
        Assert.Contains("Border post visit 26", first, StringComparison.Ordinal);   // latest first
        Assert.DoesNotContain("Border post visit 01", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/activities?structure=BSMU&priority=IllicitDrugs&page=2\"", first, StringComparison.Ordinal);
        var second = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync("/activities?structure=BSMU&priority=IllicitDrugs&page=2", Ct));
        Assert.Contains("Border post visit 01", second, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", second, StringComparison.Ordinal);
        var api = JsonNode.Parse(await app.Anonymous().GetStringAsync("/api/v1/activities?structure=BSMU&type=StudyVisit&pageSize=10&page=3", Ct))!;
        Assert.Equal(27, (int)api["total"]!);
        Assert.Equal(7, api["items"]!.AsArray().Count);
    }
}

public sealed class UsingTheActivityPagesOnSqlite(SqliteApp app) : UsingTheActivityPages(app), IClassFixture<SqliteApp>;
public sealed class UsingTheActivityPagesOnPostgres(PostgresApp app) : UsingTheActivityPages(app), IClassFixture<PostgresApp>;
