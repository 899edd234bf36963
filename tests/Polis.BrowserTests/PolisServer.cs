using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Polis.BrowserTests;

/// <summary>
/// The real Polis, started as a separate process (<c>dotnet Polis.Web.dll serve</c>) in Production mode with demo
/// data, on 127.0.0.1 and a free port, with its data in a temporary folder that is deleted afterwards.
/// </summary>
public sealed class PolisServer : IAsyncLifetime
{
    // Migrating, seeding the demo data and opening the index before Kestrel listens: 10–20 s on a loaded machine, but
    // once over 90 s (load average 23 on 2 cores, with Polis.Tests and Polis.Search.Tests running beside it).
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly List<string> log = [];
    private Process? process;
    private DirectoryInfo? dataPath;

    /// <summary>http://127.0.0.1:port, without a trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>An absolute URL on the running server, e.g. <c>Url("/account/login")</c>.</summary>
    public string Url(string path) => BaseUrl + path;

    public async ValueTask InitializeAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Polis.Web.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: the test project must reference src/Polis.Web.");
        var contentRoot = Repository.WebProject;
        if (!File.Exists(Path.Combine(contentRoot, "wwwroot", "dist", "site.css")))
            throw new InvalidOperationException($"{contentRoot}/wwwroot/dist/site.css is missing: build src/Polis.Web (it runs npm).");

        dataPath = Directory.CreateTempSubdirectory("polis-browser-");
        BaseUrl = $"http://127.0.0.1:{FreePort()}";

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = contentRoot,
        };
        foreach (var arg in new[] { dll, "serve", "--urls", BaseUrl, "--contentRoot", contentRoot })
            start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Polis__DataPath"] = dataPath.FullName;
        start.Environment["Polis__Demo"] = "true";
        start.Environment["Polis__Mail__PickupFolder"] = Path.Combine(dataPath.FullName, "mail");
        start.Environment["Polis__Database__Provider"] = "Sqlite";
        start.Environment.Remove("ConnectionStrings__Polis");
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        // One line per request (method, path, status, milliseconds): what a failed test shows of the server (LogTail);
        // and when it started listening, which tells a slow start from a stuck one.
        start.Environment["Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware"] = "Information";
        start.Environment["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Information";

        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await WaitUntilHealthyAsync();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var lastProblem = "no answer yet";
        while (clock.Elapsed < StartTimeout)
        {
            if (process!.HasExited)
                throw new InvalidOperationException(
                    $"Polis exited with code {process.ExitCode} before /health answered.\n{Output()}");
            try
            {
                // 200 Degraded while the search's languages load in the background: a query typed then can be
                // translated differently a few seconds later, so the tests start once they have loaded.
                using var response = await http.GetAsync(Url("/health"));
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && body == "Healthy")
                    return;
                lastProblem = $"/health answered {(int)response.StatusCode} {body}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lastProblem = e.Message;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException(
            $"Polis did not answer 200 Healthy on {Url("/health")} within {StartTimeout.TotalSeconds:0} s ({lastProblem}; load average " +
            $"{(File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Trim() : "unknown")}).\n{Output()}");
    }

    /// <summary>What the process wrote so far: all of stderr and the end of stdout.</summary>
    public string Output()
    {
        string err, @out;
        lock (stderr) err = stderr.ToString();
        lock (stdout) @out = stdout.ToString();
        if (@out.Length > 4000) @out = "…" + @out[^4000..];
        return $"--- stderr ---\n{err}\n--- stdout (end) ---\n{@out}";
    }

    /// <summary>
    /// The last <paramref name="lines"/> lines the server wrote (stdout and stderr as they came): every request with its
    /// status and duration, and every warning and error. Other tests' requests are among them: all share one server.
    /// </summary>
    public string LogTail(int lines = 40)
    {
        string[] tail;
        lock (log) tail = [.. log.Skip(Math.Max(0, log.Count - lines))];
        return string.Join('\n', tail.Select(Readable)) + $"\n(the whole log: {LogFile})";
    }

    /// <summary>Where <see cref="DisposeAsync"/> writes everything the server wrote, one line per event as it came.</summary>
    public static string LogFile { get; } = Path.Combine(AppContext.BaseDirectory, "polis-server.log");

    // Serilog's compact JSON (Production) as "hh:mm:ss.fff [Level] message", with the exception if there is one.
    private static string Readable(string line)
    {
        if (!line.StartsWith("{\"@t\"", StringComparison.Ordinal)) return line;
        try
        {
            using var json = JsonDocument.Parse(line);
            var e = json.RootElement;
            var at = e.GetProperty("@t").GetDateTimeOffset().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
            var level = e.TryGetProperty("@l", out var l) ? l.GetString() : "Information";
            var message = e.TryGetProperty("@m", out var m) ? m.GetString() : line;
            return $"{at} [{level}] {message}" + (e.TryGetProperty("@x", out var x) ? "\n" + x.GetString() : "");
        }
        catch (JsonException)
        {
            return line;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                    await process.WaitForExitAsync(wait.Token);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                // Already gone, or not gone in time: nothing more a test can do.
            }
            process.Dispose();
            string[] lines;
            lock (log) lines = [.. log];
            await File.WriteAllLinesAsync(LogFile, lines);
        }
        if (dataPath is not null)
            for (var attempt = 0; attempt < 5; attempt++)
                try
                {
                    dataPath.Refresh();
                    if (dataPath.Exists) dataPath.Delete(recursive: true);
                    break;
                }
                catch (IOException)
                {
                    await Task.Delay(200);
                }
    }

    private void Append(StringBuilder sink, string? line)
    {
        if (line is null) return;
        lock (sink) sink.AppendLine(line);
        lock (log) log.Add(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
