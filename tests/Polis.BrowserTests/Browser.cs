using Microsoft.Playwright;

namespace Polis.BrowserTests;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium), headless, driven by Playwright. No browser is ever downloaded: Playwright
/// only brings its driver (the .playwright folder in the output). Each test opens its own <see cref="BrowserSession"/>.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-features=Translate,MediaRouter,OptimizationHints",
        "--disable-default-apps",
    ];

    private IPlaywright? playwright;
    private IBrowser? chromium;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (tests/run.sh does).");
        // Never let the driver look for, or fetch, a browser of its own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        playwright = await Playwright.CreateAsync();
        chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (no cookies) in English, with a page that records console errors and CSP violations.</summary>
    public async Task<BrowserSession> OpenAsync(PolisServer server)
    {
        var context = await chromium!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return await BrowserSession.StartAsync(context, server);
    }

    public async ValueTask DisposeAsync()
    {
        if (chromium is not null) await chromium.CloseAsync();
        playwright?.Dispose();
    }
}
