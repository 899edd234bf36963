using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Polis.BrowserTests;

/// <summary>
/// Issue 23 in a real browser: an editor who gets several fields wrong sees every problem at once, each linked to its
/// field, keeps what was typed, corrects the fields and saves.
/// </summary>
public sealed class CorrectingTheDocumentFormInTheBrowser(PolisServer server, Browser browser)
{
    [Fact]
    public async Task Every_error_is_shown_at_once_and_the_corrected_form_saves()
    {
        var marker = "Naryn" + Guid.NewGuid().ToString("N")[..6];
        await using var editor = await browser.OpenAsync(server);
        var page = editor.Page;
        await editor.SignInAsync("editor@polis.example");

        await editor.GoToAsync("/library/documents/new");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("x");
        await page.Locator("#symbol").FillAsync("PC.DEC/");
        await page.Locator("#volume").FillAsync("0x10");
        await page.GetByLabel("Owning structure").SelectOptionAsync("SPMU");
        await page.Locator("#summary").FillAsync($"Summary kept across the round trip {marker}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var summary = page.GetByTestId("error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync("The form has 3 problem(s)");
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Title" })).ToHaveAttributeAsync("href", "#title");
        await Expect(summary).ToContainTextAsync("'PC.DEC/' is not a document symbol");
        await Expect(summary).ToContainTextAsync("'0x10' is not a whole number");
        await Expect(page.Locator("#title")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#summary")).ToHaveValueAsync($"Summary kept across the round trip {marker}");
        await Expect(page.Locator("#volume")).ToHaveValueAsync("0x10");
        await Axe.AssertAccessibleAsync(page);

        await page.GetByLabel("Title", new() { Exact = true }).FillAsync($"Corrected report {marker}");
        await page.Locator("#symbol").FillAsync("");
        await page.Locator("#volume").FillAsync("12");
        await page.GetByLabel("Owning structure").SelectOptionAsync("SPMU");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Corrected report {marker}");
        // The refused save answers 400 with the form (the status says the input was not accepted), which the browser
        // logs as a failed load; nothing else may appear (no script error, no CSP violation).
        Assert.All(editor.Problems, p => Assert.Contains("/library/documents/new: Failed to load resource: the server responded with a status of 400", p, StringComparison.Ordinal));
        Assert.Single(editor.Problems);
    }
}
