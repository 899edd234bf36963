using System.Net;
using System.Net.Http.Json;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Polis.Data;
using Polis.Reference.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Security;

/// <summary>Polis with one fault injected: the reference directory throws, carrying a secret in its message.</summary>
public sealed class FaultyApp : PolisApp
{
    public const string Secret = "SELECT secret_column FROM hidden_table";
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddScoped<IReferenceDirectory, ThrowingReferenceDirectory>());
    }

    private sealed class ThrowingReferenceDirectory : IReferenceDirectory
    {
        public Task<IReadOnlyList<ReferenceOption>> StatesAsync(CultureInfo culture, bool includePartners, CancellationToken ct) => throw new InvalidOperationException(Secret);
        public Task<IReadOnlyList<ReferenceOption>> ExecutiveStructuresAsync(CultureInfo culture, CancellationToken ct) => throw new InvalidOperationException(Secret);
        public Task<IReadOnlyList<ReferenceOption>> ThematicPrioritiesAsync(CultureInfo culture, CancellationToken ct) => throw new InvalidOperationException(Secret);
        public Task<IReadOnlyList<ReferenceOption>> LinesOfActionAsync(CultureInfo culture, CancellationToken ct) => throw new InvalidOperationException(Secret);
        public Task<ReferenceSummary> SummaryAsync(CancellationToken ct) => throw new InvalidOperationException(Secret);
        public Task<IReadOnlyList<ReferenceOption>> PartnerOrganisationsAsync(CultureInfo culture, CancellationToken ct) => throw new InvalidOperationException(Secret);
        public Task<IReadOnlyList<ReferenceOption>> DecisionMakingBodiesAsync(CultureInfo culture, CancellationToken ct) => throw new InvalidOperationException(Secret);
        public Task<ReferenceNames> NamesAsync(CultureInfo culture, CancellationToken ct) => throw new InvalidOperationException(Secret);
    }
}

public sealed class SecurityHeadersAndErrors(FaultyApp app) : IClassFixture<FaultyApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/health")]
    [InlineData("/api/v1/account/me")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/no-such-page")]
    [InlineData("/api/v1/reference/states")]
    [InlineData("/dist/site.css")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await app.Anonymous().GetAsync(path, Ct);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_outside_development()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://polis.example/") });
        var response = await client.GetAsync("/account/login", Ct);
        Assert.StartsWith("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_page_shows_a_friendly_error_without_the_exception()
    {
        var response = await app.Anonymous().GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret_column", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Polis", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_api_call_answers_problem_details_without_the_exception()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/reference/states", Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True("application/problem+json" == response.Content.Headers.ContentType!.MediaType, body);
        Assert.DoesNotContain("secret_column", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(Ct);
        Assert.Equal(500, problem!.Status);
        Assert.True(problem.Extensions.ContainsKey("traceId"));
    }

    [Fact]
    public async Task An_unknown_page_is_a_404_page_and_an_unknown_api_path_is_404_problem_details()
    {
        var page = await app.Anonymous().GetAsync("/no-such-page", Ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Page not found", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var api = await app.Anonymous().GetAsync("/api/v1/no-such-thing", Ct);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_forged_antiforgery_token_is_refused_with_a_clear_page_and_signs_nobody_in()
    {
        await app.AddDemoAccountsAsync();   // the e-mail and password below are right: only the token is forged
        var client = app.Anonymous();
        await client.GetAsync("/account/login", Ct);
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "admin@polis.example",
            ["Password"] = Polis.Accounts.DemoUsers.Password,
            ["__RequestVerificationToken"] = "forged",
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The request could not be accepted", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var c) ? c : [], v => v.StartsWith("polis.auth=", StringComparison.Ordinal));
        var me = await client.GetFromJsonAsync<Polis.Accounts.CurrentUser>("/api/v1/account/me", Ct);
        Assert.False(me!.SignedIn);
    }

    [Fact]
    public async Task Cookies_are_http_only()
    {
        var client = app.Anonymous();
        var login = await client.GetAsync("/account/login", Ct);
        Assert.All(login.Headers.GetValues("Set-Cookie"), v => Assert.Contains("httponly", v, StringComparison.OrdinalIgnoreCase));
    }
}
