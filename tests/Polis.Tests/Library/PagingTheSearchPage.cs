using System.Text.RegularExpressions;
using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>
/// The search page's ?page= (issue 19: "page" is a Razor Pages route value, so a bound property never saw it and
/// every page showed page 1), its links, and the editors' links on the library pages.
/// </summary>
public abstract partial class PagingTheSearchPage(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Page_two_of_the_search_page_shows_the_hits_after_the_first_twenty_and_links_back_to_page_one()
    {
        var marker = "pagedsearch" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 1; i <= 25; i++)
            await app.CreateDocumentAsync(new { title = $"Border patrol note {marker} {i:00}", type = i <= 5 ? "Guidebook" : "Report", access = "Public" });

        var first = await app.Anonymous().GetStringAsync($"/library/search?q={marker}", Ct);
        var second = await app.Anonymous().GetStringAsync($"/library/search?q={marker}&page=2", Ct);

        Assert.Equal(20, Hits(first).Count);
        Assert.Equal(5, Hits(second).Count);
        Assert.Empty(Hits(first).Intersect(Hits(second)));
        Assert.Contains("Page 1 of 2", first, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", second, StringComparison.Ordinal);
        Assert.Contains("<ol class=\"hits\" start=\"21\">", second, StringComparison.Ordinal);
        Assert.Contains($"href=\"/library/search?q={marker}&amp;page=2\" rel=\"next\"", first, StringComparison.Ordinal);
        Assert.Contains($"href=\"/library/search?q={marker}\" rel=\"prev\"", second, StringComparison.Ordinal);
        // A filter chosen on page 2 starts again at page 1.
        Assert.Contains($"href=\"/library/search?q={marker}&amp;type=Guidebook\"", second, StringComparison.Ordinal);

        // The API pages the same way.
        var api = await app.SearchAsync(app.Anonymous(), $"q={marker}&page=2");
        Assert.Equal(Hits(second).Order(StringComparer.Ordinal), api.Hits.Select(h => h.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("99999")]
    public async Task A_page_number_that_is_not_a_page_still_answers_with_a_page(string page)
    {
        var response = await app.Anonymous().GetAsync($"/library/search?q=police&page={page}", Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Editors_see_New_document_and_the_unresolved_citations_on_the_library_pages_and_readers_do_not()
    {
        var editor = await app.SignedInAsync(Role.Editor, ["SPMU", "MSRB"]);
        var member = await app.SignedInAsync(Role.Member);
        foreach (var path in new[] { "/library", "/library/search?q=police" })
        {
            var forEditor = await editor.GetStringAsync(path, Ct);
            Assert.Contains("<a href=\"/library/documents/new\">New document</a>", forEditor, StringComparison.Ordinal);
            Assert.Contains("<a href=\"/library/unresolved\">", forEditor, StringComparison.Ordinal);
            foreach (var reader in new[] { app.Anonymous(), member })
            {
                var html = await reader.GetStringAsync(path, Ct);
                Assert.DoesNotContain("/library/documents/new", html, StringComparison.Ordinal);
                Assert.DoesNotContain("/library/unresolved", html, StringComparison.Ordinal);
            }
        }
    }

    private static List<string> Hits(string html) => [.. HitLink().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<h3><a href=\"/library/documents/([0-9a-f-]{36})\"")]
    private static partial Regex HitLink();
}

public sealed class PagingTheSearchPageOnSqlite(SqliteApp app) : PagingTheSearchPage(app), IClassFixture<SqliteApp>;
public sealed class PagingTheSearchPageOnPostgres(PostgresApp app) : PagingTheSearchPage(app), IClassFixture<PostgresApp>;
