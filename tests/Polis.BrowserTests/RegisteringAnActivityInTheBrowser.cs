using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Polis.BrowserTests;

/// <summary>
/// Issue 22, the editor's flow in a real browser, at desktop and phone width, in English and Russian: register an
/// activity with errors (every one at once, linked to its field), correct it, save, find it in the filtered list,
/// edit it, and have a stale edit refused with the other change shown; record an activity in Russian and see the
/// overlap warning for a similar English activity of another structure, explained; axe on every page.
/// </summary>
public sealed class RegisteringAnActivityInTheBrowser(PolisServer server, Browser browser)
{
    [Theory]
    [InlineData(1280, "en")]
    [InlineData(390, "en")]
    [InlineData(1280, "ru")]
    [InlineData(390, "ru")]
    public async Task An_editor_registers_corrects_lists_edits_and_meets_a_stale_edit(int width, string language)
    {
        var marker = "Osh" + Guid.NewGuid().ToString("N")[..6];
        await using var editor = await browser.OpenAsync(server);
        var page = editor.Page;
        await page.SetViewportSizeAsync(width, 844);
        await editor.SignInAsync("editor@polis.example");
        if (language != "en") await editor.GoToAsync("/language/" + language);

        await editor.GoToAsync("/activities/new");
        await Axe.AssertAccessibleAsync(page);
        await page.Locator("#f-Language").FillAsync(language);
        await page.Locator("#f-Title").FillAsync("x");
        await page.Locator("#f-Owner").SelectOptionAsync("MSRB");
        await page.Locator("#f-StartsOn").FillAsync("2016-05-10");
        await page.Locator("#f-EndsOn").FillAsync("2016-05-01");
        await page.Locator("#f-ParticipantsTotal").FillAsync("10");
        await page.Locator("#f-ParticipantsWomen").FillAsync("20");
        await page.Locator("#f-BudgetLines-0-Amount").FillAsync("100.555");
        await page.Locator("#f-BudgetLines-0-Currency").FillAsync("EUR");
        await page.GetByTestId("save").ClickAsync();

        var summary = page.GetByTestId("error-summary");
        await Expect(summary).ToBeVisibleAsync();
        foreach (var field in new[] { "f-Title", "f-EndsOn", "f-ParticipantsWomen", "f-BudgetLines-0-Amount" })
            await Expect(summary.Locator($"a[href='#{field}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#f-Title")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#f-ParticipantsTotal")).ToHaveValueAsync("10");
        await Axe.AssertAccessibleAsync(page);

        var title = language == "ru" ? $"Семинар по общественной безопасности {marker}" : $"Community security workshop {marker}";
        await page.Locator("#f-Title").FillAsync(title);
        await page.Locator("#f-EndsOn").FillAsync("2016-05-12");
        await page.Locator("#f-ParticipantsWomen").FillAsync("4");
        await page.Locator("#f-BudgetLines-0-Amount").FillAsync("100.55");
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        var path = new Uri(page.Url).AbsolutePath;
        await Axe.AssertAccessibleAsync(page);

        await editor.GoToAsync("/activities?structure=MSRB&year=2016");
        await Expect(page.GetByTestId("activities").GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page);

        // Two tabs open the same activity; the second saves first, the first is refused with the second's change shown.
        await editor.GoToAsync(path + "/edit");
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync(path + "/edit");
        await other.Locator("#f-Location").FillAsync("Osh");
        await other.GetByTestId("save").ClickAsync();
        await Expect(other.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);

        await page.Locator("#f-Title").FillAsync(title + " (2)");
        await page.GetByTestId("save").ClickAsync();
        var stale = page.GetByTestId("stale");
        await Expect(stale).ToBeVisibleAsync();
        await Expect(stale).ToContainTextAsync("Osh");
        await Expect(page.Locator("#f-Title")).ToHaveValueAsync(title + " (2)");
        await Axe.AssertAccessibleAsync(page);
        // Saving again, knowingly, replaces the other change.
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title + " (2)");
        await editor.GoToAsync(path + "/history");
        await Expect(page.GetByTestId("history")).ToContainTextAsync("Osh");
        await Axe.AssertAccessibleAsync(page);
    }

    [Theory]
    [InlineData(1280, "en")]
    [InlineData(390, "ru")]
    public async Task An_editor_records_in_Russian_and_is_warned_of_the_similar_English_activity_of_another_structure(int width, string language)
    {
        await using var editor = await browser.OpenAsync(server);
        var page = editor.Page;
        await page.SetViewportSizeAsync(width, 844);
        await editor.SignInAsync("editor@polis.example");
        if (language != "en") await editor.GoToAsync("/language/" + language);

        // The demo data has TNTD's "Counter-narcotics training courses for Afghan officers" (English, AF, illicit drugs, from 3 Sep 2007).
        await editor.GoToAsync("/activities/new");
        await page.Locator("#f-Language").FillAsync("ru");
        await page.Locator("#f-Type").SelectOptionAsync("TrainingOfTrainers");
        await page.Locator("#f-Title").FillAsync("Курсы подготовки афганских сотрудников по борьбе с наркотиками " + Guid.NewGuid().ToString("N")[..4]);
        await page.Locator("#f-Description").FillAsync("С 2007 года девять учебных курсов по борьбе с наркотиками, в основном подготовка инструкторов, "
            + "для 95 афганских сотрудников в Казахстане, Российской Федерации, Таджикистане и Турции.");
        await page.Locator("#f-Owner").SelectOptionAsync("MSRB");
        await page.Locator("#f-StartsOn").FillAsync("2007-09-12");
        await page.Locator("#f-EndsOn").FillAsync("2007-09-14");
        await page.Locator("#f-States summary").ClickAsync();
        await page.Locator("input[name='Input.States'][value='AF']").CheckAsync();
        await page.Locator("input[name='Input.Priorities'][value='IllicitDrugs']").CheckAsync();
        await page.GetByTestId("save").ClickAsync();

        var warning = page.GetByTestId("overlap-warnings");
        await Expect(warning).ToBeVisibleAsync();
        await Expect(warning.GetByRole(AriaRole.Link, new() { Name = "Counter-narcotics training courses for Afghan officers" })).ToBeVisibleAsync();
        await Expect(warning).ToContainTextAsync(language == "ru" ? "русский ↔ английский" : "Russian ↔ English");
        await Expect(warning).ToContainTextAsync(language == "ru" ? "разница 9 дн." : "9 days apart");
        await Axe.AssertAccessibleAsync(page);
        editor.AssertNoProblems();
    }
}
