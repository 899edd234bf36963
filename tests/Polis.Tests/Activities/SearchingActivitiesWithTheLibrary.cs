using System.Net;
using System.Text.Json.Nodes;
using Polis.Tests.Fixtures;
using static Polis.Tests.Activities.ActivityRequests;

namespace Polis.Tests.Activities;

/// <summary>
/// One search box for the library and the activities (GET /api/v1/search and the page /search): each hit shows its
/// kind and links to its page, the kinds are a filter with counts, and a restricted record is absent for whoever may
/// not read it, from the hits, the total and the kind counts alike.
/// </summary>
public abstract class SearchingActivitiesWithTheLibrary(PolisApp app)
{
    /// <summary>A made-up word only this test's records contain.</summary>
    private static string Marker() => "zq" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    private async Task<(Guid Document, Guid HiddenDocument, Guid Activity, Guid HiddenActivity)> RecordsAsync(string marker)
    {
        var document = await app.CreateDocumentAsync(new { title = $"Report on {marker} policing in Osh", type = "Report", access = "Public" });
        var hiddenDocument = await app.CreateDocumentAsync(new { title = $"Restricted memo on {marker} matters", type = "Report", access = "Restricted", allowedParties = new[] { "org:SPMU" } });
        var editor = await app.EditorOfAsync("SPMU");
        var (activity, _) = await CreateAsync(editor, Valid($"Workshop on {marker} policing"));
        var (hiddenActivity, _) = await CreateAsync(editor, Valid($"Confidential {marker} assessment", b =>
        {
            b["access"] = "Restricted";
            b["allowedParties"] = new JsonArray("org:SPMU");
        }));
        return (document, hiddenDocument, activity, hiddenActivity);
    }

    [Fact]
    public async Task One_search_finds_documents_and_activities_each_with_its_kind_and_page_and_counts_per_kind()
    {
        var marker = Marker();
        var (document, hiddenDocument, activity, hiddenActivity) = await RecordsAsync(marker);

        var text = await app.Anonymous().GetStringAsync($"/api/v1/search?q={marker}", Ct);
        var answer = JsonNode.Parse(text)!;

        Assert.Equal(2, (int)answer["total"]!);
        var hits = answer["hits"]!.AsArray();
        var doc = Assert.Single(hits, h => (string)h!["id"]! == document.ToString())!;
        Assert.Equal("library", (string)doc["kind"]!);
        Assert.Equal("Library document", (string)doc["kindLabel"]!);
        Assert.Equal($"/library/documents/{document}", (string)doc["url"]!);
        var act = Assert.Single(hits, h => (string)h!["id"]! == activity.ToString())!;
        Assert.Equal("activities", (string)act["kind"]!);
        Assert.Equal("Activity", (string)act["kindLabel"]!);
        Assert.Equal($"/activities/{activity}", (string)act["url"]!);
        Assert.Equal(1, Count(answer, "library"));
        Assert.Equal(1, Count(answer, "activities"));
        Assert.DoesNotContain(hiddenDocument.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(hiddenActivity.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Confidential", text, StringComparison.Ordinal);

        // Each hit's link is its page.
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync((string)act["url"]!, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync((string)doc["url"]!, Ct)).StatusCode);

        // The restricted ones are there for a reader who may read them: hits, total and counts.
        var spmu = JsonNode.Parse(await (await app.EditorOfAsync("SPMU")).GetStringAsync($"/api/v1/search?q={marker}", Ct))!;
        Assert.Equal(4, (int)spmu["total"]!);
        Assert.Equal(2, Count(spmu, "library"));
        Assert.Equal(2, Count(spmu, "activities"));
        Assert.Contains(spmu["hits"]!.AsArray(), h => (string)h!["id"]! == hiddenActivity.ToString());
    }

    [Fact]
    public async Task The_kind_filter_keeps_one_kind_and_an_unknown_kind_is_a_clear_error()
    {
        var marker = Marker();
        var (_, _, activity, _) = await RecordsAsync(marker);

        var only = JsonNode.Parse(await app.Anonymous().GetStringAsync($"/api/v1/search?q={marker}&kind=activities", Ct))!;
        Assert.Equal(1, (int)only["total"]!);
        Assert.Equal(activity.ToString(), (string)Assert.Single(only["hits"]!.AsArray())!["id"]!);
        Assert.Equal(1, Count(only, "library"));   // the other kinds are still counted, to switch to them

        var bad = await app.Anonymous().GetAsync($"/api/v1/search?q={marker}&kind=spreadsheets", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("spreadsheets", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_page_shows_both_kinds_with_their_labels_links_and_counts_and_nothing_restricted()
    {
        var marker = Marker();
        var (document, _, activity, _) = await RecordsAsync(marker);

        var page = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync($"/search?q={marker}", Ct));
        Assert.Contains($"href=\"/library/documents/{document}\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/activities/{activity}\"", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"kind\" data-testid=\"kind\">Activity</span>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"kind\" data-testid=\"kind\">Library document</span>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"count\" data-value=\"activities\">1</span>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"count\" data-value=\"library\">1</span>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Confidential", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Restricted memo", page, StringComparison.Ordinal);

        var russian = app.Anonymous();
        russian.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var inRussian = WebUtility.HtmlDecode(await russian.GetStringAsync($"/search?q={marker}&kind=library", Ct));
        Assert.Contains("Документ библиотеки", inRussian, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/activities/{activity}\"", inRussian, StringComparison.Ordinal);

        // The home page's box leads here.
        Assert.Contains("action=\"/search\"", await app.Anonymous().GetStringAsync("/", Ct), StringComparison.Ordinal);
    }

    private static long Count(JsonNode answer, string kind) =>
        (long)answer["kinds"]!.AsArray().Single(k => (string)k!["kind"]! == kind)!["count"]!;
}

public sealed class SearchingActivitiesWithTheLibraryOnSqlite(SqliteApp app) : SearchingActivitiesWithTheLibrary(app), IClassFixture<SqliteApp>;

public sealed class SearchingActivitiesWithTheLibraryOnPostgres(PostgresApp app) : SearchingActivitiesWithTheLibrary(app), IClassFixture<PostgresApp>;
