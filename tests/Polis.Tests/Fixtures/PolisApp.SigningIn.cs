using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Polis.Accounts;

namespace Polis.Tests.Fixtures;

/// <summary>Intent methods for signing in from several places, sessions, and the mail Polis sends (a pickup folder).</summary>
public abstract partial class PolisApp
{
    /// <summary>Where Polis writes the messages it sends (<c>Polis:Mail:PickupFolder</c>): one .eml file each.</summary>
    public string MailFolder => Path.Combine(DataPath, "mail");

    public const string TestPassword = "Test-password-2026";

    /// <summary>An anonymous client whose requests come from this network address (see <see cref="ClientAddressFromHeader"/>).</summary>
    public HttpClient AnonymousFrom(string address)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
        return client;
    }

    /// <summary>A client that keeps no cookies: sends exactly the headers a test gives it (a copied cookie).</summary>
    public HttpClient WithoutCookieJar() =>
        CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>Creates an account without signing it in; returns its e-mail (password <see cref="TestPassword"/>).</summary>
    public async Task<string> CreateAccountAsync(string? role = null, string language = "en")
    {
        var email = $"account-{Guid.NewGuid().ToString("N")[..10]}@test.example";
        await using var scope = Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<UserDirectory>();
        if (!await directory.CreateAsync(email, "Test Account", TestPassword, role is null ? [] : [role]))
            throw new InvalidOperationException("test account not created");
        if (language != "en")
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PolisUser>>();
            var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("no account");
            user.PreferredLanguage = language;
            await users.UpdateAsync(user);
        }
        return email;
    }

    public async Task<Guid> AccountIdAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PolisUser>>();
        return (await users.FindByEmailAsync(email))?.Id ?? throw new InvalidOperationException("no account");
    }

    /// <summary>Posts the sign-in form from this client, as a browser does; the answer is returned as it is.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Signs in from a new client; returns it and the sign-in cookie it got (name=value), as an attacker would copy it.</summary>
    public async Task<(HttpClient Client, string Cookie)> SignInKeepingCookieAsync(string email, string password = TestPassword)
    {
        var client = Anonymous();
        var response = await PostSignInAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var cookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("polis.auth=", StringComparison.Ordinal));
        return (client, cookie);
    }

    /// <summary>Posts a form of a page (with the page's antiforgery token) from this client.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, Dictionary<string, string> fields, string? action = null)
    {
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, page);
        return await client.PostAsync(action ?? page, new FormUrlEncodedContent(fields));
    }

    /// <summary>The messages in the pickup folder, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Mail() =>
        Directory.Exists(MailFolder)
            ? [.. Directory.GetFiles(MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))]
            : [];

    /// <summary>
    /// Waits (real time, up to 10 s) until the pickup folder holds this many messages; mail is sent in the background,
    /// in the order it was queued.
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> MailWhenAsync(int count)
    {
        for (var i = 0; i < 200; i++)
        {
            var mail = Mail();
            if (mail.Count >= count) return mail;
            await Task.Delay(50);
        }
        throw new TimeoutException($"expected {count} messages in {MailFolder}, found {Mail().Count}");
    }
}

/// <summary>
/// The network edge, faked: a test client says which address it connects from (<c>X-Test-Client-Address</c>), as
/// clients on different machines would; without the header the test server gives no address at all.
/// </summary>
internal sealed class ClientAddressFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };
}
