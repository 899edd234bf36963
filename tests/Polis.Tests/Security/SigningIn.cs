using System.Net;
using System.Net.Http.Json;
using Polis.Accounts;
using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Security;

/// <summary>Signing in with the demo accounts (added to a fixture that starts without demo data).</summary>
public abstract class SigningIn(PolisApp app) : IAsyncLifetime
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

public sealed class SigningInOnSqlite(SqliteApp app) : SigningIn(app), IClassFixture<SqliteApp>;
public sealed class SigningInOnPostgres(PostgresApp app) : SigningIn(app), IClassFixture<PostgresApp>;
