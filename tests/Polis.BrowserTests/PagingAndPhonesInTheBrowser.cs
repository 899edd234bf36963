using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Polis.BrowserTests;

/// <summary>
/// The search page as issue 19 found it: "Next" showed page 1 again, a phone showed the first hit 4,000 px down, and
/// editors had no way to "New document". Paging, the phone layout (English and Russian) and the editors' links.
/// </summary>
public sealed class PagingAndPhonesInTheBrowser(PolisServer server, Browser browser)
{
    [Fact]
    public async Task Next_and_Previous_move_between_pages_and_a_facet_clicked_on_page_two_starts_again_at_page_one()
    {
        // 45 documents of our own (15 guidebooks, 30 reports), so the pages do not depend on what other tests add.
        var marker = "Pagination" + Guid.NewGuid().ToString("N")[..6];
        await using (var editor = await SignedInEditorAsync())
        {
            for (var i = 1; i <= 45; i++)
            {
                var guidebook = i % 3 == 0;
                var response = await editor.Page.APIRequest.PostAsync("/api/v1/library/documents", new()
                {
                    DataObject = new
                    {
                        title = $"Patrol {(guidebook ? "guidebook" : "report")} {marker} number {i:00}",
                        type = guidebook ? "Guidebook" : "Report",
                        access = "Public",
                        owner = "SPMU",
                    },
                });
                Assert.True(response.Status == 201, $"create answered {response.Status}: {await response.TextAsync()}");
                // A new document is a draft that only writers see (issue 19 item 10): publish it for the reader.
                var id = (await response.JsonAsync())!.Value.GetProperty("id").GetString();
                var published = await editor.Page.APIRequest.PostAsync($"/api/v1/library/documents/{id}/publish");
                Assert.True(published.Status == 200, $"publish answered {published.Status}: {await published.TextAsync()}");
            }
        }

        await using var reader = await browser.OpenAsync(server);
        var page = reader.Page;
        await reader.GoToAsync($"/library/search?q={marker}");
        var pager = page.Locator(".pager");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "45 documents found" })).ToBeVisibleAsync();
        await Expect(pager).ToContainTextAsync("Page 1 of 3");
        var first = await HitTitlesAsync(page);
        Assert.Equal(20, first.Count);

        await pager.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();

        await Expect(pager).ToContainTextAsync("Page 2 of 3");
        Assert.Contains("page=2", page.Url, StringComparison.Ordinal);
        var second = await HitTitlesAsync(page);
        Assert.Equal(20, second.Count);
        Assert.Empty(second.Intersect(first));
        Assert.Equal("21", await page.Locator("ol.hits").GetAttributeAsync("start"));
        await Axe.AssertAccessibleAsync(page);

        await pager.GetByRole(AriaRole.Link, new() { Name = "Previous" }).ClickAsync();

        await Expect(pager).ToContainTextAsync("Page 1 of 3");
        Assert.Equal(first, await HitTitlesAsync(page));

        await pager.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await pager.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Expect(pager).ToContainTextAsync("Page 3 of 3");
        Assert.Equal(5, (await HitTitlesAsync(page)).Count);
        await pager.GetByRole(AriaRole.Link, new() { Name = "Previous" }).ClickAsync();
        await Expect(pager).ToContainTextAsync("Page 2 of 3");

        await page.Locator("[data-facet=type]").GetByRole(AriaRole.Link, new() { Name = "Report" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "30 documents found" })).ToBeVisibleAsync();
        await Expect(pager).ToContainTextAsync("Page 1 of 2");
        Assert.DoesNotContain("page=", page.Url, StringComparison.Ordinal);
        var filtered = await HitTitlesAsync(page);
        Assert.Equal(20, filtered.Count);
        Assert.All(filtered, t => Assert.Contains("Patrol report", t, StringComparison.Ordinal));
        await Expect(page.Locator("[data-facet=type] a[aria-current=true]")).ToHaveTextAsync("Report");

        await pager.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Expect(pager).ToContainTextAsync("Page 2 of 2");
        Assert.Contains("type=Report", page.Url, StringComparison.Ordinal);
        Assert.Equal(10, (await HitTitlesAsync(page)).Count);
        reader.AssertNoProblems();
    }

    [Theory]
    [InlineData("en", "police", "Refine")]
    [InlineData("ru", "торговля людьми", "Уточнить")]
    public async Task On_a_390_pixel_phone_the_first_hit_comes_before_the_filters_and_the_translation_note_is_one_line(
        string language, string query, string refine)
    {
        await using var session = await browser.OpenAsync(server);
        var page = session.Page;
        if (language != "en") await session.GoToAsync($"/language/{language}?returnUrl=%2F");
        var path = "/library/search?q=" + Uri.EscapeDataString(query);

        // Wide screen: the filters are a column beside the hits, shown without a click.
        await session.GoToAsync(path);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.Locator("[data-facet=type]")).ToBeVisibleAsync();
        await ScreenshotAsync(page, $"search-wide-{language}.png");

        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();

        var hit = page.Locator(".hit").First;
        await Expect(hit).ToBeVisibleAsync();
        var hitBox = (await hit.BoundingBoxAsync())!;
        Assert.True(hitBox.Y < 844, $"the first hit starts {hitBox.Y:0} px down, below the first screen");
        await Expect(page.Locator("[data-facet=type]")).ToBeHiddenAsync();
        var filters = page.Locator(".facets-panel > summary");
        await Expect(filters).ToContainTextAsync(refine);
        var note = page.GetByTestId("translations");
        await Expect(note).ToBeVisibleAsync();
        var noteBox = (await note.BoundingBoxAsync())!;
        Assert.True(noteBox.Height < 80, $"the translation note is {noteBox.Height:0} px high, not one line");
        Assert.True(noteBox.Y < hitBox.Y);
        await Axe.AssertAccessibleAsync(page);
        await ScreenshotAsync(page, $"search-phone-{language}.png");

        // One tap opens the filters, still without pushing the page past the hits it was showing before.
        await filters.ClickAsync();
        var facet = page.Locator("[data-facet=type]");
        await Expect(facet).ToBeVisibleAsync();
        var facetBox = (await facet.BoundingBoxAsync())!;
        Assert.True(facetBox.Y > (await filters.BoundingBoxAsync())!.Y);
        await note.Locator("summary").ClickAsync();
        await Expect(note.Locator("p").First).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page);
        session.AssertNoProblems();
    }

    [Fact]
    public async Task An_editor_finds_New_document_and_the_unresolved_citations_on_the_library_pages_and_an_anonymous_visitor_does_not()
    {
        await using (var editor = await SignedInEditorAsync())
        {
            var page = editor.Page;
            await editor.GoToAsync("/library/search?q=police");
            var tools = page.GetByRole(AriaRole.Navigation, new() { Name = "For editors" });
            await Expect(tools.GetByRole(AriaRole.Link, new() { Name = "New document" })).ToBeVisibleAsync();
            await Axe.AssertAccessibleAsync(page);

            await editor.GoToAsync("/library");
            await Axe.AssertAccessibleAsync(page);
            await tools.GetByRole(AriaRole.Link, new() { Name = "Cited symbols not in the library" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Cited symbols not in the library");

            await editor.GoToAsync("/library");
            await tools.GetByRole(AriaRole.Link, new() { Name = "New document" }).ClickAsync();
            await page.WaitForURLAsync(server.Url("/library/documents/new"));
            await Expect(page.GetByLabel("Title", new() { Exact = true })).ToBeVisibleAsync();
            editor.AssertNoProblems();
        }

        await using var reader = await browser.OpenAsync(server);
        foreach (var path in new[] { "/library", "/library/search?q=police" })
        {
            await reader.GoToAsync(path);
            await Expect(reader.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await Expect(reader.Page.GetByRole(AriaRole.Link, new() { Name = "New document" })).ToHaveCountAsync(0);
            await Expect(reader.Page.Locator("a[href='/library/unresolved']")).ToHaveCountAsync(0);
        }
        reader.AssertNoProblems();
    }

    [Theory]
    [InlineData("/library/search?q=police&type=Report&page=2")]
    [InlineData("/library")]
    public async Task The_shared_validators_find_no_html_errors_on_the_paged_and_filtered_search(string path) =>
        await Validators.AssertPassAsync(server.Url(path), "validate-html.sh");

    private async Task<BrowserSession> SignedInEditorAsync()
    {
        var session = await browser.OpenAsync(server);
        await session.SignInAsync("editor@polis.example");
        return session;
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
    }

    private static async Task<IReadOnlyList<string>> HitTitlesAsync(IPage page) =>
        await page.Locator(".hit h3 a").AllTextContentsAsync();
}
