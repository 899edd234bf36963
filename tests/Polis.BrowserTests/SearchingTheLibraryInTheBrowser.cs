using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Polis.BrowserTests;

/// <summary>The library's golden path in a real browser: an editor adds a guidebook with a Russian edition, a reader finds it from both languages, filters, and opens it.</summary>
public sealed class SearchingTheLibraryInTheBrowser(PolisServer server, Browser browser)
{
    [Fact]
    public async Task An_editor_adds_editions_and_a_reader_finds_them_with_facets_snippets_and_citations()
    {
        var marker = "Kyzylorda" + Guid.NewGuid().ToString("N")[..6];
        await using (var editor = await browser.OpenAsync(server))
        {
            var page = editor.Page;
            await editor.SignInAsync("editor@polis.example");

            await editor.GoToAsync("/library/documents/new");
            await Axe.AssertAccessibleAsync(page);
            await page.GetByLabel("Title", new() { Exact = true }).FillAsync($"Community policing handbook {marker}");
            await page.GetByLabel("Type").SelectOptionAsync("Guidebook");
            // The demo editor edits for two structures: the document's owner is one of them, chosen here (the write rule).
            await page.GetByLabel("Owning structure").SelectOptionAsync("SPMU");
            await page.GetByLabel("Trafficking in human beings").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Community policing handbook {marker}");
            var documentPath = new Uri(page.Url).AbsolutePath;

            await page.GetByRole(AriaRole.Button, new() { Name = "Add a language edition or file" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Add a language edition or file" })).ClickAsync();
            await Axe.AssertAccessibleAsync(page);
            await page.GetByLabel("Language of the edition").SelectOptionAsync("ru");
            await page.GetByLabel("Title in that language").FillAsync($"Пособие по работе полиции с населением {marker}");
            await page.Locator("#file").SetInputFilesAsync(new FilePayload
            {
                Name = "handbook-ru.md",
                MimeType = "text/markdown",
                Buffer = System.Text.Encoding.UTF8.GetBytes($"# Пособие\n\nСотрудники полиции выявляют жертв торговли людьми в районе {marker}. См. PC.DEC/1049."),
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
            await Expect(page.GetByText("The file was added.")).ToBeVisibleAsync();
            // A new document is a draft that only writers see (issue 19 item 10): the editor publishes it for the reader.
            await editor.GoToAsync(documentPath);
            await page.GetByTestId("publish").GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
            await Expect(page.GetByText("Published.", new() { Exact = true })).ToBeVisibleAsync();
            editor.AssertNoProblems();
        }

        await using var reader = await browser.OpenAsync(server);
        var p = reader.Page;
        // The library's own search (the home page's box searches every kind: SearchingEverythingInTheBrowser).
        await reader.GoToAsync("/library/search");
        await p.GetByLabel("Words, a \"phrase\" or a symbol").FillAsync($"жертвы {marker}");
        await p.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var hit = p.Locator(".hit").First;
        await Expect(hit.GetByRole(AriaRole.Heading).GetByRole(AriaRole.Link)).ToContainTextAsync(marker);
        await Expect(hit.Locator("mark").First).ToBeVisibleAsync();
        await Expect(p.Locator("[data-facet=type]")).ToContainTextAsync("Guidebook");
        await Axe.AssertAccessibleAsync(p);

        await p.Locator("[data-facet=type]").GetByRole(AriaRole.Link, new() { Name = "Guidebook" }).ClickAsync();
        await Expect(p.Locator(".hit").First.GetByRole(AriaRole.Heading).GetByRole(AriaRole.Link)).ToContainTextAsync(marker);
        await p.Locator(".hit").First.GetByRole(AriaRole.Heading).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(p.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(marker);
        await Expect(p.GetByTestId("cites")).ToContainTextAsync("PC.DEC/1049");
        await Expect(p.Locator(".editions")).ToContainTextAsync("Русский");
        await Axe.AssertAccessibleAsync(p);
        reader.AssertNoProblems();
    }
}
