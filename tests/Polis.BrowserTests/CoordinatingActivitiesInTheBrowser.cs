using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Polis.BrowserTests;

/// <summary>
/// Issue 22, the coordinator's flow in a real browser, at desktop and phone width, in English and Russian: coverage
/// filtered by year and structure, the overlaps page, the annual report page, the DOCX and IATI downloads (their
/// content types; the IATI file validates with the shared validate-iati.sh); axe on every page.
/// </summary>
public sealed class CoordinatingActivitiesInTheBrowser(PolisServer server, Browser browser)
{
    [Theory]
    [InlineData(1280, "en")]
    [InlineData(390, "en")]
    [InlineData(1280, "ru")]
    [InlineData(390, "ru")]
    public async Task A_coordinator_reads_coverage_overlaps_and_the_report_and_downloads_the_docx_and_a_valid_IATI_file(int width, string language)
    {
        await using var coordinator = await browser.OpenAsync(server);
        var page = coordinator.Page;
        await page.SetViewportSizeAsync(width, 844);
        await coordinator.SignInAsync("coordinator@polis.example");
        if (language != "en") await coordinator.GoToAsync("/language/" + language);

        // Coverage: filtered by year and structure, the chart and its table.
        await coordinator.GoToAsync("/activities/coverage");
        await Axe.AssertAccessibleAsync(page);
        await page.Locator("#year").FillAsync("2012");
        await page.Locator("#structure").SelectOptionAsync("SPMU");
        await page.Locator("form.search-form button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("year=2012.*structure=SPMU"));
        await Expect(page.Locator("main svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("main table").First).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page);

        // The IATI file of the year, downloaded from the coverage page: its type, and it validates.
        var iatiLink = page.GetByTestId("iati");
        var iati = await page.RunAndWaitForDownloadAsync(() => iatiLink.ClickAsync());
        var iatiPath = Path.Combine(Path.GetTempPath(), $"polis-iati-{Guid.NewGuid():N}.xml");
        await iati.SaveAsAsync(iatiPath);
        try
        {
            Assert.Contains("<iati-activities", await File.ReadAllTextAsync(iatiPath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
            var run = await Validators.RunAsync("validate-iati.sh", iatiPath);
            Assert.True(run.Passed, run.ToString());
        }
        finally
        {
            File.Delete(iatiPath);
        }
        var iatiResponse = await page.Context.APIRequest.GetAsync(await iatiLink.GetAttributeAsync("href") ?? "");
        Assert.Equal(200, iatiResponse.Status);
        Assert.StartsWith("application/xml", iatiResponse.Headers["content-type"], StringComparison.Ordinal);

        // The overlaps page of a period.
        await coordinator.GoToAsync("/activities/overlaps?from=2012-01-01&to=2012-12-31");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page);

        // The annual report page, and its DOCX.
        await coordinator.GoToAsync("/activities/reports/2012");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("2012");
        await Axe.AssertAccessibleAsync(page);
        var docxLink = page.Locator("a[href$='/reports/2012.docx']");
        var docx = await page.RunAndWaitForDownloadAsync(() => docxLink.ClickAsync());
        Assert.Equal("annual-report-2012.docx", docx.SuggestedFilename);
        await using (var stream = await docx.CreateReadStreamAsync())
        {
            var zip = new byte[2];
            await stream.ReadExactlyAsync(zip, TestContext.Current.CancellationToken);
            Assert.Equal("PK"u8.ToArray(), zip);   // a DOCX is a ZIP package
        }
        var docxResponse = await page.Context.APIRequest.GetAsync("/api/v1/activities/reports/2012.docx");
        Assert.Equal(200, docxResponse.Status);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docxResponse.Headers["content-type"]);
        coordinator.AssertNoProblems();
    }
}
