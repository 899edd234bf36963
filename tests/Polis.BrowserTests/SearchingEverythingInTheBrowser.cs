using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Polis.BrowserTests;

/// <summary>
/// The home page's one search box finds library documents and activities together: each hit shows its kind, the kinds
/// are a filter with counts, a hit links to its page; at desktop and phone width, in English and Russian, with axe.
/// </summary>
public sealed class SearchingEverythingInTheBrowser(PolisServer server, Browser browser)
{
    [Theory]
    [InlineData(1280, "en")]
    [InlineData(390, "ru")]
    public async Task The_home_search_box_finds_documents_and_activities_and_filters_by_kind(int width, string language)
    {
        await using var reader = await browser.OpenAsync(server);
        var page = reader.Page;
        await page.SetViewportSizeAsync(width, 844);
        if (language != "en") await reader.GoToAsync("/language/" + language);
        await reader.GoToAsync("/");
        await page.Locator("#home-q").FillAsync("police");
        await page.Locator("#home-q").PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/search\\?q=police"));
        var kinds = page.Locator("[data-facet=kind]");
        await Expect(kinds.Locator("[data-value=activities]")).Not.ToHaveTextAsync("0");
        await Expect(kinds.Locator("[data-value=library]")).Not.ToHaveTextAsync("0");
        await Expect(page.Locator(".hit[data-kind=activities]").First).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page);

        await kinds.Locator("a[href*='kind=activities']").ClickAsync();
        await Expect(page.Locator(".hit").First).ToHaveAttributeAsync("data-kind", "activities");
        await Expect(page.Locator(".hit[data-kind=library]")).ToHaveCountAsync(0);
        await Expect(page.Locator(".hit").First.GetByTestId("kind")).ToHaveTextAsync(language == "ru" ? "Мероприятие" : "Activity");
        await Axe.AssertAccessibleAsync(page);

        await page.Locator(".hit").First.GetByRole(AriaRole.Heading).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/activities/[0-9a-f-]{36}"));
        reader.AssertNoProblems();
    }
}
