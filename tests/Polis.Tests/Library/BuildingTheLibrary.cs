using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Polis.Library;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

public abstract class BuildingTheLibrary(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string English =
        "Trafficking in human beings is a grave violation of human rights. Police officers who meet presumed victims " +
        "should identify them early and refer them to protection. This resource guide follows PC.DEC/1049 and SEC.GAL/77/13.";
    private static readonly string Russian =
        "Торговля людьми является грубым нарушением прав человека. Сотрудники полиции, встречающие предполагаемых жертв, " +
        "должны своевременно выявлять их и направлять для получения защиты. Руководство основано на PC.DEC/1049.";

    [Fact]
    public async Task A_guidebook_with_english_and_russian_editions_is_found_from_either_language()
    {
        var id = await app.CreateDocumentAsync(new
        {
            title = "Resource Police Training Guide: Trafficking in Human Beings",
            type = "Guidebook",
            access = "Public",
            priorities = new[] { "TraffickingInHumanBeings" },
            publishedOn = "2013-07-01",
            issuingBody = "SPMU",
            series = "SPMU Publication Series",
        });
        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(id, "en", "guide-en.txt", Encoding.UTF8.GetBytes(English + " Edition " + id))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(id, "ru", "guide-ru.txt", Encoding.UTF8.GetBytes(Russian + " Издание " + id),
            title: "Справочное руководство по подготовке полиции: торговля людьми")).StatusCode);

        var document = await app.Anonymous().GetFromJsonAsync<JsonObject>($"/api/v1/library/documents/{id}", PolisApp.Json, Ct);
        Assert.Equal(["en", "ru"], document!["editions"]!.AsArray().Select(e => (string)e!["language"]!).Order(StringComparer.Ordinal));

        var english = await app.SearchAsync(app.Anonymous(), "q=" + Uri.EscapeDataString("presumed victims") + "&translate=false");
        var hit = Assert.Single(english.Hits, h => h.Id == id.ToString());
        Assert.Contains(hit.Snippet, p => p.Highlighted && p.Text.Equals("victims", StringComparison.OrdinalIgnoreCase));

        var russian = await app.SearchAsync(app.Anonymous(), "q=" + Uri.EscapeDataString("жертвы торговли людьми") + "&translate=false");
        var ruHit = Assert.Single(russian.Hits, h => h.Id == id.ToString());
        Assert.Contains(ruHit.Snippet, p => p.Highlighted && p.Text.StartsWith("жертв", StringComparison.OrdinalIgnoreCase));

        var languages = english.Facets["language"];
        Assert.Contains(languages, f => f.Value == "ru" && f.Count >= 1);
        Assert.Contains(english.Facets["priority"], f => f.Value == "TraffickingInHumanBeings");
    }

    [Fact]
    public async Task A_real_pdf_is_extracted_and_searchable_and_a_scan_is_kept_and_marked()
    {
        var id = await app.CreateDocumentAsync(new { title = "Guidebook on Democratic Policing", type = "Guidebook", access = "Public", series = "SPMU Publication Series", volume = 1 });
        var pdf = await app.UploadAsync(id, "en", "guidebook.pdf", await File.ReadAllBytesAsync(PolisApp.FilePath("guidebook.pdf"), Ct));
        Assert.Equal(HttpStatusCode.Created, pdf.StatusCode);
        var results = await app.SearchAsync(app.Anonymous(), "q=" + Uri.EscapeDataString("\"fundamental rights and freedoms\""));
        Assert.Contains(results.Hits, h => h.Id == id.ToString());

        var scanId = await app.CreateDocumentAsync(new { title = "Scanned letter of 1994", type = "Article", access = "Public" });
        var scan = await app.UploadAsync(scanId, "en", "scanned.pdf", await File.ReadAllBytesAsync(PolisApp.FilePath("scanned.pdf"), Ct));
        Assert.Equal(HttpStatusCode.Created, scan.StatusCode);
        var view = await app.Anonymous().GetFromJsonAsync<DocumentView>($"/api/v1/library/documents/{scanId}", PolisApp.Json, Ct);
        var edition = Assert.Single(view!.Editions);
        Assert.Equal(TextStatus.NoText, edition.TextStatus);
        var download = await app.Anonymous().GetAsync(Assert.Single(edition.Files).Url, Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(PolisApp.FilePath("scanned.pdf"), Ct), await download.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Citations_link_both_ways_and_unknown_symbols_are_listed_for_librarians()
    {
        // A symbol of this test's own: the demo library already holds PC.DEC/1049.
        var symbol = $"PC.DEC/{Random.Shared.Next(20_000, 99_999)}";
        var decision = await app.CreateDocumentAsync(new { title = "Strategic Framework for Police-Related Activities", symbol, type = "Decision", access = "Public", publishedOn = "2012-07-26" });
        var guide = await app.CreateDocumentWithTextAsync(new { title = "Guide citing the framework", type = "Guidebook", access = "Public" }, "en",
            English.Replace("PC.DEC/1049", symbol, StringComparison.Ordinal) + " Citing copy.");

        var guideView = await app.Anonymous().GetFromJsonAsync<DocumentView>($"/api/v1/library/documents/{guide}", PolisApp.Json, Ct);
        Assert.Contains(guideView!.Cites, c => c.Symbol == symbol && c.DocumentId == decision);
        Assert.Null(Assert.Single(guideView.Cites, c => c.Symbol == "SEC.GAL/77/13").DocumentId);

        var decisionView = await app.Anonymous().GetFromJsonAsync<DocumentView>($"/api/v1/library/documents/{decision}", PolisApp.Json, Ct);
        Assert.Contains(decisionView!.CitedBy, c => c.DocumentId == guide);

        var page = await (await app.LibrarianAsync()).GetStringAsync("/library/unresolved", Ct);
        Assert.Contains("SEC.GAL/77/13", page, StringComparison.Ordinal);
        Assert.DoesNotContain($">{symbol}<", page, StringComparison.Ordinal);
        var html = await app.Anonymous().GetStringAsync($"/library/documents/{decision}", Ct);
        Assert.Contains("Guide citing the framework", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbol_finds_its_decision_first_whatever_its_case()
    {
        var target = await app.CreateDocumentAsync(new { title = "Ministerial Council Decision on combating terrorism", symbol = "MC.DEC/3/05", type = "Decision", access = "Public" });
        await app.CreateDocumentWithTextAsync(new { title = "Report mentioning decisions", type = "Report", access = "Public" }, "en",
            "The Ministerial Council decision MC.DEC/3/05 on combating terrorism is discussed here at length.");
        foreach (var q in new[] { "MC.DEC/3/05", "mc.dec/3/05" })
        {
            var results = await app.SearchAsync(app.Anonymous(), "q=" + Uri.EscapeDataString(q));
            Assert.Equal(target.ToString(), results.Hits[0].Id);
        }
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_409_and_changes_nothing()
    {
        var client = await app.LibrarianAsync();
        var id = await app.CreateDocumentAsync(new { title = "Original title", type = "Report", access = "Public" });
        var first = await client.GetAsync($"/api/v1/library/documents/{id}", Ct);
        var etag = first.Headers.ETag!.Tag;

        using var edit1 = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/library/documents/{id}") { Content = JsonContent.Create(new { title = "First editor's title", type = "Report", access = "Public" }) };
        edit1.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(edit1, Ct)).StatusCode);

        using var edit2 = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/library/documents/{id}") { Content = JsonContent.Create(new { title = "Second editor's title", type = "Report", access = "Public" }) };
        edit2.Headers.TryAddWithoutValidation("If-Match", etag);
        var conflict = await client.SendAsync(edit2, Ct);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        var now = await client.GetFromJsonAsync<DocumentView>($"/api/v1/library/documents/{id}", PolisApp.Json, Ct);
        Assert.Equal("First editor's title", now!.Title);
        var found = await app.SearchAsync(client, "q=" + Uri.EscapeDataString("\"First editor's title\""));
        Assert.Contains(found.Hits, h => h.Id == id.ToString());
    }

    [Fact]
    public async Task Only_editors_may_create_documents()
    {
        var member = await app.SignedInAsync(Polis.Accounts.Contracts.Role.Member);
        var response = await member.PostAsJsonAsync("/api/v1/library/documents", new { title = "Not allowed", type = "Report", access = "Public" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var anonymous = await app.Anonymous().PostAsJsonAsync("/api/v1/library/documents", new { title = "Not allowed", type = "Report", access = "Public" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}

public sealed class BuildingTheLibraryOnSqlite(SqliteApp app) : BuildingTheLibrary(app), IClassFixture<SqliteApp>;
public sealed class BuildingTheLibraryOnPostgres(PostgresApp app) : BuildingTheLibrary(app), IClassFixture<PostgresApp>;
