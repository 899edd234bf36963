using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library.Harvesting;

/// <summary>
/// The whole protocol against Polis as it runs in production: a real process on a loopback port (the shared
/// validators fetch over HTTP and refuse anything else), swept by validate-oai-pmh.sh, which checks every response
/// against the XSD, follows every resumption token, probes the errors, and lets Debian's HTTP::OAI harvester
/// (libhttp-oai-perl) harvest the same records. Pages of 10 records, so 25 documents make three pages. No demo data:
/// the administrator is created with `polis users create-admin`, as an operator does.
/// </summary>
public sealed class HarvestingARunningPolis : IAsyncLifetime
{
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "polis-oai-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int port = FreePort();
    private Process? polis;
    private readonly System.Text.StringBuilder log = new();
    private const string AdminEmail = "harvest-admin@polis.example";
    private const string AdminPassword = "Harvest-password-2026";

    private string BaseUrl => $"http://127.0.0.1:{port}";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_oai_pmh_sweep_and_the_http_oai_harvester_accept_every_response()
    {
        _ = Validators.Folder;   // fails with the way to get them before anything starts
        await StartAsync();
        using var librarian = await SignInAsync(AdminEmail, AdminPassword);
        var created = new List<Uri>();
        for (var i = 0; i < 25; i++)
            created.Add(await CreateAsync(librarian, new
            {
                title = $"Harvested guidebook {i}",
                type = i % 2 == 0 ? "Guidebook" : "Report",
                access = "Public",
                priorities = new[] { "Cybercrime" },
                summary = "Sweep & harvest <check>.",
                keywords = new[] { "sweep" },
            }));
        // Deleted records for the harvesters too (deletedRecord = persistent): two withdrawn, one deleted.
        foreach (var withdrawn in created.Take(2))
            Assert.True((await librarian.PostAsJsonAsync($"{withdrawn}/withdraw", new { reason = "Superseded" }, PolisApp.Json, TestContext.Current.CancellationToken)).IsSuccessStatusCode);
        Assert.True((await librarian.DeleteAsync(created[2], TestContext.Current.CancellationToken)).IsSuccessStatusCode);
        await CreateAsync(librarian, new { title = "Never harvested", type = "Report", access = "Restricted", allowedParties = new[] { "state:KG" } });

        var (exit, output) = await Validators.RunAsync("validate-oai-pmh.sh", BaseUrl + "/oai", TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, $"validate-oai-pmh.sh failed (exit {exit}):\n{output}\n--- Polis log ---\n{log}");
        Assert.Matches(@"[2-9]\d* records \(3 deleted\) in [3-9]\d* ListRecords pages", output);

        var (feedExit, feedOutput) = await Validators.RunAsync("validate-feed.sh", BaseUrl + "/library/feed.atom");
        Assert.True(feedExit == 0, $"validate-feed.sh failed (exit {feedExit}):\n{feedOutput}");
    }

    private async Task StartAsync()
    {
        var admin = await PolisCli.RunAsync(new Dictionary<string, string> { ["Polis__DataPath"] = dataPath }, AdminPassword,
            "users", "create-admin", "--email", AdminEmail, "--password-stdin");
        Assert.True(admin.ExitCode == 0, $"create-admin failed (exit {admin.ExitCode}): {admin.Error}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Polis.Web.dll"));
        foreach (var a in new[] { "serve", "--urls", BaseUrl }) start.ArgumentList.Add(a);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        start.Environment["Polis__DataPath"] = dataPath;
        start.Environment["Polis__Demo"] = "false";
        start.Environment["Polis__Oai__PageSize"] = "10";
        polis = Process.Start(start)!;
        polis.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        polis.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        polis.BeginOutputReadLine();
        polis.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(polis.HasExited, $"Polis stopped with exit code {(polis.HasExited ? polis.ExitCode : 0)}:\n{log}");
            try
            {
                if ((await http.GetAsync("/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"Polis did not answer /health within 90 s:\n{log}");
    }

    private async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(BaseUrl),
        };
        var token = await PolisApp.AntiforgeryTokenAsync(client, "/account/login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        var response = await client.PostAsync("/account/login", form, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in failed: {(int)response.StatusCode}");
        return client;
    }

    private static async Task<Uri> CreateAsync(HttpClient client, object input)
    {
        var response = await client.PostAsJsonAsync("/api/v1/library/documents", PolisApp.WithOwner(input), PolisApp.Json, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created,
            $"create failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        // A new document is a draft: publish it, as an editor would, so that harvesters may see it (if its access allows).
        var published = await client.PostAsync($"{response.Headers.Location}/publish", null, TestContext.Current.CancellationToken);
        Assert.True(published.IsSuccessStatusCode, $"publish failed: {(int)published.StatusCode}");
        return response.Headers.Location!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (polis is { HasExited: false })
        {
            polis.Kill(entireProcessTree: true);
            await polis.WaitForExitAsync();
        }
        polis?.Dispose();
        try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
