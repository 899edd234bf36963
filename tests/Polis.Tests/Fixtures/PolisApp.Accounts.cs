using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts;
using Polis.Accounts.Tokens;
using Polis.Data;

namespace Polis.Tests.Fixtures;

/// <summary>Intent methods for accounts and personal access tokens, through the API and the account page.</summary>
public abstract partial class PolisApp
{
    /// <summary>A token created through POST /api/v1/account/tokens: its id and its text (shown only then).</summary>
    public sealed record IssuedToken(Guid Id, string Text);

    public async Task<IssuedToken> CreateTokenAsync(HttpClient owner, string name = "Script", int days = 90)
    {
        var response = await owner.PostAsJsonAsync("/api/v1/account/tokens", new { name, expiresInDays = days });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"token not created: {(int)response.StatusCode} {body}");
        var created = JsonNode.Parse(body)!;
        return new IssuedToken(Guid.Parse((string)created["token"]!["id"]!), (string)created["secret"]!);
    }

    /// <summary>Submits the create form of /account as a browser would; returns the page that answers.</summary>
    public static async Task<HttpResponseMessage> CreateTokenOnAccountPageAsync(HttpClient owner, string name, string days = "90")
    {
        var antiforgery = await AntiforgeryTokenAsync(owner, "/account");
        return await owner.PostAsync("/account?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.ExpiresInDays"] = days,
            ["__RequestVerificationToken"] = antiforgery,
        }));
    }

    /// <summary>The first token text on a page, or null.</summary>
    public static string? TokenIn(string html) => TokenTextPattern().Match(html) is { Success: true } m ? m.Value : null;

    [GeneratedRegex("polis_pat_[0-9a-f]{12}_[A-Za-z0-9_-]{43}")]
    private static partial Regex TokenTextPattern();

    /// <summary>A client without cookies that sends the token as <c>Authorization: Bearer</c>.</summary>
    public HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    internal Task<List<PersonalAccessToken>> TokenRowsAsync() =>
        QueryAsync(db => db.Set<PersonalAccessToken>().AsNoTracking().ToListAsync());

    internal Task<PersonalAccessToken> TokenRowAsync(Guid id) =>
        QueryAsync(db => db.Set<PersonalAccessToken>().AsNoTracking().SingleAsync(t => t.Id == id));

    public Task<List<AuditEntry>> AuditOfAsync(string entity, string recordId) =>
        QueryAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.Entity == entity && a.RecordId == recordId).OrderBy(a => a.Id).ToListAsync());

    public Task<List<AuditEntry>> AllAuditAsync() => QueryAsync(db => db.Set<AuditEntry>().AsNoTracking().ToListAsync());

    /// <summary>Locks the token owner's account out for good (an administrator's lock).</summary>
    public async Task LockOutOwnerOfAsync(Guid tokenId)
    {
        var row = await TokenRowAsync(tokenId);
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PolisUser>>();
        var user = await users.FindByIdAsync(row.UserId.ToString()) ?? throw new InvalidOperationException("no owner");
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
    }
}
