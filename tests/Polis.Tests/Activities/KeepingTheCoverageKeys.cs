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
            b["startsOn"] = "2003-07-18";
            b["endsOn"] = "2003-07-20";
        }));

        Assert.Equal(
            [("", "", false, false), ("KG", "OrganizedCrime", true, false), ("KZ", "OrganizedCrime", true, true), ("TJ", "OrganizedCrime", true, false)],
            (await KeysAsync(id)).Select(k => (k.State, k.Priority, k.InStateTotal, k.InPriorityTotal)));
        Assert.All(await KeysAsync(id), k => Assert.Equal((new DateOnly(2003, 7, 18), 2003, 30, 9), (k.StartsOn, k.Year, k.Participants, k.Women)));
        var before = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/activities/coverage?year=2003", Json, Ct);
        Assert.Equal(1, Cell(before, "KG", "OrganizedCrime").GetProperty("activities").GetInt32());
        Assert.Equal(30, Cell(before, "KG", "OrganizedCrime").GetProperty("participants").GetInt32());

        var moved = Valid("Side table workshop", b =>
        {
            b["startsOn"] = "2004-03-02";
            b["endsOn"] = "2004-03-03";
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

        // The State's total now counts the row of the first priority (OrganizedCrime), each priority's total its RS row.
        Assert.Equal([("", "", false, false), ("RS", "Cybercrime", false, true), ("RS", "OrganizedCrime", true, true)],
            (await KeysAsync(id)).Select(k => (k.State, k.Priority, k.InStateTotal, k.InPriorityTotal)));
        Assert.All(await KeysAsync(id), k => Assert.Equal((new DateOnly(2004, 3, 2), 2004, 40, 20), (k.StartsOn, k.Year, k.Participants, k.Women)));
        var old = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/activities/coverage?year=2003", Json, Ct);
        Assert.DoesNotContain(old.GetProperty("cells").EnumerateArray(), c => c.GetProperty("state").GetString() == "KG" && c.GetProperty("priority").GetString() == "OrganizedCrime");
        var now = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/activities/coverage?year=2004", Json, Ct);
        Assert.Equal(40, Cell(now, "RS", "Cybercrime").GetProperty("participants").GetInt32());
        Assert.Equal(1, Cell(now, "RS", "OrganizedCrime").GetProperty("activities").GetInt32());
        // Two cells of one row, but one activity in the row's total.
        Assert.Equal(1, now.GetProperty("stateTotals").GetProperty("RS").GetProperty("activities").GetInt32());
        Assert.Equal(40, now.GetProperty("stateTotals").GetProperty("RS").GetProperty("participants").GetInt32());
    }

    /// <summary>
    /// The key rule lives in two places: <c>ActivityCoverageKey.KeysOf</c> (every save, the bulk path) and the SQL of the
    /// migration CoverageKeyTotals (the activities stored before it). Refilled by that SQL, the side table holds the
    /// same rows as the code wrote; and the cells the triggers kept are the sums the migration's SQL computes from them.
    /// </summary>
    [Fact]
    public async Task The_migration_s_SQL_makes_the_same_keys_as_the_code_and_the_triggers_keep_the_cells_equal_to_their_sums()
    {
        await app.WithServiceAsync<Polis.Activities.Demo.ActivityGenerator, int>(g => g.GenerateAsync(150, 11, null, Ct));
        var editor = await app.EditorOfAsync("SPMU");
        await CreateAsync(editor, Valid("Key rule workshop", b =>
        {
            b["access"] = "Restricted";
            b["allowedParties"] = new JsonArray("org:SPMU");
        }));
        await CreateAsync(editor, Valid("Key rule workshop without States", b =>
        {
            b["states"] = new JsonArray();
            b["locationState"] = null;
            b["participantsByState"] = new JsonArray();
        }));
        var written = await AllKeysAsync();
        var cells = await CellsAsync();
        Assert.Contains(written, k => k.Access == "Restricted");
        Assert.Contains(written, k => k.State == "" && k.Priority == "");

        var sqlite = app.Provider == Polis.Data.DatabaseProvider.Sqlite;
        await RunAsync(sqlite ? Polis.Data.Migrations.Sqlite.CoverageKeyTotals.RefillKeys : Polis.Data.Migrations.Postgres.CoverageKeyTotals.RefillKeys);
        Assert.Equal(written, await AllKeysAsync());
        // The refill deleted and inserted every key: the triggers moved every cell out and back.
        Assert.Equal(cells, await CellsAsync());
        await RunAsync(sqlite ? Polis.Data.Migrations.Sqlite.CoverageKeyTotals.FillCells : Polis.Data.Migrations.Postgres.CoverageKeyTotals.FillCells);
        Assert.Equal(cells, await CellsAsync());
        Assert.NotEmpty(cells);
    }

    /// <summary>Runs the migration's SQL as it is (a constant, no input).</summary>
    private Task<int> RunAsync(string sql) => app.QueryAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(Ct);
    });

    private async Task<List<string>> CellsAsync() =>
        [.. (await app.QueryAsync(db => db.Set<ActivityCoverageCell>().AsNoTracking().Where(c => c.Activities != 0 || c.Participants != 0 || c.Women != 0).ToListAsync(Ct)))
            .Select(c => $"{c.Year} {c.State} {c.Priority} {c.Access}: {c.Activities} {c.Participants} {c.Women}").Order(StringComparer.Ordinal)];

    private async Task<List<(Guid ActivityId, string State, string Priority, DateOnly StartsOn, int Year, int Participants, int Women, string Access, bool InStateTotal, bool InPriorityTotal)>> AllKeysAsync() =>
        [.. (await app.QueryAsync(db => db.Set<ActivityCoverageKey>().AsNoTracking().ToListAsync(Ct)))
            .Select(k => (k.ActivityId, k.State, k.Priority, k.StartsOn, k.Year, k.Participants, k.Women, k.Access.ToString(), k.InStateTotal, k.InPriorityTotal))
            .OrderBy(k => k.ActivityId).ThenBy(k => k.State, StringComparer.Ordinal).ThenBy(k => k.Priority, StringComparer.Ordinal)];

    private async Task<List<ActivityCoverageKey>> KeysAsync(Guid id) =>
        [.. (await app.QueryAsync(db => db.Set<ActivityCoverageKey>().AsNoTracking().Where(k => k.ActivityId == id).ToListAsync(Ct)))
            .OrderBy(k => k.State, StringComparer.Ordinal).ThenBy(k => k.Priority, StringComparer.Ordinal)];

    private static JsonElement Cell(JsonElement matrix, string state, string priority) =>
        matrix.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("state").GetString() == state && c.GetProperty("priority").GetString() == priority)
            .GetProperty("counts");
}

public sealed class KeepingTheCoverageKeysOnSqlite(SqliteApp app) : KeepingTheCoverageKeys(app), IClassFixture<SqliteApp>;

public sealed class KeepingTheCoverageKeysOnPostgres(PostgresApp app) : KeepingTheCoverageKeys(app), IClassFixture<PostgresApp>;
