using System.Net;
using System.Net.Http.Json;
using Polis.Accounts;
using Polis.Accounts.Contracts;
using Polis.Accounts.SigningIn;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Security;

/// <summary>
/// A session ends on the server, not only in the browser: after signing out, or a password change, a copy of the
/// sign-in cookie no longer works (issue 23). Personal access tokens are not sessions and keep working.
/// </summary>
public abstract class EndingSessions(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Replay(string cookie)
    {
        var copy = app.WithoutCookieJar();
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        return copy;
    }

    private static async Task<bool> SignedInAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<CurrentUser>("/api/v1/account/me", Ct))!.SignedIn;

    private static Task<HttpResponseMessage> SignOutAsync(HttpClient client) =>
        PolisApp.PostFormAsync(client, "/", [], "/account/logout");

    [Fact]
    public async Task A_copied_cookie_stops_working_when_its_owner_signs_out()
    {
        var email = await app.CreateAccountAsync();
        var (browser, cookie) = await app.SignInKeepingCookieAsync(email);
        var copy = Replay(cookie);
        Assert.True(await SignedInAsync(copy));

        Assert.Equal(HttpStatusCode.Redirect, (await SignOutAsync(browser)).StatusCode);

        Assert.False(await SignedInAsync(copy));
        var account = await copy.GetAsync("/account", Ct);
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        Assert.StartsWith("http://localhost/account/login", account.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/v1/account/tokens", Ct)).StatusCode);
        // Signing in again works, with a new cookie.
        var (again, _) = await app.SignInKeepingCookieAsync(email);
        Assert.True(await SignedInAsync(again));
    }

    [Fact]
    public async Task Signing_out_is_audited_and_leaves_personal_access_tokens_working()
    {
        var email = await app.CreateAccountAsync(Role.Member);
        var (browser, _) = await app.SignInKeepingCookieAsync(email);
        var token = await app.CreateTokenAsync(browser);
        await SignOutAsync(browser);

        var me = await app.WithToken(token.Text).GetFromJsonAsync<CurrentUser>("/api/v1/account/me", Ct);
        Assert.True(me!.SignedIn);
        Assert.Equal([Role.Member], me.Roles);
        var id = await app.AccountIdAsync(email);
        Assert.Contains(await app.AuditOfAsync(AccountEvents.Entity, id.ToString()), e => e.Action == "SignedOut" && e.UserId == id);
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_and_keeps_this_one()
    {
        var email = await app.CreateAccountAsync();
        var (laptop, _) = await app.SignInKeepingCookieAsync(email);
        var (_, phoneCookie) = await app.SignInKeepingCookieAsync(email);
        var phone = Replay(phoneCookie);
        Assert.True(await SignedInAsync(phone));

        var wrongCurrent = await PolisApp.PostFormAsync(laptop, "/account/password", new()
        {
            ["Current"] = "not-my-password",
            ["Password"] = "Another-password-2027",
            ["Confirm"] = "Another-password-2027",
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrongCurrent.StatusCode);
        Assert.Contains("The current password is not correct.", await wrongCurrent.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.True(await SignedInAsync(phone));

        var changed = await PolisApp.PostFormAsync(laptop, "/account/password", new()
        {
            ["Current"] = PolisApp.TestPassword,
            ["Password"] = "Another-password-2027",
            ["Confirm"] = "Another-password-2027",
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("Your password has been changed.", await changed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.False(await SignedInAsync(phone));
        Assert.True(await SignedInAsync(laptop));
        Assert.Equal(HttpStatusCode.Unauthorized, (await PolisApp.PostSignInAsync(app.Anonymous(), email, PolisApp.TestPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PolisApp.PostSignInAsync(app.Anonymous(), email, "Another-password-2027")).StatusCode);
        var id = await app.AccountIdAsync(email);
        Assert.Contains(await app.AuditOfAsync(AccountEvents.Entity, id.ToString()), e => e.Action == "PasswordChanged");
    }

    [Fact]
    public async Task A_session_that_is_still_valid_keeps_working_across_requests_and_time()
    {
        var email = await app.CreateAccountAsync();
        var (_, cookie) = await app.SignInKeepingCookieAsync(email);
        var copy = Replay(cookie);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await SignedInAsync(copy));
            app.Clock.Advance(TimeSpan.FromSeconds(6));   // past Polis:SignIn:SessionCheckSeconds: checked again
        }
    }
}

public sealed class EndingSessionsOnSqlite(SqliteApp app) : EndingSessions(app), IClassFixture<SqliteApp>;
public sealed class EndingSessionsOnPostgres(PostgresApp app) : EndingSessions(app), IClassFixture<PostgresApp>;
