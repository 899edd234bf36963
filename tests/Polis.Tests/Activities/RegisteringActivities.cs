using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Polis.Activities;
using Polis.Tests.Fixtures;
using static Polis.Tests.Activities.ActivityRequests;

namespace Polis.Tests.Activities;

/// <summary>
/// Issue 22, the activity record over the JSON API: an activity is registered with every part (texts, participants,
/// budget lines in exact decimals), every bad input is answered at once keyed by field, the write rule decides who may
/// register and edit, a stale edit is refused with the other writer's changes, and every change is in the history.
/// </summary>
public abstract class RegisteringActivities(PolisApp app)
{
    [Fact]
    public async Task An_editor_registers_an_activity_and_reads_it_back_with_its_parts()
    {
        var editor = await app.EditorOfAsync("SPMU");
        var (id, _) = await CreateAsync(editor, Valid(change: b => b["translations"] = new JsonArray(new JsonObject
        {
            ["language"] = "ru",
            ["title"] = "Региональный семинар по возвращению преступных активов",
            ["description"] = "Следователи из Центральной Азии.",
        })));
        var response = await app.Anonymous().GetAsync($"/api/v1/activities/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("SPMU", (string)json["owner"]!);
        Assert.Equal("Workshop", (string)json["type"]!);
        Assert.Equal(12500.50m, (decimal)json["budgetLines"]![0]!["amount"]!);
        Assert.Equal("ExtraBudgetary", (string)json["budgetLines"]![1]!["funding"]!);
        Assert.Equal("Germany", (string)json["budgetLines"]![1]!["donor"]!);
        Assert.Equal(12, (int)json["participantsByState"]![0]!["count"]!);
        Assert.Equal("ru", (string)json["translations"]![0]!["language"]!);
        Assert.Equal(new[] { "Police", "Prosecution" }, json["agencies"]!.AsArray().Select(a => (string)a!));
        // Money is stored exactly (decimal), not as a floating-point approximation.
        var stored = await app.QueryAsync(db => db.AllRecords<Activity>("test").Where(a => a.Id == id).SelectMany(a => a.BudgetLines).Select(b => b.Amount).ToListAsync(Ct));
        Assert.Contains(12500.50m, stored);
    }

    [Fact]
    public async Task Every_bad_value_is_answered_at_once_each_under_its_field()
    {
        var editor = await app.EditorOfAsync("SPMU");
        var body = Valid("Bad\u0007 title", b =>
        {
            b["startsOn"] = "2012-07-20";
            b["endsOn"] = "2012-07-18";
            b["participantsTotal"] = 10;
            b["participantsWomen"] = 12;
            b["participantsMen"] = -1;
            b["states"] = new JsonArray("KZ", "ZZ");
            b["priorities"] = new JsonArray("NoSuchPriority");
            b["coOrganisers"] = new JsonArray("NOPE");
            b["budgetLines"] = new JsonArray(
                new JsonObject { ["amount"] = 10.005m, ["currency"] = "EUR", ["funding"] = "UnifiedBudget" },
                new JsonObject { ["amount"] = 100, ["currency"] = "XXY", ["funding"] = "UnifiedBudget" },
                new JsonObject { ["amount"] = 100.5m, ["currency"] = "JPY", ["funding"] = "UnifiedBudget" });
        });
        var response = await editor.PostAsJsonAsync("/api/v1/activities", body, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["errors"]!.AsObject();
        string Error(string field) => string.Join(" ", errors[field]?.AsArray().Select(e => (string)e!) ?? []);
        Assert.Contains("control characters", Error("Title"), StringComparison.Ordinal);
        Assert.Contains("2012-07-18 is before the start date 2012-07-20", Error("EndsOn"), StringComparison.Ordinal);
        Assert.Contains("12 women is more than the 10", Error("ParticipantsWomen"), StringComparison.Ordinal);
        Assert.Contains("cannot be negative", Error("ParticipantsMen"), StringComparison.Ordinal);
        Assert.Contains("'ZZ'", Error("States"), StringComparison.Ordinal);
        Assert.Contains("'NoSuchPriority'", Error("Priorities"), StringComparison.Ordinal);
        Assert.Contains("'NOPE'", Error("CoOrganisers"), StringComparison.Ordinal);
        Assert.Contains("more decimals than EUR allows (2)", Error("BudgetLines[0].Amount"), StringComparison.Ordinal);
        Assert.Contains("'XXY' is not an ISO 4217 currency code", Error("BudgetLines[1].Currency"), StringComparison.Ordinal);
        Assert.Contains("more decimals than JPY allows (0)", Error("BudgetLines[2].Amount"), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("Bad\u0007 title"));
    }

    [Fact]
    public async Task Women_and_men_together_may_not_exceed_the_total_nor_an_unknown_structure_own_it()
    {
        var coordinator = await app.CoordinatorAsync();
        var response = await coordinator.PostAsJsonAsync("/api/v1/activities", Valid("Sums that do not add up", b =>
        {
            b["participantsTotal"] = 20;
            b["participantsWomen"] = 12;
            b["participantsMen"] = 10;
            b["owner"] = "NOWHERE";
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["errors"]!.AsObject();
        Assert.Contains("12 women and 10 men are more than the 20", (string)errors["ParticipantsMen"]![0]!, StringComparison.Ordinal);
        Assert.Contains("'NOWHERE'", (string)errors["Owner"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editors_write_their_own_structures_activities_and_coordinators_all()
    {
        var spmu = await app.EditorOfAsync("SPMU");
        var other = await app.EditorOfAsync("MSRB");
        var forbidden = await other.PostAsJsonAsync("/api/v1/activities", Valid("Not my structure's workshop"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(0, await CountAsync("Not my structure's workshop"));

        var (id, version) = await CreateAsync(spmu, Valid("A workshop of the Strategic Police Matters Unit"));
        var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/activities/{id}") { Content = JsonContent.Create(Valid("Taken over by Serbia")) };
        edit.Headers.IfMatch.ParseAdd($"\"{version}\"");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.SendAsync(edit, Ct)).StatusCode);
        Assert.Equal(1, await CountAsync("A workshop of the Strategic Police Matters Unit"));

        var coordinator = await app.CoordinatorAsync();
        var byCoordinator = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/activities/{id}") { Content = JsonContent.Create(Valid("Renamed by the coordinator")) };
        byCoordinator.Headers.IfMatch.ParseAdd($"\"{version}\"");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.SendAsync(byCoordinator, Ct)).StatusCode);
        Assert.Equal(1, await CountAsync("Renamed by the coordinator"));
        // The refused attempt is audited.
        Assert.True(await app.QueryAsync(db => db.Set<Polis.Data.AuditEntry>().AnyAsync(a => a.Entity == nameof(Activity) && a.Action == "Refused", Ct)));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_the_other_writers_changes_and_nothing_is_overwritten()
    {
        var editor = await app.EditorOfAsync("SPMU");
        var (id, version) = await CreateAsync(editor, Valid("Cybercrime investigation course"));
        var first = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/activities/{id}")
        {
            Content = JsonContent.Create(Valid("Cybercrime investigation course in Belgrade", b => b["participantsTotal"] = 36)),
        };
        first.Headers.IfMatch.ParseAdd($"\"{version}\"");
        Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(first, Ct)).StatusCode);

        var second = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/activities/{id}") { Content = JsonContent.Create(Valid("My stale title")) };
        second.Headers.IfMatch.ParseAdd($"\"{version}\"");
        var stale = await editor.SendAsync(second, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = JsonNode.Parse(await stale.Content.ReadAsStringAsync(Ct))!;
        var changes = problem["theirChanges"]!.AsArray();
        var title = changes.Single(c => (string)c!["field"]! == "Title")!;
        Assert.Equal("Cybercrime investigation course", (string)title["old"]!);
        Assert.Equal("Cybercrime investigation course in Belgrade", (string)title["new"]!);
        var total = changes.Single(c => (string)c!["field"]! == "ParticipantsTotal")!;
        Assert.Equal(("30", "36"), ((string)total["old"]!, (string)total["new"]!));
        Assert.Equal(version + 1, (int)problem["currentVersion"]!);
        Assert.Equal(0, await CountAsync("My stale title"));

        var history = JsonNode.Parse(await editor.GetStringAsync($"/api/v1/activities/{id}/history", Ct))!.AsArray();
        Assert.Equal(2, history.Count);
        Assert.Contains(history[0]!["changes"]!.AsArray(), c => (string)c!["field"]! == "Title" && (string)c["new"]! == "Cybercrime investigation course in Belgrade");
    }

    [Fact]
    public async Task An_edit_without_If_Match_is_refused_and_an_invisible_activity_is_absent()
    {
        var editor = await app.EditorOfAsync("SPMU");
        var (id, _) = await CreateAsync(editor, Valid("Restricted needs assessment", b =>
        {
            b["access"] = "Restricted";
            b["allowedParties"] = new JsonArray("org:SPMU");
        }));
        var put = await editor.PutAsJsonAsync($"/api/v1/activities/{id}", Valid("No version"), Ct);
        Assert.Equal(HttpStatusCode.PreconditionRequired, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/v1/activities/{id}", Ct)).StatusCode);
        var list = JsonNode.Parse(await app.Anonymous().GetStringAsync("/api/v1/activities?pageSize=100", Ct))!;
        Assert.DoesNotContain(list["items"]!.AsArray(), a => (string)a!["id"]! == id.ToString());
    }

    private Task<int> CountAsync(string title) => app.QueryAsync(db => db.AllRecords<Activity>("test").CountAsync(a => a.Title == title, Ct));
}

public sealed class RegisteringActivitiesOnSqlite(SqliteApp app) : RegisteringActivities(app), IClassFixture<SqliteApp>;
public sealed class RegisteringActivitiesOnPostgres(PostgresApp app) : RegisteringActivities(app), IClassFixture<PostgresApp>;
