using System.Net;
using System.Net.Http.Json;
using System.Text;
using Polis.Accounts.Contracts;
using Polis.Library;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Security;

/// <summary>
/// Checks that meet a record the editor cannot read answer without confirming it exists (issue 23, "existence
/// oracles"): a taken symbol, the bytes of a hidden file, the unresolved citations.
/// </summary>
public abstract class ConfirmingNothingToEditors(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Symbol() => $"SEC.GAL/{Random.Shared.Next(100, 999)}/{Random.Shared.Next(10, 99)}";

    private Task<Guid> HiddenAsync(object extra) => app.CreateDocumentAsync(extra);

    private async Task<(HttpStatusCode Status, string Body)> CreateAsync(HttpClient client, string symbol)
    {
        var response = await client.PostAsJsonAsync("/api/v1/library/documents",
            new { title = "Editor's draft", type = "Report", access = "Public", symbol }, PolisApp.Json, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        // The symbol typed and the request's trace id differ by nature; everything else must be the same.
        return (response.StatusCode, System.Text.RegularExpressions.Regex.Replace(body.Replace(symbol, "{symbol}", StringComparison.Ordinal),
            "\"traceId\":\"[^\"]*\"", ""));
    }

    [Fact]
    public async Task A_symbol_held_by_a_hidden_record_is_refused_exactly_as_one_held_by_a_visible_record_without_saying_a_record_holds_it()
    {
        var hiddenSymbol = Symbol();
        var visibleSymbol = Symbol();
        await HiddenAsync(new { title = "Restricted decision", type = "Decision", symbol = hiddenSymbol, access = "Restricted", allowedParties = new[] { "org:SPMU" } });
        await app.CreateDocumentAsync(new { title = "Public decision", type = "Decision", symbol = visibleSymbol, access = "Public" });

        var outsider = await app.SignedInAsync(Role.Editor, ["ODIHR"]);
        var insider = await app.SignedInAsync(Role.Editor, ["SPMU"]);
        var hiddenToOutsider = await CreateAsync(outsider, hiddenSymbol);
        var visibleToOutsider = await CreateAsync(outsider, visibleSymbol);
        var hiddenSeenByInsider = await CreateAsync(insider, hiddenSymbol);

        Assert.Equal(HttpStatusCode.BadRequest, hiddenToOutsider.Status);
        Assert.Equal(visibleToOutsider, hiddenToOutsider);
        Assert.Equal(hiddenSeenByInsider, hiddenToOutsider);
        Assert.DoesNotContain("document already has", hiddenToOutsider.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("cannot be given to this document", hiddenToOutsider.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bytes_of_a_hidden_file_upload_like_new_bytes_and_a_visible_duplicate_is_still_refused()
    {
        var secret = Encoding.UTF8.GetBytes("Restricted annex on informants " + Guid.NewGuid());
        var hidden = await HiddenAsync(new { title = "Restricted annex", type = "Report", access = "Restricted", allowedParties = new[] { "org:SPMU" } });
        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(hidden, "en", "annex.txt", secret)).StatusCode);

        var outsider = await app.SignedInAsync(Role.Editor, ["ODIHR"]);
        var own = await app.CreateDocumentAsync(PolisApp.WithOwner(new { title = "Outsider's report", type = "Report", access = "Public" }, "ODIHR"), outsider);
        var fresh = await app.UploadAsync(own, "en", "fresh.txt", Encoding.UTF8.GetBytes("A fresh note " + Guid.NewGuid()), outsider);
        var copy = await app.UploadAsync(own, "fr", "copy.txt", secret, outsider);
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Created, copy.StatusCode);
        // The outsider's copy is its own file, readable by them; the hidden record is untouched.
        var view = await outsider.GetFromJsonAsync<DocumentView>($"/api/v1/library/documents/{own}", PolisApp.Json, Ct);
        var copied = Assert.Single(view!.Editions.Single(e => e.Language == "fr").Files);
        Assert.Equal(secret, await outsider.GetByteArrayAsync(copied.Url, Ct));
        Assert.Equal(1, (await app.DocumentStateAsync(hidden)).Files);

        // An editor who can see the restricted record is told it is a duplicate, as before.
        var insider = await app.SignedInAsync(Role.Editor, ["SPMU"]);
        var insiders = await app.CreateDocumentAsync(PolisApp.WithOwner(new { title = "Insider's report", type = "Report", access = "Public" }), insider);
        var again = await app.UploadAsync(insiders, "en", "again.txt", secret, insider);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already in the library", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbol_held_by_a_hidden_record_is_unresolved_on_the_list_and_on_the_citing_page_alike()
    {
        var hiddenSymbol = Symbol();
        var hidden = await HiddenAsync(new { title = "Restricted decision", type = "Decision", symbol = hiddenSymbol, access = "Restricted", allowedParties = new[] { "org:SPMU" } });
        var citing = await app.CreateDocumentWithTextAsync(new { title = "Public guide", type = "Guidebook", access = "Public" }, "en",
            $"This guide applies decision {hiddenSymbol} to border posts.");

        var outsider = await app.SignedInAsync(Role.Editor, ["ODIHR"]);
        var insider = await app.SignedInAsync(Role.Editor, ["SPMU"]);
        foreach (var (client, sees) in new[] { (outsider, false), (insider, true) })
        {
            var view = await client.GetFromJsonAsync<DocumentView>($"/api/v1/library/documents/{citing}", PolisApp.Json, Ct);
            var cite = Assert.Single(view!.Cites, c => c.Symbol == hiddenSymbol);
            Assert.Equal(sees ? hidden : null, cite.DocumentId);
            var list = await client.GetStringAsync("/library/unresolved", Ct);
            Assert.Equal(!sees, list.Contains(hiddenSymbol, StringComparison.Ordinal));
        }
    }
}

public sealed class ConfirmingNothingToEditorsOnSqlite(SqliteApp app) : ConfirmingNothingToEditors(app), IClassFixture<SqliteApp>;
public sealed class ConfirmingNothingToEditorsOnPostgres(PostgresApp app) : ConfirmingNothingToEditors(app), IClassFixture<PostgresApp>;
