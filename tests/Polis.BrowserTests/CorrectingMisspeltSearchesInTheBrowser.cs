using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Polis.BrowserTests;

/// <summary>
/// Issue 19, finding 7: a misspelt search was a dead end. It now offers the library's own word ("Did you mean"), and a
/// click on it finds the document; the empty and filtered states say what to do, with chips that remove a filter.
/// Checked on a wide screen and a 390 px phone, in English and Russian, with axe and the shared HTML validator.
/// </summary>
public sealed class CorrectingMisspeltSearchesInTheBrowser(PolisServer server, Browser browser)
{
    [Theory]
    [InlineData("en", "Did you mean", "1 document found", "Remove the filter Type: Report")]
    [InlineData("ru", "Возможно, вы имели в виду", "Найден 1 документ", "Убрать фильтр «Тип: Доклад»")]
    public async Task A_misspelt_query_offers_the_librarys_word_and_clicking_it_finds_the_document(string language, string didYouMean, string oneFound, string removeReport)
    {
        var word = Word("gendarmerie");
        var misspelt = word.Remove(word.Length - 3, 1);
        var title = $"Handbook on {word} patrols";
        await using (var editor = await browser.OpenAsync(server))
        {
            await editor.SignInAsync("editor@polis.example");
            var response = await editor.Page.APIRequest.PostAsync("/api/v1/library/documents", new()
            {
                DataObject = new { title, type = "Guidebook", access = "Public", owner = "SPMU" },
            });
            Assert.True(response.Status == 201, $"create answered {response.Status}: {await response.TextAsync()}");
            var id = (await response.JsonAsync())!.Value.GetProperty("id").GetString();
            var published = await editor.Page.APIRequest.PostAsync($"/api/v1/library/documents/{id}/publish");
            Assert.True(published.Status == 200, $"publish answered {published.Status}");
        }

        await using var reader = await browser.OpenAsync(server);
        var page = reader.Page;
        if (language != "en") await reader.GoToAsync($"/language/{language}?returnUrl=%2F");
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
            await reader.GoToAsync("/library/search?q=" + Uri.EscapeDataString(misspelt));
            var suggestion = page.GetByTestId("suggestion");
            await Expect(suggestion).ToContainTextAsync(didYouMean);
            await Expect(suggestion.GetByRole(AriaRole.Link)).ToHaveTextAsync(word);
            await Expect(page.Locator(".hit")).ToHaveCountAsync(0);
            await Axe.AssertAccessibleAsync(page);

            await suggestion.GetByRole(AriaRole.Link).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = oneFound })).ToBeVisibleAsync();
            await Expect(page.Locator(".hit h3 a")).ToHaveTextAsync(title);
            await Expect(page.Locator("#q")).ToHaveValueAsync(word);
            await Axe.AssertAccessibleAsync(page);

            // A filter that leaves nothing: a chip removes it again.
            await reader.GoToAsync($"/library/search?q={word}&type=Report");
            var chip = page.GetByRole(AriaRole.Link, new() { Name = removeReport });
            await Expect(chip).ToBeVisibleAsync();
            await Axe.AssertAccessibleAsync(page);
            await chip.ClickAsync();
            await Expect(page.Locator(".hit h3 a")).ToHaveTextAsync(title);
            Assert.DoesNotContain("type=", page.Url, StringComparison.Ordinal);
        }
        reader.AssertNoProblems();
    }

    [Theory]
    [InlineData("/library/search?q=gendarmeri")]
    [InlineData("/library/search?q=police&type=Report")]
    [InlineData("/library/search?q=zzzqqxv&type=Report")]
    [InlineData("/library/feed")]
    public async Task The_shared_validators_find_no_html_errors_on_suggestions_chips_and_the_feed_page(string path) =>
        await Validators.AssertPassAsync(server.Url(path), "validate-html.sh");

    private const string Consonants = "bdfghjlmnprstvwx";

    /// <summary>A word of letters only (the speller leaves words with digits alone), unique to one test.
    /// Its random tail is consonants other than c, k, q and z: no French, Spanish or German ending and no respelling into
    /// English (Cognates.ToEnglish) applies to it, so its translations do not depend on which letters it drew.
    /// </summary>
    private static string Word(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => Consonants[b % Consonants.Length]));
}
