using System.Text.Json.Nodes;
using Polis.Accounts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Foundation;

/// <summary>
/// Every kind of page, as a signed-in coordinator sees it (the editing tools, the co-ordination pages, the report) and in
/// both interface languages, passes the shared HTML checkers nobody on the team wrote: the Nu Html Checker and
/// html-validate with its accessibility preset (../shared/validators/bin/validate-html.sh). The browser tests check
/// the anonymous library pages as served; these are the pages only a signed-in user gets.
/// </summary>
public sealed class WritingValidPages(SqliteDemoApp app) : IClassFixture<SqliteDemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    public async Task The_pages_of_a_signed_in_coordinator_pass_the_nu_checker_and_html_validate(string language)
    {
        var client = await app.SignInAsync("coordinator@polis.example", DemoUsers.Password);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var activity = await FirstActivityAsync(client);
        var document = (string)JsonNode.Parse(await client.GetStringAsync("/api/v1/library/search?q=police", Ct))!["hits"]![0]!["id"]!;
        // Every page in English; in Russian those whose labels and tables are built from data (longer words, other plurals).
        string[] paths = language == "en"
            ?
            [
                "/", "/search?q=police", "/account",
                "/activities", "/activities/new", $"/activities/{activity}", $"/activities/{activity}/edit", $"/activities/{activity}/history",
                "/activities/coverage", "/activities/overlaps", "/activities/reports/2025", "/activities/import",
                $"/library/documents/{document}", "/library/unresolved",
            ]
            : ["/activities", $"/activities/{activity}/edit", "/activities/coverage", "/activities/reports/2025", $"/library/documents/{document}"];
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path, Ct);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains($"<html lang=\"{language}\"", html, StringComparison.Ordinal);
            await Validators.AssertValidAsync("validate-html.sh", html, ".html", $"{path} ({language})");
        }
    }

    /// <summary>The demo activities are added on start; the first one the coordinator may see.</summary>
    private static async Task<string> FirstActivityAsync(HttpClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            var items = JsonNode.Parse(await client.GetStringAsync("/api/v1/activities", Ct))!["items"]!.AsArray();
            if (items.Count > 0) return (string)items[0]!["id"]!;
            Assert.True(attempt < 60, "no demo activity after 30 s");
            await Task.Delay(500, Ct);
        }
    }
}
