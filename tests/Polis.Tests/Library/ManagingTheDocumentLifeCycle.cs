using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Library;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>
/// Draft, publish, withdraw, delete (issue 19, item 10): a new document is a draft that only its writers see, through
/// every channel; each transition is a write-rule action, audited; withdrawal keeps the record and its history;
/// deletion removes it and its files for good.
/// </summary>
public abstract class ManagingTheDocumentLifeCycle(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Word() => "lifecycle" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8));

    private async Task<(HttpStatusCode Api, HttpStatusCode Page, long Hits, bool Oai, bool Feed)> SeenByAsync(HttpClient client, Guid id, string word)
    {
        var api = (await client.GetAsync($"/api/v1/library/documents/{id}", Ct)).StatusCode;
        var page = (await client.GetAsync($"/library/documents/{id}", Ct)).StatusCode;
        var search = await app.SearchAsync(client, "q=" + word);
        Assert.Equal(search.Total, search.Hits.Count);   // totals agree with the hits
        var oai = (await client.GetStringAsync("/oai?verb=ListRecords&metadataPrefix=oai_dc", Ct)).Contains(word, StringComparison.Ordinal);
        var feed = (await client.GetStringAsync("/library/feed.atom", Ct)).Contains(word, StringComparison.Ordinal);
        return (api, page, search.Total, oai, feed);
    }

    [Fact]
    public async Task A_new_document_is_a_draft_that_only_its_writers_see_until_it_is_published_and_a_withdrawn_one_leaves_readers()
    {
        var word = Word();
        var editor = await app.SignedInAsync(Role.Editor, ["SPMU"]);
        var id = await app.CreateDocumentAsync(new { title = $"Draft guidebook {word}", type = "Guidebook", access = "Public", owner = "SPMU" }, editor, publish: false);
        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(id, "en", "draft.txt", Encoding.UTF8.GetBytes($"The {word} draft text."), editor)).StatusCode);

        var readers = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = app.Anonymous(),
            ["member"] = await app.SignedInAsync(Role.Member),
            ["editor MSRB"] = await app.SignedInAsync(Role.Editor, ["MSRB"]),
            ["focal point KG"] = await app.SignedInAsync(Role.FocalPoint, state: "KG"),
        };
        foreach (var (who, client) in readers)
            Assert.True((HttpStatusCode.NotFound, HttpStatusCode.NotFound, 0L, false, false) == await SeenByAsync(client, id, word), $"{who} sees the draft");

        var owner = await SeenByAsync(editor, id, word);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, 1L), (owner.Api, owner.Page, owner.Hits));
        Assert.False(owner.Oai);   // harvesters get published public records only
        var coordinator = await app.SignedInAsync(Role.Coordinator, ["TNTD"]);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/library/documents/{id}", Ct)).StatusCode);
        var view = await editor.GetFromJsonAsync<JsonObject>($"/api/v1/library/documents/{id}", PolisApp.Json, Ct);
        Assert.Equal("Draft", (string)view!["state"]!);

        await app.PublishAsync(id, editor);
        var published = await SeenByAsync(readers["anonymous"], id, word);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, 1L, true), (published.Api, published.Page, published.Hits, published.Oai));

        var noReason = await editor.PostAsJsonAsync($"/api/v1/library/documents/{id}/withdraw", new { reason = " " }, PolisApp.Json, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("\"reason\"", await noReason.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var withdrawn = await editor.PostAsJsonAsync($"/api/v1/library/documents/{id}/withdraw", new { reason = "Superseded by the 2026 edition" }, PolisApp.Json, Ct);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        foreach (var (who, client) in readers)
            Assert.True((HttpStatusCode.NotFound, HttpStatusCode.NotFound, 0L, false, false) == await SeenByAsync(client, id, word), $"{who} sees the withdrawn document");
        var kept = await editor.GetStringAsync($"/library/documents/{id}", Ct);
        Assert.Contains("Superseded by the 2026 edition", kept, StringComparison.Ordinal);
        var audit = await app.AuditOfAsync(id);
        Assert.Contains(audit, a => a.Action == "Modified" && a.Changes.Contains("State", StringComparison.Ordinal) && a.Changes.Contains("WithdrawalReason", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, a => a.Changes.Contains("Superseded", StringComparison.Ordinal));   // free text stays out of the audit
    }

    [Fact]
    public async Task Only_administrators_and_coordinators_delete_and_a_deleted_document_leaves_no_row_and_no_file()
    {
        var word = Word();
        var editor = await app.SignedInAsync(Role.Editor, ["SPMU"]);
        var id = await app.CreateDocumentAsync(new { title = $"To be deleted {word}", type = "Report", access = "Public", owner = "SPMU" }, editor);
        var bytes = Encoding.UTF8.GetBytes($"Deleted {word} text " + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(id, "en", "gone.txt", bytes, editor)).StatusCode);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var blob = app.Services.GetRequiredService<BlobStore>().PathOf(sha);
        Assert.True(File.Exists(blob));

        var refused = await editor.DeleteAsync($"/api/v1/library/documents/{id}", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(1, (await app.DocumentStateAsync(id)).Files);
        Assert.Contains(await app.AuditOfAsync(id), a => a.Action == "Refused" && a.Changes.StartsWith("Delete", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync(Role.Editor, ["MSRB"])).DeleteAsync($"/api/v1/library/documents/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync(Role.Member)).DeleteAsync($"/api/v1/library/documents/{id}", Ct)).StatusCode);

        var coordinator = await app.SignedInAsync(Role.Coordinator, ["TNTD"]);
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"/api/v1/library/documents/{id}", Ct)).StatusCode);
        Assert.False(await app.QueryAsync(db => db.AllRecords<Document>("test").AnyAsync(d => d.Id == id)));
        Assert.False(File.Exists(blob));
        Assert.Contains(await app.AuditOfAsync(id), a => a.Action == "Deleted");
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LibrarianAsync()).GetAsync($"/api/v1/library/documents/{id}", Ct)).StatusCode);
        Assert.Equal(0L, (await app.SearchAsync(await app.LibrarianAsync(), "q=" + word)).Total);
    }

    [Fact]
    public async Task Transitions_go_through_the_write_rule_and_the_document_page_offers_only_the_buttons_its_viewer_may_use()
    {
        var editor = await app.SignedInAsync(Role.Editor, ["SPMU"]);
        var id = await app.CreateDocumentAsync(new { title = "Buttons " + Word(), type = "Report", access = "Public", owner = "SPMU" }, editor, publish: false);
        var other = await app.SignedInAsync(Role.Editor, ["MSRB"]);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/library/documents/{id}/publish", null, Ct)).StatusCode);

        var draftPage = await editor.GetStringAsync($"/library/documents/{id}", Ct);
        Assert.Contains("data-testid=\"publish\"", draftPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"delete\"", draftPage, StringComparison.Ordinal);
        var token = await PolisApp.AntiforgeryTokenAsync(editor, $"/library/documents/{id}");
        var publish = await editor.PostAsync($"/library/documents/{id}/state/publish",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Equal("Published", (await app.QueryAsync(db => db.Set<Document>().Where(d => d.Id == id).Select(d => d.State).SingleAsync())).ToString());

        var publishedPage = await editor.GetStringAsync($"/library/documents/{id}", Ct);
        Assert.Contains("data-testid=\"withdraw\"", publishedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"publish\"", publishedPage, StringComparison.Ordinal);
        var otherPage = await other.GetStringAsync($"/library/documents/{id}", Ct);
        Assert.DoesNotContain("data-testid=\"withdraw\"", otherPage, StringComparison.Ordinal);
        var refused = await other.PostAsJsonAsync($"/api/v1/library/documents/{id}/withdraw", new { reason = "not mine" }, PolisApp.Json, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(await app.AuditOfAsync(id), a => a.Action == "Refused" && a.Changes.StartsWith("Withdraw", StringComparison.Ordinal));
        var adminPage = await (await app.LibrarianAsync()).GetStringAsync($"/library/documents/{id}", Ct);
        Assert.Contains("data-testid=\"delete\"", adminPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"withdraw\"", await app.Anonymous().GetStringAsync($"/library/documents/{id}", Ct), StringComparison.Ordinal);
    }
}

public sealed class ManagingTheDocumentLifeCycleOnSqlite(SqliteApp app) : ManagingTheDocumentLifeCycle(app), IClassFixture<SqliteApp>;
public sealed class ManagingTheDocumentLifeCycleOnPostgres(PostgresApp app) : ManagingTheDocumentLifeCycle(app), IClassFixture<PostgresApp>;
