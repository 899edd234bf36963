using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Polis.Accounts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Foundation;

/// <summary>
/// The OpenAPI description says what the server really answers: every GET operation it describes is called on the real
/// server with the demo data, through Stoplight Prism's validating proxy (../shared/validators/bin/check-openapi-contract.sh),
/// which checks each request against the description and each real answer (status, content type, body schema) against
/// it. Anonymously for the operations that allow it, with a personal access token and with the sign-in cookie for the
/// rest; with real ids, an unknown id and a second page. The requests are drawn from the description itself, so an
/// endpoint a module adds is checked without editing this test (a path parameter it does not know fails it).
/// </summary>
public sealed class KeepingTheApiContract(RunningPolis polis) : IClassFixture<RunningPolis>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Unknown = "00000000-0000-0000-0000-000000000000";

    [Fact]
    public async Task Every_get_operation_answers_as_the_openapi_description_says_for_anonymous_token_and_cookie_callers()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        { BaseAddress = new Uri(polis.BaseUrl) };
        var signIn = await PolisApp.PostSignInAsync(browser, "coordinator@polis.example", DemoUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = await CreateTokenAsync(browser);

        var specText = await browser.GetStringAsync("/openapi/v1.json", Ct);
        var spec = JsonNode.Parse(specText)!;
        var values = await PathValuesAsync(browser);

        var anonymous = new List<string>();
        var withToken = new List<string>();
        var withCookie = new List<string>();
        foreach (var (path, item) in spec["paths"]!.AsObject())
        {
            if (item!["get"] is not { } get) continue;
            var schemes = get["security"]!.AsArray().SelectMany(s => s!.AsObject().Select(p => p.Key)).ToHashSet();
            var anyone = get["security"]!.AsArray().Any(s => s!.AsObject().Count == 0);
            var requests = RequestsFor(path, values);
            (anyone ? anonymous : schemes.Contains("bearer") ? withToken : withCookie).AddRange(requests);
            if (anyone && schemes.Contains("bearer")) withToken.AddRange(requests);
        }
        Assert.Contains(anonymous, r => r.StartsWith("GET /api/v1/activities/", StringComparison.Ordinal));
        Assert.Contains(withToken, r => r.StartsWith("GET /api/v1/activities/coverage", StringComparison.Ordinal));
        Assert.Contains(withCookie, r => r.StartsWith("GET /api/v1/account/tokens", StringComparison.Ordinal));

        await AssertContractAsync(specText, anonymous, null);
        await AssertContractAsync(specText, withToken, "Authorization: Bearer " + token);
        await AssertContractAsync(specText, withCookie, "Cookie: " + cookie);
    }

    /// <summary>The requests for one described path: with real values, an unknown id, and a query and second page for searches.</summary>
    private static IEnumerable<string> RequestsFor(string path, Dictionary<string, string> values)
    {
        var filled = path;
        foreach (var placeholder in System.Text.RegularExpressions.Regex.Matches(path, @"\{(\w+)\}").Select(m => m.Groups[1].Value))
        {
            var key = placeholder == "id" ? IdKind(path) : placeholder;
            Assert.True(values.TryGetValue(key, out var value), $"no value for {{{placeholder}}} in {path}: add one to {nameof(PathValuesAsync)}");
            filled = filled.Replace("{" + placeholder + "}", value, StringComparison.Ordinal);
        }
        yield return "GET " + filled;
        if (path.Contains("{id}", StringComparison.Ordinal))
            yield return "GET " + path.Replace("{id}", Unknown, StringComparison.Ordinal).Replace("{year}", values["year"], StringComparison.Ordinal);
        if (path.EndsWith("/search", StringComparison.Ordinal))
        {
            yield return $"GET {filled}?q=police";
            yield return $"GET {filled}?q=%D0%BF%D0%BE%D0%BB%D0%B8%D1%86%D0%B8%D1%8F&page=2";
        }
    }

    private static string IdKind(string path) =>
        path.StartsWith("/library/files/", StringComparison.Ordinal) ? "file"
        : path.Contains("/activities/", StringComparison.Ordinal) ? "activity"
        : path.Contains("/documents/", StringComparison.Ordinal) ? "document"
        : path.Contains("/tokens/", StringComparison.Ordinal) ? "token"
        : "id";

    /// <summary>Real ids from the demo data, found as a client would: through the API.</summary>
    private async Task<Dictionary<string, string>> PathValuesAsync(HttpClient client)
    {
        var document = JsonNode.Parse(await client.GetStringAsync($"/api/v1/library/documents/{polis.DocumentId}", Ct))!;
        var file = document["editions"]!.AsArray().SelectMany(e => e!["files"]!.AsArray()).First()!;
        var activities = JsonNode.Parse(await client.GetStringAsync("/api/v1/activities", Ct))!;
        return new Dictionary<string, string>
        {
            ["document"] = polis.DocumentId.ToString(),
            ["file"] = (string)file["id"]!,
            ["activity"] = (string)activities["items"]![0]!["id"]!,
            ["year"] = "2025",
        };
    }

    private static async Task<string> CreateTokenAsync(HttpClient browser)
    {
        var antiforgery = JsonNode.Parse(await browser.GetStringAsync("/api/v1/account/antiforgery", Ct))!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/account/tokens") { Content = JsonContent.Create(new { name = "Contract", expiresInDays = 1 }) };
        request.Headers.Add((string)antiforgery["headerName"]!, (string)antiforgery["token"]!);
        using var response = await browser.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["secret"]!;
    }

    private async Task AssertContractAsync(string spec, List<string> requests, string? header)
    {
        var folder = Directory.CreateTempSubdirectory("polis-contract-").FullName;
        try
        {
            var specFile = Path.Combine(folder, "openapi.json");
            var requestsFile = Path.Combine(folder, "requests.txt");
            await File.WriteAllTextAsync(specFile, spec, Ct);
            await File.WriteAllLinesAsync(requestsFile, requests, Ct);
            var environment = header is null ? null : new Dictionary<string, string> { ["CONTRACT_HEADERS"] = header };
            var (exit, output) = await Validators.RunAsync("check-openapi-contract.sh", [specFile, polis.BaseUrl, requestsFile],
                TimeSpan.FromMinutes(3), environment);
            Assert.True(exit == 0, $"exit {exit} ({header?.Split(':')[0] ?? "anonymous"}):\n{output}\n--- requests ---\n{string.Join('\n', requests)}");
            Assert.Contains($"{requests.Count} requests, 0 with violations", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
