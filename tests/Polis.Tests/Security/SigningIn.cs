using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts;
using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Security;

/// <summary>
/// Signing in with the demo accounts (added to a fixture that starts without demo data); the throttle that slows
/// guessing without locking anyone out, and the same answer in the same time for unknown accounts (issue 23).
/// The clock is the fixture's: tests move it instead of sleeping. Each test signs in from its own addresses.
/// </summary>
public abstract partial class SigningIn(PolisApp app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await app.AddDemoAccountsAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_demo_editor_signs_in_and_the_api_sees_role_and_scope()
    {
        var client = await app.SignInAsync("editor@polis.example", DemoUsers.Password);
        var me = await client.GetFromJsonAsync<CurrentUser>("/api/v1/account/me", Ct);
        Assert.True(me!.SignedIn);
        Assert.Equal([Role.Editor], me.Roles);
        Assert.Equal(["SPMU", "MSRB"], me.Organisations);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_no_cookie()
    {
        var client = app.Anonymous();
        var token = await PolisApp.AntiforgeryTokenAsync(client, "/account/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "member@polis.example",
            ["Password"] = "not-the-password",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("The e-mail or password is not correct.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var me = await client.GetFromJsonAsync<CurrentUser>("/api/v1/account/me", Ct);
        Assert.False(me!.SignedIn);
    }

    [Fact]
    public async Task Signing_out_is_a_post_that_ends_the_session()
    {
        var client = await app.SignedInAsync(Role.Member);
        var token = await PolisApp.AntiforgeryTokenAsync(client, "/");
        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var me = await client.GetFromJsonAsync<CurrentUser>("/api/v1/account/me", Ct);
        Assert.False(me!.SignedIn);
    }

    [Fact]
    public async Task The_login_page_does_not_redirect_to_another_site()
    {
        var client = app.Anonymous();
        var token = await PolisApp.AntiforgeryTokenAsync(client, "/account/login");
        var response = await client.PostAsync("/account/login?returnUrl=https%3A%2F%2Fevil.example%2F", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "member@polis.example",
            ["Password"] = DemoUsers.Password,
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}


public abstract partial class SigningIn
{
    private static FormUrlEncodedContent Form(string email, string password, string token) => new(new Dictionary<string, string>
    {
        ["Email"] = email,
        ["Password"] = password,
        ["__RequestVerificationToken"] = token,
    });

    /// <summary>The message the page shows in its alert, or null.</summary>
    private static string? Alert(string html) => AlertPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("<p role=\"alert\" class=\"error\">([^<]*)</p>")]
    private static partial Regex AlertPattern();

    private static async Task<(HttpStatusCode Status, string? Alert, string? RetryAfter)> TryAsync(HttpClient client, string email, string password)
    {
        var response = await PolisApp.PostSignInAsync(client, email, password);
        var retry = response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;
        return (response.StatusCode, Alert(await response.Content.ReadAsStringAsync(Ct)), retry);
    }

    [Fact]
    public async Task Many_wrong_passwords_lock_nobody_out_the_owner_signs_in_from_another_address()
    {
        var admin = await app.CreateAccountAsync(Role.Administrator);
        var attacker = app.AnonymousFrom("203.0.113.10");
        for (var i = 0; i < 12; i++)
            await TryAsync(attacker, admin, $"guess-number-{i}");
        // The attacker is slowed down: even the right password waits, without being checked.
        var (status, alert, _) = await TryAsync(attacker, admin, PolisApp.TestPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.StartsWith("Too many attempts. Try again in ", alert, StringComparison.Ordinal);

        var owner = app.AnonymousFrom("198.51.100.7");
        var signedIn = await PolisApp.PostSignInAsync(owner, admin, PolisApp.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.True((await owner.GetFromJsonAsync<CurrentUser>("/api/v1/account/me", Ct))!.SignedIn);
        Assert.Null(await app.QueryAsync(async db => (await db.Set<PolisUser>().SingleAsync(u => u.Email == admin, Ct)).LockoutEnd));
    }

    [Fact]
    public async Task Failures_on_one_account_from_one_address_are_slowed_exponentially_then_forgiven()
    {
        var email = await app.CreateAccountAsync();
        var client = app.AnonymousFrom("203.0.113.20");
        for (var i = 0; i < 5; i++)   // Polis:SignIn:FreeAttemptsPerAccount
            Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(client, email, "wrong-password")).Status);

        foreach (var seconds in new[] { 1, 2, 4, 8 })
        {
            var (status, alert, retryAfter) = await TryAsync(client, email, "wrong-password");
            Assert.Equal(HttpStatusCode.TooManyRequests, status);
            Assert.Equal($"Too many attempts. Try again in {seconds} s.", alert);
            Assert.Equal(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), retryAfter);
            app.Clock.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
            Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(client, email, "wrong-password")).Status);
            app.Clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(client, email, "wrong-password")).Status);
        }
        // Once the wait is over, the right password signs in and clears the account's count for this address.
        app.Clock.Advance(TimeSpan.FromSeconds(16));
        Assert.Equal(HttpStatusCode.Redirect, (await PolisApp.PostSignInAsync(client, email, PolisApp.TestPassword)).StatusCode);
        var again = app.AnonymousFrom("203.0.113.20");
        Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(again, email, "wrong-password")).Status);
    }

    [Fact]
    public async Task Guessing_the_current_password_on_the_change_form_is_slowed_like_signing_in()
    {
        var email = await app.CreateAccountAsync();
        var session = app.AnonymousFrom("203.0.113.41");
        Assert.Equal(HttpStatusCode.Redirect, (await PolisApp.PostSignInAsync(session, email, PolisApp.TestPassword)).StatusCode);
        Dictionary<string, string> Change(string current) => new()
        {
            ["Current"] = current,
            ["Password"] = "Another-password-2027",
            ["Confirm"] = "Another-password-2027",
        };
        for (var i = 0; i < 5; i++)   // Polis:SignIn:FreeAttemptsPerAccount
            Assert.Equal(HttpStatusCode.BadRequest, (await PolisApp.PostFormAsync(session, "/account/password", Change("guess-" + i))).StatusCode);

        // The sixth attempt waits, even with the right password: the form does not say whether it was right.
        var held = await PolisApp.PostFormAsync(session, "/account/password", Change(PolisApp.TestPassword));
        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode);
        Assert.Equal("1", held.Headers.RetryAfter?.ToString());
        Assert.Contains("Too many attempts. Try again in 1 s.", await held.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PolisApp.PostSignInAsync(app.AnonymousFrom("203.0.113.42"), email, PolisApp.TestPassword)).StatusCode);

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await PolisApp.PostFormAsync(session, "/account/password", Change(PolisApp.TestPassword))).StatusCode);
    }

    [Fact]
    public async Task Spraying_one_password_over_many_accounts_from_one_address_is_slowed()
    {
        var sprayer = app.AnonymousFrom("2001:db8:7:7::1");
        for (var i = 0; i < 20; i++)   // Polis:SignIn:FreeAttemptsPerClient
            Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(sprayer, $"person{i}@spray.example", "Summer-2026!")).Status);
        // Another address of the same IPv6 /64 network counts as the same client.
        var neighbour = app.AnonymousFrom("2001:db8:7:7::2");
        var (status, alert, _) = await TryAsync(neighbour, "person99@spray.example", "Summer-2026!");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("Too many attempts. Try again in 1 s.", alert);
        // Someone elsewhere is not slowed.
        Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(app.AnonymousFrom("2001:db8:8::1"), "person99@spray.example", "x-password")).Status);
    }

    [Fact]
    public async Task An_unknown_account_gets_the_same_answer_as_a_wrong_password_also_when_slowed()
    {
        var email = await app.CreateAccountAsync();
        var known = await TryAsync(app.AnonymousFrom("192.0.2.31"), email, "wrong-password");
        var unknown = await TryAsync(app.AnonymousFrom("192.0.2.32"), "nobody-" + email, "wrong-password");
        Assert.Equal(HttpStatusCode.Unauthorized, known.Status);
        Assert.Equal(known, unknown);
        Assert.Equal("The e-mail or password is not correct.", unknown.Alert);

        var a = app.AnonymousFrom("192.0.2.33");
        var b = app.AnonymousFrom("192.0.2.34");
        for (var i = 0; i < 5; i++)
        {
            await TryAsync(a, email, "wrong-password");
            await TryAsync(b, "nobody-" + email, "wrong-password");
        }
        var slowedKnown = await TryAsync(a, email, "wrong-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, slowedKnown.Status);
        Assert.Equal(slowedKnown, await TryAsync(b, "nobody-" + email, "wrong-password"));
    }

    [Fact]
    public async Task An_unknown_account_takes_about_as_long_as_a_wrong_password()
    {
        var email = await app.CreateAccountAsync();
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 7; i++)   // a new address each time, so that the throttle never answers first
        {
            known.Add(await TimeAsync(app.AnonymousFrom($"192.0.2.{100 + i}"), email));
            unknown.Add(await TimeAsync(app.AnonymousFrom($"192.0.2.{150 + i}"), $"nobody{i}-{email}"));
        }
        var (k, u) = (Median(known), Median(unknown));
        // Before: 180–600 ms against 2–3 ms. Now the hasher runs for both; only a wide margin is asserted, so load on
        // the machine cannot make the test flaky.
        Assert.True(u >= 0.3 * k, $"unknown account median {u:F1} ms, wrong password median {k:F1} ms");

        static async Task<double> TimeAsync(HttpClient client, string email)
        {
            var token = await PolisApp.AntiforgeryTokenAsync(client, "/account/login");
            var watch = Stopwatch.StartNew();
            var response = await client.PostAsync("/account/login", Form(email, "wrong-password", token), Ct);
            watch.Stop();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return watch.Elapsed.TotalMilliseconds;
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    }

    [Fact]
    public async Task Signing_in_is_audited_as_an_account_event()
    {
        var email = await app.CreateAccountAsync();
        var id = await app.AccountIdAsync(email);
        await app.SignInKeepingCookieAsync(email);
        Assert.Contains(await app.AuditOfAsync(Polis.Accounts.SigningIn.AccountEvents.Entity, id.ToString()), e => e.Action == "SignedIn");
    }
}

public sealed class SigningInOnSqlite(SqliteApp app) : SigningIn(app), IClassFixture<SqliteApp>;
public sealed class SigningInOnPostgres(PostgresApp app) : SigningIn(app), IClassFixture<PostgresApp>;
