namespace Polis.BrowserTests;

/// <summary>
/// Positive controls for the harness itself: a check that never fires proves nothing, so each one is shown to catch
/// what it is there for, on a real Polis page with its Content-Security-Policy on.
/// </summary>
public sealed class CatchingProblemsInTheBrowser(PolisServer server, Browser browser)
{
    [Fact]
    public async Task AnInlineStyleAndAnInlineScriptAreReportedAsCspViolationsAndConsoleErrorsAreRecorded()
    {
        await using var session = await browser.OpenAsync(server);
        await session.GoToAsync("/");

        await session.Page.EvaluateAsync("""
            () => {
                const style = document.createElement('style');
                style.textContent = 'body { color: red }';
                document.head.append(style);
                const script = document.createElement('script');
                script.textContent = 'window.inlineRan = true';
                document.body.append(script);
                console.error('a deliberate console error');
            }
            """);

        await WaitUntilAsync(() => session.Problems.Count(p => p.StartsWith("CSP violation: ", StringComparison.Ordinal)) >= 2);
        var problems = session.Problems;
        Assert.Contains(problems, p => p.StartsWith("CSP violation: style-src-elem", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("CSP violation: script-src-elem", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("a deliberate console error", StringComparison.Ordinal));
        Assert.False(await session.Page.EvaluateAsync<bool>("() => window.inlineRan === true"), "the CSP let an inline script run");
    }

    [Fact]
    public async Task AxeFindsAnImageWithoutAlternativeTextOnAPageWithTheCspOn()
    {
        await using var session = await browser.OpenAsync(server);
        await session.GoToAsync("/");

        await session.Page.EvaluateAsync("""
            () => {
                const img = document.createElement('img');
                img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
                document.querySelector('main').append(img);
            }
            """);
        var violations = await Axe.RunAsync(session.Page);

        var missingAlt = Assert.Single(violations, v => v.Id == "image-alt");
        Assert.True(missingAlt.IsSeriousOrWorse, missingAlt.ToString());
        Assert.Contains(missingAlt.Targets, t => t.EndsWith("img", StringComparison.Ordinal));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++)
            await Task.Delay(100, TestContext.Current.CancellationToken);
    }
}
