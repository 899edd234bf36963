using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Polis.BrowserTests;

/// <summary>
/// Issue 19: a PDF's first page as a picture (finding 9), sharing the permanent link, and the monthly download counts
/// that only editors see — on a wide screen and a 390 px phone, in English and Russian, with axe and the shared
/// HTML validator.
/// </summary>
public sealed class ReadingAndSharingADocumentInTheBrowser(PolisServer server, Browser browser)
{
    [Theory]
    [InlineData("en", "Downloads", "Share by e-mail", "Copy link", "First page of guidebook.pdf")]
    [InlineData("ru", "Скачивания", "Отправить по электронной почте", "Копировать ссылку", "Первая страница файла guidebook.pdf")]
    public async Task The_document_page_shows_the_preview_shares_the_link_and_tells_editors_only_how_often_it_was_downloaded(
        string language, string downloads, string shareByEmail, string copyLink, string previewAlt)
    {
        var title = "Preview guidebook " + Guid.NewGuid().ToString("N")[..8];
        await using var editor = await browser.OpenAsync(server);
        var page = editor.Page;
        await editor.SignInAsync("editor@polis.example");
        var created = await page.APIRequest.PostAsync("/api/v1/library/documents", new()
        {
            DataObject = new { title, type = "Guidebook", access = "Public", owner = "SPMU" },
        });
        Assert.True(created.Status == 201, $"create answered {created.Status}: {await created.TextAsync()}");
        var id = (await created.JsonAsync())!.Value.GetProperty("id").GetString();
        var documentPath = $"/library/documents/{id}";
        Assert.Equal(200, (await page.APIRequest.PostAsync($"{documentPath.Replace("/library/", "/api/v1/library/", StringComparison.Ordinal)}/publish")).Status);

        await editor.GoToAsync(documentPath);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a language edition or file" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Add a language edition or file" })).ClickAsync();
        await page.GetByLabel("Language of the edition").SelectOptionAsync("en");
        // The guidebook with a tail of its own: the same bytes are stored once, and the other language's run uploads them too.
        var pdf = (await File.ReadAllBytesAsync(Path.Combine(Repository.Root, "tests", "Polis.Ingest.Tests", "Files", "guidebook.pdf"), TestContext.Current.CancellationToken))
            .Concat(System.Text.Encoding.ASCII.GetBytes($"\n%{title}\n")).ToArray();
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "guidebook.pdf", MimeType = "application/pdf", Buffer = pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        // The upload reads the PDF's text and draws its first page: give a loaded machine time.
        await Expect(page.GetByText("The file was added.")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // A reader opens the PDF once: one download this month.
        await using var reader = await browser.OpenAsync(server);
        await reader.GoToAsync(documentPath);
        var fileUrl = await reader.Page.GetByTestId("preview").GetAttributeAsync("href");
        Assert.Equal(200, (await reader.Page.APIRequest.GetAsync(fileUrl!)).Status);

        if (language != "en") await editor.GoToAsync($"/language/{language}?returnUrl=%2F");
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
            await editor.GoToAsync(documentPath);
            var preview = page.GetByRole(AriaRole.Img, new() { Name = previewAlt });
            await Expect(preview).ToBeVisibleAsync();
            // The preview is a lazy image: it is fetched once near the viewport (the Russian page can put it below the
            // fold), so the page's load event does not wait for it. Scroll to it and wait until it has loaded.
            await preview.ScrollIntoViewIfNeededAsync();
            await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await preview.ElementHandleAsync(), new() { Timeout = 30_000 });
            Assert.True(await preview.EvaluateAsync<int>("img => img.naturalWidth") > 100, "the preview is a picture");
            var counts = page.GetByTestId("downloads");
            await Expect(counts.GetByRole(AriaRole.Heading)).ToHaveTextAsync(downloads);
            await Expect(counts.Locator("td[data-month]")).ToHaveTextAsync("1");
            var share = page.GetByTestId("share");
            Assert.StartsWith("mailto:?subject=", await share.GetByRole(AriaRole.Link, new() { Name = shareByEmail }).GetAttributeAsync("href"), StringComparison.Ordinal);
            await Expect(share.GetByRole(AriaRole.Button, new() { Name = copyLink })).ToBeVisibleAsync();
            await Axe.AssertAccessibleAsync(page);

            if (language != "en") await reader.GoToAsync($"/language/{language}?returnUrl=%2F");
            await reader.Page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
            await reader.GoToAsync(documentPath);
            await Expect(reader.Page.GetByRole(AriaRole.Img, new() { Name = previewAlt })).ToBeVisibleAsync();
            await Expect(reader.Page.GetByTestId("downloads")).ToHaveCountAsync(0);
            await Axe.AssertAccessibleAsync(reader.Page);
        }
        editor.AssertNoProblems();
        reader.AssertNoProblems();
        await Validators.AssertPassAsync(server.Url(documentPath), "validate-html.sh");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/library")]
    public async Task The_shared_validators_find_no_html_errors_on_the_home_and_library_pages(string path) =>
        await Validators.AssertPassAsync(server.Url(path), "validate-html.sh");
}
