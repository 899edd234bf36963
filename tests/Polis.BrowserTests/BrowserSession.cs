using Microsoft.Playwright;

namespace Polis.BrowserTests;

/// <summary>
/// One browser context and its page. Every console error, uncaught page error and Content-Security-Policy violation
/// is recorded; <see cref="AssertNoProblems"/> fails on any. A CSP violation means an inline style or script slipped in.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private const string CspReporter = "__polisReportCspViolation";

    // Runs in every document before its own scripts (added through the DevTools protocol, so the CSP does not apply).
    private const string CspListener =
        "document.addEventListener('securitypolicyviolation', e => window." + CspReporter + "(" +
        "`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile || e.documentURI}` + " +
        "(e.lineNumber ? `:${e.lineNumber}` : '') + (e.sample ? ` \"${e.sample}\"` : '')));";

    private readonly IBrowserContext context;
    private readonly List<string> problems = [];

    private BrowserSession(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<BrowserSession> StartAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page);
        await context.ExposeFunctionAsync<string>(CspReporter, session.RecordCspViolation);
        await context.AddInitScriptAsync(CspListener);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                session.Record($"console error on {page.Url}: {message.Text}" +
                               (message.Location is { Length: > 0 } where ? $" ({where})" : ""));
        };
        page.PageError += (_, error) => session.Record($"uncaught error on {page.Url}: {error}");
        return session;
    }

    /// <summary>Goes to a path on the server and waits for the page to load; fails unless it answers 2xx.</summary>
    public async Task<IResponse> GoToAsync(string path)
    {
        var response = await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        Assert.True(response.Ok, $"GET {path} answered {response.Status}: {await response.TextAsync()}");
        return response;
    }

    /// <summary>Every console error, uncaught page error and CSP violation seen so far.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (problems) return [.. problems];
        }
    }

    /// <summary>Fails with every console error, page error and CSP violation seen so far.</summary>
    public void AssertNoProblems()
    {
        var seen = Problems;
        Assert.True(seen.Count == 0,
            $"{seen.Count} console error(s) or CSP violation(s):\n  " + string.Join("\n  ", seen));
    }

    private void RecordCspViolation(string description) => Record("CSP violation: " + description);

    private void Record(string problem)
    {
        lock (problems) problems.Add(problem);
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
