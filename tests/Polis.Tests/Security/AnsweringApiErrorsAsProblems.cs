using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Security;

/// <summary>
/// Issue 23, wrong answers to wrong requests: the JSON API answers a wrong Content-Type with 415 and an unsupported method
/// with 405 (and Allow), not 404; every error status it sends is ProblemDetails, whether or not the client sent Accept.
/// </summary>
public sealed class AnsweringApiErrorsAsProblems(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        return problem;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? body, string? contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }
        var token = await client.GetFromJsonAsync<Polis.Accounts.AntiforgeryToken>("/api/v1/account/antiforgery", Ct);
        request.Headers.Add(token!.HeaderName, token.Token);
        return await client.SendAsync(request, Ct);
    }

    [Theory]
    [InlineData("POST", "/api/v1/library/documents", "text/plain")]
    [InlineData("POST", "/api/v1/library/documents", "application/x-www-form-urlencoded")]
    [InlineData("POST", "/api/v1/library/documents", null)]
    [InlineData("POST", "/api/v1/account/tokens", "text/xml")]
    public async Task A_json_body_sent_with_a_wrong_or_no_content_type_answers_415(string method, string path, string? contentType)
    {
        var librarian = await app.LibrarianAsync();
        using var response = await SendAsync(librarian, method, path, """{"title":"x"}""", contentType);
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", (string)problem["title"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_put_with_a_wrong_content_type_answers_415()
    {
        var librarian = await app.LibrarianAsync();
        var id = await app.CreateDocumentAsync(new { title = "Report on training", type = "Report", access = "Public", publishedOn = "2025-01-01" });
        using var response = await SendAsync(librarian, "PUT", $"/api/v1/library/documents/{id}", """{"title":"x"}""", "text/plain");
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("DELETE", "/api/v1/library/search", "GET")]
    [InlineData("TRACE", "/api/v1/library/search", "GET")]
    [InlineData("PATCH", "/api/v1/library/documents", "POST")]
    [InlineData("GET", "/api/v1/library/documents", "POST")]
    [InlineData("POST", "/api/v1/reference/states", "GET")]
    [InlineData("DELETE", "/api/v1/account/me", "GET")]
    public async Task An_unsupported_method_on_an_api_route_answers_405_with_allow(string method, string path, string allowed)
    {
        using var response = await app.Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains(allowed, response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_method_on_a_route_whose_parameter_does_not_fit_is_404_not_405()
    {
        // {id:guid}: "not-a-guid" matches no API route at all.
        using var response = await app.Anonymous().SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/library/documents/not-a-guid"), Ct);
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Empty(response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/library/documents/00000000-0000-0000-0000-000000000001", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/account/tokens", HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/reference/states?partners=perhaps", HttpStatusCode.BadRequest)]
    public async Task Every_error_status_of_the_api_is_problem_details_with_or_without_accept(string path, HttpStatusCode status)
    {
        foreach (var accept in new[] { null, "application/json", "*/*" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (accept is not null) request.Headers.Accept.ParseAdd(accept);
            using var response = await app.Anonymous().SendAsync(request, Ct);
            await AssertProblemAsync(response, status);
        }
    }

    [Fact]
    public async Task A_forbidden_api_call_is_problem_details()
    {
        var reader = await app.SignedInAsync(null);
        using var response = await reader.GetAsync("/api/v1/account/tokens", Ct);
        // A signed-in user may list their own tokens; writing a document needs the editor's permission.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var write = await SendAsync(reader, "POST", "/api/v1/library/documents", """{"title":"x"}""", "application/json");
        await AssertProblemAsync(write, HttpStatusCode.Forbidden);
    }
}
