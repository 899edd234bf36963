using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MimeKit;
using Polis.Accounts.SigningIn;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Accounts;

/// <summary>
/// "Forgot your password?" (issue 19): the same answer for every address, a message with a single-use, expiring link
/// (written to the pickup folder, the mail server's stand-in), a new password, and every old session ended.
/// </summary>
public abstract partial class ResettingAPassword(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> AskAsync(HttpClient client, string email) =>
        PolisApp.PostFormAsync(client, "/account/forgot", new() { ["Email"] = email });

    private static Task<HttpResponseMessage> SetAsync(HttpClient client, string link, string password, string? confirm = null) =>
        // The antiforgery token from another page: a used link's page has no form.
        PolisApp.PostFormAsync(client, "/account/forgot", new() { ["Password"] = password, ["Confirm"] = confirm ?? password }, link);

    /// <summary>The reset link of a message, as a path of this site.</summary>
    private static string LinkIn(MimeMessage message)
    {
        var match = LinkPattern().Match(message.TextBody ?? "");
        Assert.True(match.Success, message.TextBody);
        var link = new Uri(match.Value);
        Assert.Equal("localhost", link.Host);
        return link.PathAndQuery;
    }

    [GeneratedRegex(@"http://localhost/account/reset\?user=[0-9a-f-]{36}&token=\S+")]
    private static partial Regex LinkPattern();

    private static async Task<string> BodyAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync(Ct);

    [Fact]
    public async Task The_sign_in_page_offers_a_reset_that_works_once_and_ends_old_sessions()
    {
        var email = await app.CreateAccountAsync();
        var (_, oldCookie) = await app.SignInKeepingCookieAsync(email);
        var before = app.Mail().Count;
        var client = app.AnonymousFrom("192.0.2.50");
        Assert.Contains("href=\"/account/forgot\"", await client.GetStringAsync("/account/login", Ct), StringComparison.Ordinal);

        var asked = await AskAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("If an account exists for this address, a message with a link", await BodyAsync(asked), StringComparison.Ordinal);
        var message = (await app.MailWhenAsync(before + 1))[before];
        Assert.Equal(email, message.To.Mailboxes.Single().Address);
        Assert.Equal("Reset your Polis password", message.Subject);
        Assert.Contains("within 60 minutes", message.TextBody, StringComparison.Ordinal);
        var link = LinkIn(message);

        var form = await client.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("name=\"Confirm\"", await BodyAsync(form), StringComparison.Ordinal);
        var differ = await SetAsync(client, link, "New-password-2027", "New-password-2028");
        Assert.Equal(HttpStatusCode.BadRequest, differ.StatusCode);
        Assert.Contains("The two new passwords are not the same.", await BodyAsync(differ), StringComparison.Ordinal);
        var weak = await SetAsync(client, link, "short");
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("A password has at least 10 characters", await BodyAsync(weak), StringComparison.Ordinal);

        var done = await SetAsync(client, link, "New-password-2027");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("Your password has been changed", await BodyAsync(done), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await PolisApp.PostSignInAsync(app.Anonymous(), email, "New-password-2027")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PolisApp.PostSignInAsync(app.Anonymous(), email, PolisApp.TestPassword)).StatusCode);
        var old = app.WithoutCookieJar();
        old.DefaultRequestHeaders.Add("Cookie", oldCookie);
        Assert.False((await old.GetFromJsonAsync<Polis.Accounts.CurrentUser>("/api/v1/account/me", Ct))!.SignedIn);

        // The link works once.
        var again = await client.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("This link is not valid", await BodyAsync(again), StringComparison.Ordinal);
        var reused = await SetAsync(client, link, "Third-password-2029");
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PolisApp.PostSignInAsync(app.Anonymous(), email, "Third-password-2029")).StatusCode);
        var id = await app.AccountIdAsync(email);
        Assert.Contains(await app.AuditOfAsync(AccountEvents.Entity, id.ToString()), e => e.Action == "PasswordReset");
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_message()
    {
        var email = await app.CreateAccountAsync();
        var before = app.Mail().Count;
        var unknown = await AskAsync(app.AnonymousFrom("192.0.2.60"), "nobody-" + email);
        var known = await AskAsync(app.AnonymousFrom("192.0.2.61"), email);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(Answer(await BodyAsync(known)), Answer(await BodyAsync(unknown)));
        // Messages go out in the order asked for: had the unknown address got one, it would come first.
        var mail = await app.MailWhenAsync(before + 1);
        Assert.Equal(before + 1, mail.Count);
        Assert.Equal(email, mail[before].To.Mailboxes.Single().Address);

        static string Answer(string html) => AnswerPattern().Match(html).Value;
    }

    [GeneratedRegex("<p role=\"status\">[^<]*</p>")]
    private static partial Regex AnswerPattern();

    [Fact]
    public async Task A_link_expires_after_an_hour()
    {
        var email = await app.CreateAccountAsync();
        var before = app.Mail().Count;
        await AskAsync(app.AnonymousFrom("192.0.2.70"), email);
        var link = LinkIn((await app.MailWhenAsync(before + 1))[before]);
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(link, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SetAsync(client, link, "New-password-2027")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PolisApp.PostSignInAsync(app.Anonymous(), email, PolisApp.TestPassword)).StatusCode);
    }

    [Fact]
    public async Task Reset_requests_are_throttled_per_address_asked_for()
    {
        var email = await app.CreateAccountAsync();
        var client = app.AnonymousFrom("192.0.2.80");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await AskAsync(client, email)).StatusCode);
        var slowed = await AskAsync(client, email);
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.Contains("Too many attempts. Try again in 1 s.", await BodyAsync(slowed), StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await AskAsync(client, email)).StatusCode);
    }

    [Fact]
    public async Task The_message_is_in_the_account_language()
    {
        var email = await app.CreateAccountAsync(language: "ru");
        var before = app.Mail().Count;
        await AskAsync(app.AnonymousFrom("192.0.2.90"), email);
        // The pickup folder's files are named at random: find this account's message, not the n-th file.
        var message = Assert.Single(await app.MailWhenAsync(before + 1), m => m.To.Mailboxes.Any(b => string.Equals(b.Address, email, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal("Сброс пароля Polis", message.Subject);
        Assert.Contains("в течение 60 минут", message.TextBody, StringComparison.Ordinal);
        Assert.Matches(LinkPattern(), message.TextBody);
    }
}

public sealed class ResettingAPasswordOnSqlite(SqliteApp app) : ResettingAPassword(app), IClassFixture<SqliteApp>;
public sealed class ResettingAPasswordOnPostgres(PostgresApp app) : ResettingAPassword(app), IClassFixture<PostgresApp>;
