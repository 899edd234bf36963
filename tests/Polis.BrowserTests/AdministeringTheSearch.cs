using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Polis.BrowserTests;

/// <summary>The administrator's view of the search: reached from the navigation, readable, accessible.</summary>
public sealed class AdministeringTheSearch(PolisServer server, Browser browser)
{
    [Fact]
    public async Task The_administrator_opens_the_search_administration_from_the_menu()
    {
        await using var admin = await browser.OpenAsync(server);
        var page = admin.Page;
        await admin.SignInAsync("admin@polis.example");

        await page.GetByRole(AriaRole.Link, new() { Name = "Search administration" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Search administration");
        await Expect(page.GetByTestId("index-status")).ToContainTextAsync("records indexed");
        await Expect(page.GetByTestId("lexicon-status")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page);
        admin.AssertNoProblems();
    }
}
