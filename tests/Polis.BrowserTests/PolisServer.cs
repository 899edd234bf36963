using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Polis.BrowserTests;

/// <summary>
/// The real Polis, started as a separate process (<c>dotnet Polis.Web.dll serve</c>) in Production mode with demo
/// data, on 127.0.0.1 and a free port, with its data in a temporary folder that is deleted afterwards.
/// </summary>
public sealed class PolisServer : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
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
                using var response = await http.GetAsync(Url("/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
                lastProblem = $"/health answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lastProblem = e.Message;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException(
            $"Polis did not answer 200 on {Url("/health")} within {StartTimeout.TotalSeconds:0} s ({lastProblem}).\n{Output()}");
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

    private static void Append(StringBuilder sink, string? line)
    {
        if (line is null) return;
        lock (sink) sink.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
