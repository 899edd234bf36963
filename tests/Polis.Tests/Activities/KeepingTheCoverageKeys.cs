using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Polis.Activities;
using Polis.Tests.Fixtures;
using static Polis.Tests.Activities.ActivityRequests;

namespace Polis.Tests.Activities;

/// <summary>
/// The side table of the overlap check and the coverage matrix (<see cref="ActivityCoverageKey"/>: activity × State ×
/// priority, with each State's and each priority's total row) is written with every save and follows an edit: a key
/// that no longer applies is gone, the dates and participants of the others follow, and the matrix moves with it.
/// (That a restricted activity changes neither a cell nor a warning for a reader who may not see it is proved over the
/// same table by CoordinatingActivities.)
/// </summary>
public abstract class KeepingTheCoverageKeys(PolisApp app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task An_edit_moves_the_activity_in_the_side_table_and_in_the_coverage_matrix()
    {
        var editor = await app.EditorOfAsync("SPMU");
        var coordinator = await app.CoordinatorAsync();
        var (id, version) = await CreateAsync(editor, Valid("Side table workshop", b =>
        {
            b["startsOn"] = "2014-07-18";
            b["endsOn"] = "2014-07-20";
        }));

        Assert.Equal(
            [("", "OrganizedCrime"), ("KG", ""), ("KG", "OrganizedCrime"), ("KZ", ""), ("KZ", "OrganizedCrime"), ("TJ", ""), ("TJ", "OrganizedCrime")],
            (await KeysAsync(id)).Select(k => (k.State, k.Priority)));
        Assert.All(await KeysAsync(id), k => Assert.Equal((new DateOnly(2014, 7, 18), 2014, 30, 9), (k.StartsOn, k.Year, k.Participants, k.Women)));
        var before = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/activities/coverage?year=2014", Json, Ct);
        Assert.Equal(1, Cell(before, "KG", "OrganizedCrime").GetProperty("activities").GetInt32());
        Assert.Equal(30, Cell(before, "KG", "OrganizedCrime").GetProperty("participants").GetInt32());

        var moved = Valid("Side table workshop", b =>
        {
            b["startsOn"] = "2015-03-02";
            b["endsOn"] = "2015-03-03";
            b["states"] = new JsonArray("RS");
            b["priorities"] = new JsonArray("OrganizedCrime", "Cybercrime");
            b["subAreas"] = new JsonArray();
            b["locationState"] = "RS";
            b["participantsByState"] = new JsonArray();
            b["participantsTotal"] = 40;
            b["participantsWomen"] = 20;
            b["participantsMen"] = 20;
        });
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/activities/{id}") { Content = JsonContent.Create(moved) };
        request.Headers.IfMatch.ParseAdd($"\"{version}\"");
        var response = await editor.SendAsync(request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal([("", "Cybercrime"), ("", "OrganizedCrime"), ("RS", ""), ("RS", "Cybercrime"), ("RS", "OrganizedCrime")],
            (await KeysAsync(id)).Select(k => (k.State, k.Priority)));
        Assert.All(await KeysAsync(id), k => Assert.Equal((new DateOnly(2015, 3, 2), 2015, 40, 20), (k.StartsOn, k.Year, k.Participants, k.Women)));
        var old = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/activities/coverage?year=2014", Json, Ct);
        Assert.DoesNotContain(old.GetProperty("cells").EnumerateArray(), c => c.GetProperty("state").GetString() == "KG" && c.GetProperty("priority").GetString() == "OrganizedCrime");
        var now = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/activities/coverage?year=2015", Json, Ct);
        Assert.Equal(40, Cell(now, "RS", "Cybercrime").GetProperty("participants").GetInt32());
        Assert.Equal(1, Cell(now, "RS", "OrganizedCrime").GetProperty("activities").GetInt32());
        // Two cells of one row, but one activity in the row's total.
        Assert.Equal(1, now.GetProperty("stateTotals").GetProperty("RS").GetProperty("activities").GetInt32());
        Assert.Equal(40, now.GetProperty("stateTotals").GetProperty("RS").GetProperty("participants").GetInt32());
    }

    private async Task<List<ActivityCoverageKey>> KeysAsync(Guid id) =>
        [.. (await app.QueryAsync(db => db.Set<ActivityCoverageKey>().AsNoTracking().Where(k => k.ActivityId == id).ToListAsync(Ct)))
            .OrderBy(k => k.State, StringComparer.Ordinal).ThenBy(k => k.Priority, StringComparer.Ordinal)];

    private static JsonElement Cell(JsonElement matrix, string state, string priority) =>
        matrix.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("state").GetString() == state && c.GetProperty("priority").GetString() == priority)
            .GetProperty("counts");
}

public sealed class KeepingTheCoverageKeysOnSqlite(SqliteApp app) : KeepingTheCoverageKeys(app), IClassFixture<SqliteApp>;

public sealed class KeepingTheCoverageKeysOnPostgres(PostgresApp app) : KeepingTheCoverageKeys(app), IClassFixture<PostgresApp>;
