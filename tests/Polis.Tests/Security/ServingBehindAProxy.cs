using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Polis.Data;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Security;

/// <summary>
/// Polis as deployed behind a TLS-terminating reverse proxy (docs/deploying.md): its public address configured, the proxy
/// at 127.0.0.1 known. The test server has no network peer, so a startup filter gives each request the peer address named
/// by the test header <see cref="Peer"/> (127.0.0.1 when absent), before Polis's own pipeline runs.
/// </summary>
public sealed class ProxiedApp : PolisApp
{
    public const string Peer = "X-Test-Peer";
    public const string Site = "https://polis.example.org/library-system";

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Polis:KnownProxies", "127.0.0.1, 10.20.0.0/16");
        builder.UseSetting("Polis:PublicUrl", Site + "/");
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerFromHeader>());
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, after) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[Peer].FirstOrDefault() ?? "127.0.0.1");
                return after(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// Issue 23, deployment: absolute links never come from a Host header a stranger chose; X-Forwarded-Proto is believed from
/// known proxies only (then cookies are Secure and HSTS is sent).
/// </summary>
public sealed class ServingBehindAProxy(SqliteApp plain, ProxiedApp proxied) : IClassFixture<SqliteApp>, IClassFixture<ProxiedApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] AbsoluteLinkPages = ["/oai?verb=Identify", "/library/feed.atom", "/openapi/v1.json"];

    private static async Task<string> GetAsync(HttpClient client, string path, string host, params (string, string)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        using var response = await client.SendAsync(request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [Fact]
    public async Task Without_a_public_url_a_strangers_host_header_is_not_copied_into_any_link()
    {
        var client = plain.Anonymous();
        foreach (var path in AbsoluteLinkPages)
        {
            var body = await GetAsync(client, path, "evil.example");
            Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("http://localhost", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_public_url_a_loopback_host_is_used_as_sent()
    {
        var body = await GetAsync(plain.Anonymous(), "/oai?verb=Identify", "127.0.0.1:5080");
        Assert.Contains("<baseURL>http://127.0.0.1:5080/oai</baseURL>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_public_url_every_absolute_link_names_it_whatever_the_host_header()
    {
        var client = proxied.Anonymous();
        var identify = await GetAsync(client, "/oai?verb=Identify", "evil.example");
        Assert.Contains($"<baseURL>{ProxiedApp.Site}/oai</baseURL>", identify, StringComparison.Ordinal);
        var feed = await GetAsync(client, "/library/feed.atom", "evil.example");
        Assert.Contains($"href=\"{ProxiedApp.Site}/library/feed.atom\"", feed, StringComparison.Ordinal);
        var openApi = JsonNode.Parse(await GetAsync(client, "/openapi/v1.json", "evil.example"))!;
        Assert.Equal(ProxiedApp.Site, (string?)openApi["servers"]![0]!["url"]);
        Assert.Single(openApi["servers"]!.AsArray());
        foreach (var body in new[] { identify, feed, openApi.ToJsonString() })
            Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_permanent_link_on_a_document_page_names_the_public_url()
    {
        var id = await proxied.CreateDocumentAsync(new { title = "Guidebook on policing", type = "Guidebook", access = "Public", publishedOn = "2024-01-02" });
        var page = await GetAsync(proxied.Anonymous(), $"/library/documents/{id}", "evil.example");
        Assert.Matches($"value=\"{ProxiedApp.Site}/d/[0-9a-f]+\"", page);
        Assert.DoesNotContain("evil.example", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Https_forwarded_by_a_known_proxy_gives_secure_cookies_and_hsts()
    {
        foreach (var peer in new[] { "127.0.0.1", "10.20.3.4" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add(ProxiedApp.Peer, peer);
            using var response = await proxied.Anonymous().SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("polis.af=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
            Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), peer);
            Assert.Contains("max-age=31536000", hsts.Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Signing_in_behind_a_known_proxy_gives_a_secure_sign_in_cookie()
    {
        await proxied.AddDemoAccountsAsync();
        // The client talks plain HTTP to the test server, so its cookie jar would hold back the Secure antiforgery cookie
        // (which is the point); the test carries it by hand, as the browser does over HTTPS.
        var client = proxied.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var form = await client.GetAsync("/account/login", Ct);
        var antiforgeryCookie = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("polis.af=", StringComparison.Ordinal)).Split(';')[0];
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(Ct),
            "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        using var login = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = "member@polis.example",
                ["Password"] = "Polis-demo-2026",
                ["__RequestVerificationToken"] = token,
            }),
        };
        login.Headers.Add("Cookie", antiforgeryCookie);
        using var response = await client.SendAsync(login, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("polis.auth=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("10.9.9.9")] // not a known proxy
    [InlineData("192.168.1.1")]
    public async Task Forwarded_headers_from_an_unknown_peer_are_ignored(string peer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add(ProxiedApp.Peer, peer);
        using var response = await proxied.Anonymous().SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.Headers.GetValues("Set-Cookie"), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Without_known_proxies_no_peer_is_believed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await plain.Anonymous().SendAsync(request, Ct);
        Assert.DoesNotContain(response.Headers.GetValues("Set-Cookie"), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("Polis:PublicUrl", "polis.example.org")]
    [InlineData("Polis:PublicUrl", "ftp://polis.example.org")]
    [InlineData("Polis:PublicUrl", "https://polis.example.org/?x=1")]
    [InlineData("Polis:KnownProxies", "10.0.0.300")]
    [InlineData("Polis:KnownProxies", "proxy.example")]
    public async Task A_bad_deployment_setting_stops_start_up_naming_it(string setting, string value)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "polis-cfg-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var result = await PolisCli.RunAsync(new Dictionary<string, string>
            {
                ["Polis__DataPath"] = dataPath,
                [setting.Replace(":", "__", StringComparison.Ordinal)] = value,
            }, null, "serve", "--urls", "http://127.0.0.1:0");
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"Configuration error in '{setting}'", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
        }
    }
}

/// <summary>
/// Issue 23: nothing that is not public may be kept by a shared cache or the browser's history (Cache-Control:
/// private, no-store); public static files keep their long caching.
/// </summary>
public abstract class KeepingPrivateAnswersOutOfCaches(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void AssertPrivate(HttpResponseMessage response, string what)
    {
        var cache = response.Headers.CacheControl;
        Assert.True(cache is { Private: true, NoStore: true }, $"{what}: Cache-Control '{cache}'");
    }

    private Task<Guid> RestrictedDocumentAsync() => app.CreateDocumentWithTextAsync(
        new { title = "Restricted assessment", type = "Report", access = "Restricted", allowedParties = new[] { "org:SPMU" }, publishedOn = "2025-03-04" },
        "en", $"Restricted assessment of border policing {Guid.NewGuid():N}.");

    [Fact]
    public async Task Restricted_json_and_its_file_for_a_signed_in_reader_are_private()
    {
        var id = await RestrictedDocumentAsync();
        var librarian = await app.LibrarianAsync();
        using var json = await librarian.GetAsync($"/api/v1/library/documents/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        AssertPrivate(json, "restricted JSON");
        var file = (string)JsonNode.Parse(await json.Content.ReadAsStringAsync(Ct))!["editions"]![0]!["files"]![0]!["url"]!;
        using var download = await librarian.GetAsync(file, Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        AssertPrivate(download, "restricted download");
        using var page = await librarian.GetAsync($"/library/documents/{id}", Ct);
        AssertPrivate(page, "document page for a signed-in reader");
    }

    [Fact]
    public async Task Answers_to_a_token_are_private()
    {
        var id = await RestrictedDocumentAsync();
        var issued = await app.CreateTokenAsync(await app.LibrarianAsync());
        var script = app.Anonymous();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Text);
        using var json = await script.GetAsync($"/api/v1/library/documents/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        AssertPrivate(json, "JSON read with a token");
        using var feed = await app.Anonymous().GetAsync("/library/feed.atom?access_token=" + Uri.EscapeDataString(issued.Text), Ct);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        AssertPrivate(feed, "feed read with a token");
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/v1/account/me")]
    public async Task Account_pages_are_private_even_for_anonymous_callers(string path)
    {
        using var response = await app.Anonymous().GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertPrivate(response, path);
    }

    [Fact]
    public async Task Public_static_files_keep_their_long_caching_also_for_a_signed_in_reader()
    {
        var librarian = await app.LibrarianAsync();
        // As the layout links it (asp-append-version adds ?v=<hash>).
        var page = await librarian.GetStringAsync("/", Ct);
        var css = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "<link rel=\"stylesheet\" href=\"([^\"]+)\"").Groups[1].Value);
        Assert.Contains("?v=", css, StringComparison.Ordinal);
        using var response = await librarian.GetAsync(css, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl is { Public: true, NoStore: false }, response.Headers.CacheControl?.ToString());
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl!.MaxAge);
    }
}

public sealed class KeepingPrivateAnswersOutOfCachesOnSqlite(SqliteApp app) : KeepingPrivateAnswersOutOfCaches(app), IClassFixture<SqliteApp>;
public sealed class KeepingPrivateAnswersOutOfCachesOnPostgres(PostgresApp app) : KeepingPrivateAnswersOutOfCaches(app), IClassFixture<PostgresApp>;
