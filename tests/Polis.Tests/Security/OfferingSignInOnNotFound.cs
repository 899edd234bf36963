using System.Net;
using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Security;

/// <summary>
/// A 404 offers an anonymous reader to sign in and come back (issue 19): the link to a record they may not see
/// answers "Page not found" like a missing one. Every anonymous 404 has the offer, so it tells nothing.
/// </summary>
public abstract class OfferingSignInOnNotFound(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_anonymous_reader_is_offered_to_sign_in_on_a_hidden_and_a_missing_record_alike()
    {
        var hidden = await app.CreateDocumentAsync(new { title = "Members-only guidebook", type = "Report", access = "Members" });
        var missing = Guid.NewGuid();
        var reader = app.Anonymous();

        var hiddenPage = await reader.GetAsync($"/library/documents/{hidden}", Ct);
        var missingPage = await reader.GetAsync($"/library/documents/{missing}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, hiddenPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingPage.StatusCode);
        var hiddenHtml = await hiddenPage.Content.ReadAsStringAsync(Ct);
        var missingHtml = await missingPage.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"href=\"/account/login?returnUrl=%2Flibrary%2Fdocuments%2F{hidden}\"", hiddenHtml, StringComparison.Ordinal);
        Assert.Contains($"href=\"/account/login?returnUrl=%2Flibrary%2Fdocuments%2F{missing}\"", missingHtml, StringComparison.Ordinal);
        // The same page but for the address in the link (and the antiforgery token of the sign-out form, if any).
        Assert.Equal(Normalise(missingHtml.Replace(missing.ToString(), "ID", StringComparison.Ordinal)),
            Normalise(hiddenHtml.Replace(hidden.ToString(), "ID", StringComparison.Ordinal)));

        // Signed in, the reader follows the offer and comes back to the record.
        var signIn = await reader.GetStringAsync($"/account/login?returnUrl=%2Flibrary%2Fdocuments%2F{hidden}", Ct);
        Assert.Contains($"value=\"/library/documents/{hidden}\"", signIn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_reader_is_not_offered_to_sign_in()
    {
        var member = await app.SignedInAsync(Role.Member);
        var page = await member.GetAsync($"/library/documents/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/account/login?returnUrl=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_address_offers_the_sign_in_with_a_safe_return_address()
    {
        var page = await app.Anonymous().GetAsync("/no/such/page?x=%D0%B4", Ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("href=\"/account/login?returnUrl=%2Fno%2Fsuch%2Fpage%3Fx%3D%25D0%25B4\"", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static string Normalise(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "TOKEN");
}

public sealed class OfferingSignInOnNotFoundOnSqlite(SqliteApp app) : OfferingSignInOnNotFound(app), IClassFixture<SqliteApp>;
public sealed class OfferingSignInOnNotFoundOnPostgres(PostgresApp app) : OfferingSignInOnNotFound(app), IClassFixture<PostgresApp>;
