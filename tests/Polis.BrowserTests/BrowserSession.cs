using System.Diagnostics;
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

    /// <summary>The password of every demo account (DemoUsers.Password).</summary>
    public const string DemoPassword = "Polis-demo-2026";

    // From the click to the page it lands on, loaded. Signing in hashes the password (PBKDF2, 0.2–0.6 s on an idle
    // machine) and writes an audit row; CI runs several test projects on 2 cores beside this one.
    private static readonly TimeSpan SignInTimeout = TimeSpan.FromSeconds(90);

    private readonly IBrowserContext context;
    private readonly PolisServer server;
    private readonly List<string> problems = [];

    private BrowserSession(IBrowserContext context, IPage page, PolisServer server)
    {
        this.context = context;
        this.server = server;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<BrowserSession> StartAsync(IBrowserContext context, PolisServer server)
    {
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page, server);
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

    /// <summary>Signs in through the sign-in form and waits until the home page has loaded; see <see cref="SubmitSignInAsync"/>.</summary>
    public async Task SignInAsync(string email, string password = DemoPassword)
    {
        await GoToAsync("/account/login");
        await SubmitSignInAsync(email, password, "/");
    }

    /// <summary>
    /// Fills in the sign-in form on the current page, clicks "Sign in", and waits (generously: a loaded machine) until
    /// the server has answered and the browser has loaded <paramref name="landsOn"/>. Anything else fails at once with
    /// what it saw: the server's answer to the form and how long it took, every request the browser made since the
    /// click (a lost click makes none; a hung one has no answer), the URL, the page's alerts and heading, and the tail
    /// of the server's log. The time it took goes to the test's output (each request's time is in polis-server.log).
    /// </summary>
    public async Task SubmitSignInAsync(string email, string password, string landsOn)
    {
        var expected = server.Url(landsOn);
        var form = Page.GetByRole(AriaRole.Main);
        await form.GetByLabel("E-mail").FillAsync(email);
        await form.GetByLabel("Password").FillAsync(password);
        var clock = Stopwatch.StartNew();
        var trace = new RequestTrace(clock);
        trace.Follow(Page);
        IResponse? answer = null;
        var answeredAfter = TimeSpan.Zero;
        var landed = false;
        try
        {
            answer = await Page.RunAndWaitForResponseAsync(
                () => form.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync(),
                r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/account/login",
                new() { Timeout = (float)SignInTimeout.TotalMilliseconds });
            answeredAfter = clock.Elapsed;
            // A refused sign-in (401, 403, 429) renders the form again: nothing more to wait for. A redirect elsewhere
            // than expected fails as soon as the browser is there.
            if (answer.Status is >= 300 and < 400)
            {
                await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/account/login",
                    new() { WaitUntil = WaitUntilState.Commit, Timeout = Remaining(clock) });
                if (Page.Url == expected)
                {
                    landed = await LoadedAsync(Page, clock);
                }
            }
        }
        catch (TimeoutException)
        {
            // Reported below with what the browser and the server show.
        }
        finally
        {
            trace.Unfollow(Page);
        }
        var took = clock.Elapsed;
        if (landed)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"signed in as {email} in {took.TotalMilliseconds:0} ms (the form answered {answer!.Status} after {answeredAfter.TotalMilliseconds:0} ms)");
            return;
        }
        var outcome = answer is null ? $"the server did not answer the form within {SignInTimeout.TotalSeconds:0} s"
            : answer.Status is >= 300 and < 400 ? $"the form answered {answer.Status} after {answeredAfter.TotalMilliseconds:0} ms, to {answer.Headers.GetValueOrDefault("location")}"
                + (Page.Url == expected ? ", but that page did not finish loading in time" : "")
            : $"the form answered {answer.Status} {answer.StatusText} after {answeredAfter.TotalMilliseconds:0} ms";
        Assert.Fail($"""
            signing in as {email} did not land on {expected}: {outcome}; {took.TotalMilliseconds:0} ms after the click.
            the page: {Page.Url} ({await ReadyStateAsync(Page)})
            alerts and status: {await TextsAsync(Page.Locator("[role=alert], [role=status]"))}
            heading: {await TextsAsync(Page.GetByRole(AriaRole.Heading, new() { Level = 1 }))}
            problems in the browser: {string.Join(" | ", Problems)}
            --- the browser's requests since the click ---
            {trace}
            --- the server's log (end) ---
            {server.LogTail()}
            """);
    }

    // The landing page's load: Playwright's load event, or the document's own ready state when the event's waiter
    // misses it (the flake edb7892 diagnosed: the page at the expected address, "document complete, still loading:
    // nothing the timeline shows", the waiter still waiting 90 s later). False when neither comes in time.
    private static async Task<bool> LoadedAsync(IPage page, Stopwatch clock)
    {
        while (clock.Elapsed < SignInTimeout)
        {
            try
            {
                await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = Math.Min(5_000f, Remaining(clock)) });
                return true;
            }
            catch (TimeoutException)
            {
                try
                {
                    if (await page.EvaluateAsync<string>("() => document.readyState").WaitAsync(TimeSpan.FromSeconds(5)) == "complete")
                    {
                        TestContext.Current.TestOutputHelper?.WriteLine("the load event was not seen; the document says it is complete");
                        return true;
                    }
                }
                catch (Exception e) when (e is PlaywrightException or TimeoutException)
                {
                    // navigating still: wait again
                }
            }
        }
        return false;
    }

    private static float Remaining(Stopwatch clock) =>
        (float)Math.Max(1_000, (SignInTimeout - clock.Elapsed).TotalMilliseconds);

    // How far the browser got with the document: "loading" (its HTML still arriving or parsing), "interactive" (parsed,
    // something it waits for still loading: a style sheet, a script, an image) or "complete".
    private static async Task<string> ReadyStateAsync(IPage page)
    {
        try
        {
            return "document " + await page.EvaluateAsync<string>(
                "() => document.readyState + ', still loading: ' + (performance.getEntriesByType('resource')" +
                ".filter(e => e.responseEnd === 0).map(e => e.name).join(' ') || 'nothing the timeline shows')")
                .WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            return $"document state unreadable: {e.Message}";
        }
    }

    // What a diagnosis needs to read, without waiting for anything that may never come.
    private static async Task<string> TextsAsync(ILocator locator)
    {
        try
        {
            var texts = await locator.AllInnerTextsAsync();
            return texts.Count == 0 ? "(none)" : string.Join(" | ", texts.Select(t => t.Trim()));
        }
        catch (PlaywrightException e)
        {
            return $"(unreadable: {e.Message})";
        }
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

/// <summary>Every request a page makes while followed, with when it was sent and answered (or failed, or not yet).</summary>
internal sealed class RequestTrace(Stopwatch clock)
{
    private readonly List<(IRequest Request, string Line)> seen = [];

    public void Follow(IPage page)
    {
        page.Request += OnRequest;
        page.Response += OnResponse;
        page.RequestFinished += OnFinished;
        page.RequestFailed += OnFailed;
    }

    public void Unfollow(IPage page)
    {
        page.Request -= OnRequest;
        page.Response -= OnResponse;
        page.RequestFinished -= OnFinished;
        page.RequestFailed -= OnFailed;
    }

    private void OnRequest(object? sender, IRequest request) =>
        Set(request, $"+{clock.ElapsedMilliseconds} ms {request.Method} {request.Url}: no answer yet");

    private void OnResponse(object? sender, IResponse response) =>
        Set(response.Request, $"+{Sent(response.Request)} ms {response.Request.Method} {response.Url}: {response.Status} at +{clock.ElapsedMilliseconds} ms");

    // The headers came (OnResponse) and now the whole body: a body that never ends holds the page's load event.
    private void OnFinished(object? sender, IRequest request) => Append(request, $", body complete at +{clock.ElapsedMilliseconds} ms");

    private void OnFailed(object? sender, IRequest request) =>
        Set(request, $"+{Sent(request)} ms {request.Method} {request.Url}: failed at +{clock.ElapsedMilliseconds} ms ({request.Failure})");

    private string Sent(IRequest request)
    {
        lock (seen)
            return seen.Find(s => s.Request == request).Line is { } line ? line[1..line.IndexOf(' ', StringComparison.Ordinal)] : "?";
    }

    private void Append(IRequest request, string more)
    {
        lock (seen)
        {
            var i = seen.FindIndex(s => s.Request == request);
            if (i >= 0) seen[i] = (request, seen[i].Line + more);
        }
    }

    private void Set(IRequest request, string line)
    {
        lock (seen)
        {
            var i = seen.FindIndex(s => s.Request == request);
            if (i < 0) seen.Add((request, line));
            else seen[i] = (request, line);
        }
    }

    public override string ToString()
    {
        lock (seen)
            return seen.Count == 0 ? "(none: the click sent nothing)" : string.Join('\n', seen.Select(s => s.Line));
    }
}
