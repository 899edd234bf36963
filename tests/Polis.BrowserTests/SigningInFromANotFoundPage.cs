using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Polis.BrowserTests;

/// <summary>"Forgot your password?" and the sign-in offer on "Page not found", as a reader meets them (issues 19 and 23).</summary>
public sealed class SigningInFromANotFoundPage(PolisServer server, Browser browser)
{
    [Fact]
    public async Task TheSignInPageLeadsToThePasswordResetFormWhichAnswersTheSameForAnyAddress()
    {
        await using var session = await browser.OpenAsync(server);
        var page = session.Page;
        await session.GoToAsync("/account/login");

        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(server.Url("/account/forgot"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Reset your password");
        await Axe.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Main).GetByLabel("E-mail").FillAsync("nobody@polis.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("If an account exists for this address");
        await Axe.AssertAccessibleAsync(page);
        session.AssertNoProblems();
    }

    [Fact]
    public async Task AnAnonymousReaderOnPageNotFoundSignsInAndComesBackToTheSameAddress()
    {
        await using var session = await browser.OpenAsync(server);
        var page = session.Page;
        var path = $"/library/documents/{Guid.NewGuid()}";
        var response = await page.GotoAsync(path);
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await Axe.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await session.SubmitSignInAsync("member@polis.example", BrowserSession.DemoPassword, landsOn: path);

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToHaveCountAsync(0);
    }
}
