using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Polis.Platform;

namespace Polis.Web;

/// <summary>
/// Right after the server starts listening, asks it in the background for each module's <see cref="PolisModule.WarmUpPaths"/>
/// (as an anonymous reader, over loopback HTTP), so that opening the search index, loading the analyzers and compiling
/// queries and views happen before the first reader comes rather than on their request (docs/performance.md
/// "Start-up"). Off with <c>Polis:WarmUp=false</c>; nothing happens without an HTTP address (a test host).
/// </summary>
internal sealed class StartupWarming(IServer server, IHostApplicationLifetime lifetime, ModuleCatalog catalog, IConfiguration configuration,
    ILogger<StartupWarming> log) : BackgroundService
{
    public const string Setting = "Polis:WarmUp";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue(Setting, true)) return;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            try { await started.Task.WaitAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (addresses.Select(Loopback).FirstOrDefault(a => a is not null) is not { } baseAddress) return;
        var paths = catalog.Modules.SelectMany(m => m.WarmUpPaths).ToList();
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var clock = Stopwatch.StartNew();
        var warmed = 0;
        foreach (var path in paths)
        {
            try
            {
                using var response = await http.GetAsync(path, stoppingToken);
                if (response.IsSuccessStatusCode) warmed++;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                log.LogDebug(e, "Warming {Path} failed", path);
            }
        }
        log.LogInformation("Warmed {Warmed} of {Count} pages in {Milliseconds} ms", warmed, paths.Count, clock.ElapsedMilliseconds);
    }

    // The plain-HTTP address to reach this server on the loopback interface (a wildcard host becomes 127.0.0.1).
    private static Uri? Loopback(string address)
    {
        if (!address.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) return null;
        var rest = address["http://".Length..];
        var colon = rest.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(rest[(colon + 1)..].TrimEnd('/'), System.Globalization.CultureInfo.InvariantCulture, out var port)) return null;
        var host = rest[..colon];
        if (host is "*" or "+" or "0.0.0.0" or "[::]" or "localhost") host = "127.0.0.1";
        return Uri.TryCreate($"http://{host}:{port}/", UriKind.Absolute, out var uri) ? uri : null;
    }
}
