using System.Net;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Foundation;

public sealed class UsingPolisInTwoLanguages(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Home_page_speaks_english_by_default_and_shows_the_holdings()
    {
        var html = await app.Anonymous().GetStringAsync("/", Ct);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Police assistance, in one place", html, StringComparison.Ordinal);
        Assert.Contains("data-count=\"states\">57<", html, StringComparison.Ordinal);
        Assert.Contains("data-count=\"field-operations\">15<", html, StringComparison.Ordinal);
        Assert.Contains("Trafficking in human beings", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Accept_language_russian_gives_the_russian_page()
    {
        var html = await app.Anonymous("ru-RU,ru;q=0.9").GetStringAsync("/", Ct);
        Assert.Contains("<html lang=\"ru\">", html, StringComparison.Ordinal);
        Assert.Contains("Содействие полиции в одном месте", html, StringComparison.Ordinal);
        Assert.Contains("Торговля людьми", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Police assistance, in one place", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_is_remembered_in_a_cookie_over_the_browser_language()
    {
        var client = app.Anonymous("en-GB");
        var switched = await client.GetAsync("/language/ru?returnUrl=%2F", Ct);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/", switched.Headers.Location!.OriginalString);
        Assert.Contains(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var html = await client.GetStringAsync("/", Ct);
        Assert.Contains("<html lang=\"ru\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_language_code_is_refused_with_a_clear_message()
    {
        var response = await app.Anonymous().GetAsync("/language/xx", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("The language 'xx' is not available", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switch_never_redirects_to_another_site()
    {
        var response = await app.Anonymous().GetAsync("/language/en?returnUrl=%2F%2Fevil.example%2F", Ct);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_culture_cookie_with_an_unknown_language_falls_back_to_english()
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Dzz%7Cuic%3Dzz");
        var html = await client.GetStringAsync("/", Ct);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
    }
}
