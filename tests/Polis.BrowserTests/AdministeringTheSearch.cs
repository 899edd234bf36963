using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Polis.BrowserTests;

/// <summary>
/// The administrator's view of the search: reached from the navigation, readable, accessible; it says what the index
/// holds, which lexicon translates queries and for which languages the Hunspell dictionaries give query words their
/// dictionary forms (tests/run.sh installs all five). At desktop and phone width, in English and Russian, with axe.
/// </summary>
public sealed class AdministeringTheSearch(PolisServer server, Browser browser)
{
    [Theory]
    [InlineData(1280, "en", "Search administration", "Search administration", "records indexed", "Loaded for 5 of 5 languages: en, ru, fr, de, es.")]
    [InlineData(390, "ru", "Поиск: администрирование", "Администрирование поиска", "Проиндексировано записей", "Загружены для 5 из 5 языков: en, ru, fr, de, es.")]
    public async Task The_administrator_opens_the_search_administration_from_the_menu(int width, string language, string link, string heading, string indexed, string forms)
    {
        await using var admin = await browser.OpenAsync(server);
        var page = admin.Page;
        await page.SetViewportSizeAsync(width, 844);
        await admin.SignInAsync("admin@polis.example");
        if (language != "en") await admin.GoToAsync("/language/" + language);

        await page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await Expect(page.GetByTestId("index-status")).ToContainTextAsync(indexed);
        await Expect(page.GetByTestId("lexicon-status")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("forms-status")).ToHaveTextAsync(forms);
        await Expect(page.GetByTestId("forms-missing")).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(page);
        admin.AssertNoProblems();
    }
}
