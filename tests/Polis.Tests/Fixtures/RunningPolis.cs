using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Polis.Tests.Fixtures;

/// <summary>
/// The real `polis serve` (Polis.Web.dll next to the tests, Production, on Kestrel) on a free loopback port, with the demo
/// data in a data folder of its own, as outside tools see it; stopped and deleted at the end. 127.0.0.1 is configured as
/// the TLS-terminating proxy, so a scanner that sends X-Forwarded-Proto: https sees Polis as deployed behind HTTPS.
/// </summary>
public sealed partial class RunningPolis : IAsyncLifetime
{
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "polis-run-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? process;
    private readonly System.Text.StringBuilder log = new();

    public string BaseUrl { get; private set; } = "";

    /// <summary>A public demo document, for start URLs.</summary>
    public Guid DocumentId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Polis.Web.dll"));
        foreach (var a in new[] { "--urls", BaseUrl, "--webroot", Path.Combine(Repository.Root, "src", "Polis.Web", "wwwroot") }) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Polis__DataPath"] = dataPath;
        start.Environment["Polis__Demo"] = "true";
        start.Environment["Polis__KnownProxies"] = "127.0.0.1";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"polis serve exited with {process.ExitCode}:\n{Log}");
            try
            {
                // Ready when the demo library is imported and indexed: the feed lists documents.
                var feed = await client.GetStringAsync("/library/feed.atom");
                if (DocumentLink().Match(feed) is { Success: true } m)
                {
                    DocumentId = Guid.Parse(m.Groups[1].Value);
                    await WaitForImportToSettleAsync(client, waited);
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (waited.Elapsed > TimeSpan.FromMinutes(3)) throw new InvalidOperationException($"polis serve did not become ready:\n{Log}");
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// The demo library goes on importing (and indexing, and rendering PDF previews) after the first document shows:
    /// wait until the search's languages have loaded and the search stays the same for five seconds, so that scanners comparing answers (sqlmap's boolean
    /// technique) do not take a library still growing for an injection.
    /// </summary>
    private static async Task WaitForImportToSettleAsync(HttpClient client, Stopwatch waited)
    {
        var last = "";
        var same = 0;
        // And until the search's languages (lexicon, Hunspell dictionaries) have loaded: readiness says Healthy, not
        // Degraded; before that, the same query can be translated differently a few seconds later.
        while (await client.GetStringAsync("/health") != "Healthy" && waited.Elapsed < TimeSpan.FromMinutes(4))
            await Task.Delay(250);
        while (same < 5 && waited.Elapsed < TimeSpan.FromMinutes(4))
        {
            var now = await client.GetStringAsync("/api/v1/library/search?q=police");
            same = now == last ? same + 1 : 0;
            last = now;
            await Task.Delay(1000);
        }
    }

    public string Log
    {
        get { lock (log) return log.ToString(); }
    }

    [GeneratedRegex("/library/documents/([0-9a-f-]{36})")]
    private static partial Regex DocumentLink();

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
