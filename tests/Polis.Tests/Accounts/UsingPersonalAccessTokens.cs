using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Accounts;

/// <summary>
/// Personal access tokens for machine clients: created on /account (shown once, stored as a hash), read-only,
/// accepted as a Bearer header everywhere and as <c>?access_token=</c> only by the feed and OAI-PMH, refused with
/// 401 when malformed, unknown, revoked, expired or used to write; every use audited.
/// </summary>
public abstract class UsingPersonalAccessTokens(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_member_creates_a_token_on_the_account_page_and_sees_it_only_once()
    {
        var member = await app.SignedInAsync(Role.Member);
        var created = await PolisApp.CreateTokenOnAccountPageAsync(member, "Feed reader on my phone");
        var page = await created.Content.ReadAsStringAsync(Ct);
        Assert.True(created.StatusCode == HttpStatusCode.OK, page);
        var token = PolisApp.TokenIn(page);
        Assert.NotNull(token);
        Assert.Contains("It will not be shown again", page, StringComparison.Ordinal);

        var again = await member.GetStringAsync("/account", Ct);
        Assert.Contains("Feed reader on my phone", again, StringComparison.Ordinal);
        Assert.Null(PolisApp.TokenIn(again));
        Assert.DoesNotContain(token[^43..], again, StringComparison.Ordinal);

        var me = await app.WithToken(token).GetFromJsonAsync<Polis.Accounts.CurrentUser>("/api/v1/account/me", Ct);
        Assert.True(me!.SignedIn);
        Assert.Equal([Role.Member], me.Roles);
    }

    [Fact]
    public async Task The_account_page_shows_the_name_roles_and_scope_and_refuses_a_nameless_token_in_the_page()
    {
        var editor = await app.SignedInAsync(Role.Editor, organisations: ["SPMU"]);
        var page = await editor.GetStringAsync("/account", Ct);
        Assert.Contains("Test Editor", page, StringComparison.Ordinal);
        Assert.Contains("SPMU", page, StringComparison.Ordinal);
        Assert.Contains("Editor", page, StringComparison.Ordinal);

        var before = (await app.TokenRowsAsync()).Count;
        var refused = await PolisApp.CreateTokenOnAccountPageAsync(editor, "", days: "400");
        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Give the token a name.", html, StringComparison.Ordinal);
        Assert.Contains("A token is valid for 1 to 365 days.", html, StringComparison.Ordinal);
        Assert.Null(PolisApp.TokenIn(html));
        Assert.Equal(before, (await app.TokenRowsAsync()).Count);
    }

    [Fact]
    public async Task The_page_form_without_its_antiforgery_token_creates_nothing()
    {
        var member = await app.SignedInAsync(Role.Member);
        var before = (await app.TokenRowsAsync()).Count;
        var response = await member.PostAsync("/account?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Forged",
            ["Input.ExpiresInDays"] = "90",
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, (await app.TokenRowsAsync()).Count);
    }

    [Fact]
    public async Task The_database_holds_only_a_hash_of_the_secret()
    {
        var member = await app.SignedInAsync(Role.Member);
        var issued = await app.CreateTokenAsync(member, "Hash check");
        var secret = issued.Text[^43..];
        var row = await app.TokenRowAsync(issued.Id);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), row.SecretHash);
        Assert.Equal(issued.Text.Substring("polis_pat_".Length, 12), row.Prefix);
        foreach (var t in await app.TokenRowsAsync())
            Assert.DoesNotContain(secret, string.Join("|", t.Name, t.Prefix, Convert.ToBase64String(t.SecretHash), Encoding.UTF8.GetString(t.SecretHash)), StringComparison.Ordinal);
        await app.WithToken(issued.Text).GetAsync("/api/v1/account/me", Ct);
        Assert.DoesNotContain(await app.AllAuditAsync(), a => a.Changes.Contains(secret, StringComparison.Ordinal));

        var list = await member.GetStringAsync("/api/v1/account/tokens", Ct);
        Assert.Contains("Hash check", list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_reads_a_members_document_that_anonymous_callers_cannot_see()
    {
        var administrator = await app.SignedInAsync(Role.Administrator);
        var id = await app.CreateDocumentAsync(new { title = "Members-only assessment of border posts", type = "Report", access = "Members" }, administrator);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/v1/library/documents/{id}", Ct)).StatusCode);

        var token = await app.CreateTokenAsync(await app.SignedInAsync(Role.Member));
        var response = await app.WithToken(token.Text).GetAsync($"/api/v1/library/documents/{id}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("Members-only assessment of border posts", body, StringComparison.Ordinal);

        var registered = await app.CreateTokenAsync(await app.SignedInAsync(role: null));
        Assert.Equal(HttpStatusCode.NotFound, (await app.WithToken(registered.Text).GetAsync($"/api/v1/library/documents/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_feed_takes_the_token_in_the_query_and_lists_what_its_holder_may_read()
    {
        var administrator = await app.SignedInAsync(Role.Administrator);
        await app.CreateDocumentAsync(new { title = "Members-only feed entry on cybercrime units", type = "Report", access = "Members" }, administrator);
        var token = await app.CreateTokenAsync(await app.SignedInAsync(Role.Member));

        var feed = await app.Anonymous().GetAsync($"/library/feed.atom?access_token={token.Text}", Ct);
        var xml = await feed.Content.ReadAsStringAsync(Ct);
        Assert.True(feed.StatusCode == HttpStatusCode.OK, xml);
        Assert.Contains("Members-only feed entry on cybercrime units", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("Members-only feed entry on cybercrime units", await app.Anonymous().GetStringAsync("/library/feed.atom", Ct), StringComparison.Ordinal);

        var oai = await app.Anonymous().GetAsync($"/oai?verb=Identify&access_token={token.Text}", Ct);
        Assert.Equal(HttpStatusCode.OK, oai.StatusCode);
    }

    [Fact]
    public async Task A_token_in_the_query_is_refused_where_the_endpoint_did_not_opt_in()
    {
        var administrator = await app.SignedInAsync(Role.Administrator);
        var id = await app.CreateDocumentAsync(new { title = "Members-only query string probe", type = "Report", access = "Members" }, administrator);
        var token = await app.CreateTokenAsync(await app.SignedInAsync(Role.Member));

        var response = await app.Anonymous().GetAsync($"/api/v1/library/documents/{id}?access_token={token.Text}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Members-only query string probe", body, StringComparison.Ordinal);
        Assert.Contains("does not accept an access token in the query", body, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.AuditOfAsync("PersonalAccessToken", token.Id.ToString()), a => a.Action == "TokenUsed");
    }

    [Fact]
    public async Task A_token_cannot_write_and_nothing_is_stored()
    {
        var administrator = await app.SignedInAsync(Role.Administrator);
        var id = await app.CreateDocumentAsync(new { title = "Original title before a token write", type = "Report", access = "Public" }, administrator);
        var token = await app.CreateTokenAsync(administrator);
        var client = app.WithToken(token.Text);
        var documents = await app.QueryAsync(db => Task.FromResult(db.Set<Polis.Library.Document>().Count()));

        var post = await client.PostAsJsonAsync("/api/v1/library/documents", new { title = "Written with a token", type = "Report", access = "Public" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Contains("read-only", await post.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/library/documents/{id}")
        {
            Content = JsonContent.Create(new { title = "Changed with a token", type = "Report", access = "Public" }),
        };
        put.Headers.IfMatch.ParseAdd("\"1\"");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(put, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.DeleteAsync($"/api/v1/account/tokens/{token.Id}", Ct)).StatusCode);

        Assert.Equal(documents, await app.QueryAsync(db => Task.FromResult(db.Set<Polis.Library.Document>().Count())));
        var stored = await administrator.GetFromJsonAsync<JsonObject>($"/api/v1/library/documents/{id}", Ct);
        Assert.Equal("Original title before a token write", (string?)stored!["title"]);
        Assert.Null((await app.TokenRowAsync(token.Id)).RevokedAt);
    }

    [Fact]
    public async Task A_token_cannot_list_create_or_revoke_tokens_nor_open_the_account_page()
    {
        var member = await app.SignedInAsync(Role.Member);
        var token = await app.CreateTokenAsync(member);
        var client = app.WithToken(token.Text);
        var before = (await app.TokenRowsAsync()).Count;

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/account/tokens", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/account/tokens", new { name = "Minted by a token" }, Ct)).StatusCode);
        var page = await client.GetAsync("/account", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(before, (await app.TokenRowsAsync()).Count);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_with_401()
    {
        var member = await app.SignedInAsync(Role.Member);
        var token = await app.CreateTokenAsync(member);
        Assert.Equal(HttpStatusCode.OK, (await app.WithToken(token.Text).GetAsync("/api/v1/account/me", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await member.DeleteAsync($"/api/v1/account/tokens/{token.Id}", Ct)).StatusCode);
        var response = await app.WithToken(token.Text).GetAsync("/api/v1/account/me", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(Ct);
        Assert.Equal("The access token has been revoked.", problem!.Detail);
        Assert.Equal("Revoked", (string?)(await member.GetFromJsonAsync<JsonArray>("/api/v1/account/tokens", Ct))!.Single(t => (string?)t!["id"] == token.Id.ToString())!["state"]);
    }

    [Fact]
    public async Task A_token_revoked_on_the_account_page_stops_working()
    {
        var member = await app.SignedInAsync(Role.Member);
        var token = await app.CreateTokenAsync(member, "Revoked from the page");
        var antiforgery = await PolisApp.AntiforgeryTokenAsync(member, "/account");
        var response = await member.PostAsync($"/account?handler=Revoke&id={token.Id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("The token has been revoked.", await member.GetStringAsync("/account", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.WithToken(token.Text).GetAsync("/api/v1/account/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401()
    {
        var member = await app.SignedInAsync(Role.Member);
        var token = await app.CreateTokenAsync(member, days: 1);
        Assert.Equal(HttpStatusCode.OK, (await app.WithToken(token.Text).GetAsync("/api/v1/account/me", Ct)).StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var response = await app.WithToken(token.Text).GetAsync("/api/v1/account/me", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("The access token has expired.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("polis_pat_")]
    [InlineData("polis_pat_ABCDEF012345_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task A_malformed_token_is_refused_even_on_a_public_endpoint(string token)
    {
        var response = await app.WithToken(token).GetAsync("/api/v1/account/me", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("The access token is malformed.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/library/feed.atom?access_token=" + token, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_token_and_a_wrong_secret_for_a_real_prefix_get_the_same_answer()
    {
        var token = await app.CreateTokenAsync(await app.SignedInAsync(Role.Member));
        var wrongSecret = token.Text[..^43] + new string('A', 43);
        var unknown = "polis_pat_000000000000_" + new string('B', 43);
        var a = await app.WithToken(wrongSecret).GetAsync("/api/v1/account/me", Ct);
        var b = await app.WithToken(unknown).GetAsync("/api/v1/account/me", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, b.StatusCode);
        var da = (await a.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(Ct))!.Detail;
        Assert.Equal("The access token is not valid.", da);
        Assert.Equal(da, (await b.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(Ct))!.Detail);
    }

    [Fact]
    public async Task Another_users_token_cannot_be_revoked()
    {
        var owner = await app.SignedInAsync(Role.Member);
        var token = await app.CreateTokenAsync(owner);
        var other = await app.SignedInAsync(Role.Coordinator);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/account/tokens/{token.Id}", Ct)).StatusCode);
        Assert.DoesNotContain(token.Id.ToString(), await other.GetStringAsync("/api/v1/account/tokens", Ct), StringComparison.Ordinal);
        Assert.Null((await app.TokenRowAsync(token.Id)).RevokedAt);
        Assert.Equal(HttpStatusCode.OK, (await app.WithToken(token.Text).GetAsync("/api/v1/account/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_locked_out_users_token_is_refused()
    {
        var token = await app.CreateTokenAsync(await app.SignedInAsync(Role.Member));
        await app.LockOutOwnerOfAsync(token.Id);
        var response = await app.WithToken(token.Text).GetAsync("/api/v1/account/me", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("cannot sign in", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_refuses_a_token_without_a_name_or_with_an_expiry_out_of_range()
    {
        var member = await app.SignedInAsync(Role.Member);
        var response = await member.PostAsJsonAsync("/api/v1/account/tokens", new { name = "", expiresInDays = 0 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>(Ct);
        Assert.Contains("Name", problem!.Errors.Keys);
        Assert.Contains("ExpiresInDays", problem.Errors.Keys);
    }

    [Fact]
    public async Task Each_use_creation_and_revocation_of_a_token_is_audited_without_the_token()
    {
        var member = await app.SignedInAsync(Role.Member);
        var token = await app.CreateTokenAsync(member);
        await app.WithToken(token.Text).GetAsync("/api/v1/account/me", Ct);
        await app.Anonymous().GetAsync($"/library/feed.atom?access_token={token.Text}", Ct);
        await app.WithToken(token.Text).PostAsJsonAsync("/api/v1/library/documents", new { title = "x", type = "Report", access = "Public" }, Ct);
        await member.DeleteAsync($"/api/v1/account/tokens/{token.Id}", Ct);

        var audit = await app.AuditOfAsync("PersonalAccessToken", token.Id.ToString());
        Assert.Equal(["Added", "TokenUsed", "TokenUsed", "TokenRefused", "Modified"], audit.Select(a => a.Action));
        Assert.Equal(["GET /api/v1/account/me", "GET /library/feed.atom", "POST /api/v1/library/documents"],
            audit.Where(a => a.Action.StartsWith("Token", StringComparison.Ordinal)).Select(a => a.Changes));
        Assert.Contains("RevokedAt", audit[^1].Changes, StringComparison.Ordinal);
        var owner = (await app.TokenRowAsync(token.Id)).UserId;
        Assert.All(audit, a => Assert.Equal(owner, a.UserId));
        Assert.Equal(app.Clock.GetUtcNow(), (await app.TokenRowAsync(token.Id)).LastUsedAt);
    }
}

public sealed class UsingPersonalAccessTokensOnSqlite(SqliteApp app) : UsingPersonalAccessTokens(app), IClassFixture<SqliteApp>;
public sealed class UsingPersonalAccessTokensOnPostgres(PostgresApp app) : UsingPersonalAccessTokens(app), IClassFixture<PostgresApp>;
