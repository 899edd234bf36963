using System.Net;
using System.Net.Http.Json;
using Polis.Ingest;
using Polis.Platform;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Security;

/// <summary>Requests a browser would not send get a clear answer, never a 500 (issue 23's findings).</summary>
public sealed class AnsweringOddRequests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("TRACE", "/")]
    [InlineData("TRACE", "/library")]
    [InlineData("TRACE", "/library/search")]
    [InlineData("PUT", "/")]
    [InlineData("DELETE", "/library/search")]
    public async Task A_page_asked_with_another_method_answers_405(string method, string path)
    {
        using var response = await app.Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("/library%01", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/library/search?q=полиция", "/library/search?q=%D0%BF%D0%BE%D0%BB%D0%B8%D1%86%D0%B8%D1%8F")]
    public async Task Switching_language_with_an_odd_return_address_goes_somewhere_safe(string returnUrl, string expected)
    {
        using var response = await app.Anonymous().GetAsync("/language/ru?returnUrl=" + Uri.EscapeDataString(Uri.UnescapeDataString(returnUrl)), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_in_with_a_control_character_in_the_return_address_signs_in_and_goes_home()
    {
        await app.AddDemoAccountsAsync();
        var client = app.Anonymous();
        var token = await PolisApp.AntiforgeryTokenAsync(client, "/account/login");
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "member@polis.example",
            ["Password"] = "Polis-demo-2026",
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = "/library\u0001\r\nX: y",
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.True((await client.GetFromJsonAsync<Polis.Accounts.CurrentUser>("/api/v1/account/me", Ct))!.SignedIn);
    }

    [Fact]
    public void Return_addresses_stay_on_this_site_and_fit_a_header()
    {
        Assert.Equal("/", ReturnUrls.Safe(null));
        Assert.Equal("/", ReturnUrls.Safe("/\\evil.example"));
        Assert.Equal("/library?q=a%20b", ReturnUrls.Safe("/library?q=a b"));
        Assert.Equal("/library/documents/1", ReturnUrls.Safe("/library/documents/1"));
    }

    [Fact]
    public async Task A_symbol_written_with_non_ascii_digits_is_a_clear_400_and_cited_ones_are_ignored()
    {
        Assert.False(DocumentSymbol.TryParse("PC.DEC/١٠٤٩", out _));
        Assert.Empty(DocumentSymbol.FindAll("See PC.DEC/١٠٤٩ and MC.DEC/٩/١١."));
        var librarian = await app.LibrarianAsync();
        using var response = await librarian.PostAsJsonAsync("/api/v1/library/documents",
            new { title = "Arabic-Indic digits", symbol = "PC.DEC/١٠٤٩", type = "Decision", access = "Public", owner = "SPMU" }, PolisApp.Json, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("symbol", await response.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
    }
}
