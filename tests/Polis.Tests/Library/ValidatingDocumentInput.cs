using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>
/// The editor form and the JSON API check a document the same way, in one round (issue 19 item 10, issue 23): every
/// problem at once, each under its field; numbers and dates read strictly and culture-invariantly; control characters
/// refused; issuing bodies and countries from the reference lists; edition languages from ISO 639-1.
/// </summary>
public abstract class ValidatingDocumentInput(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Editor, string Token)> EditorAsync()
    {
        var editor = await app.SignedInAsync(Role.Editor, ["SPMU"]);
        return (editor, await PolisApp.AntiforgeryTokenAsync(editor, "/library/documents/new"));
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string>("Input." + f.Key, f.Value)), new("__RequestVerificationToken", token), new("Version", "0")]);

    [Fact]
    public async Task The_form_shows_every_error_at_once_each_naming_its_field()
    {
        var (editor, token) = await EditorAsync();
        var response = await editor.PostAsync("/library/documents/new", Form(token,
            ("Title", "x"), ("Symbol", "PC.DEC/"), ("Type", "Report"), ("Access", "Restricted"), ("AllowedParties", ""),
            ("IssuingBody", "XYZ"), ("Countries", "ZZ"), ("Volume", "0x10"), ("PublishedOn", "01/02/2026"), ("Summary", "A\0B")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        foreach (var expected in new[]
                 {
                     "Title must be 2 to 500 characters long.", "'PC.DEC/' is not a document symbol", "'XYZ' is not an issuing body known to Polis",
                     "'ZZ'", "'0x10' is not a whole number", "'01/02/2026' is not a date", "Summary contains control characters",
                     "must name at least one organisation or state allowed to read it",
                 })
            Assert.Contains(expected, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("data-testid=\"error-summary\"", html, StringComparison.Ordinal);
        foreach (var field in new[] { "title", "symbol", "body", "countries", "volume", "published", "summary", "parties" })
            Assert.Contains($"<a href=\"#{field}\">", html, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("x"));
    }

    [Fact]
    public async Task The_api_answers_the_same_errors_keyed_by_field()
    {
        var response = await (await app.LibrarianAsync()).PostAsJsonAsync("/api/v1/library/documents", new
        {
            title = "x",
            symbol = "PC.DEC/",
            type = "Report",
            access = "Restricted",
            issuingBody = "XYZ",
            countries = new[] { "ZZ" },
            summary = "A\u0000B",
            owner = "SPMU",
        }, PolisApp.Json, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject();
        Assert.Equal(["AllowedParties", "Countries", "IssuingBody", "Summary", "Symbol", "Title"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("'XYZ'", (string)errors["IssuingBody"]![0]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("volume", "0x10")]
    [InlineData("volume", "１６")]
    [InlineData("publishedOn", "01/02/2026")]
    [InlineData("publishedOn", "2026-2-1")]
    public async Task Numbers_and_dates_are_read_the_same_strict_way_by_the_form_and_the_api(string field, string value)
    {
        var title = "Strict " + field + " " + Guid.NewGuid().ToString("N")[..8];
        var api = await (await app.LibrarianAsync()).PostAsJsonAsync("/api/v1/library/documents",
            new JsonObject { ["title"] = title, ["type"] = "Report", ["access"] = "Public", ["owner"] = "SPMU", [field] = value }, PolisApp.Json, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var (editor, token) = await EditorAsync();
        var form = await editor.PostAsync("/library/documents/new", Form(token,
            ("Title", title), ("Type", "Report"), ("Access", "Public"), (field == "volume" ? "Volume" : "PublishedOn", value)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains($"'{value}'", WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(title));
    }

    [Fact]
    public async Task Strict_numbers_and_dates_in_the_form_are_kept()
    {
        var (editor, token) = await EditorAsync();
        var title = "Strict values kept " + Guid.NewGuid().ToString("N")[..8];
        var response = await editor.PostAsync("/library/documents/new", Form(token,
            ("Title", title), ("Type", "Report"), ("Access", "Public"), ("Volume", "16"), ("PublishedOn", "2026-02-01"), ("Summary", "Line one\r\n\tLine two")), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var view = await editor.GetFromJsonAsync<JsonObject>("/api/v1/library/documents/" + response.Headers.Location!.OriginalString.Split('/')[^1], PolisApp.Json, Ct);
        Assert.Equal(16, (int)view!["volume"]!);
        Assert.Equal("2026-02-01", (string)view["publishedOn"]!);
    }

    [Theory]
    [InlineData("Title with a NUL \u0000 inside")]
    [InlineData("Title with a bell \u0007")]
    [InlineData("Title with a line\nbreak")]
    public async Task Control_characters_are_refused_in_text_fields_never_a_500(string title)
    {
        var response = await (await app.LibrarianAsync()).PostAsJsonAsync("/api/v1/library/documents",
            new { title, type = "Report", access = "Public", owner = "SPMU", keywords = new[] { "fine" } }, PolisApp.Json, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("control characters", (string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["Title"]![0]!, StringComparison.Ordinal);
        var keyword = await (await app.LibrarianAsync()).PostAsJsonAsync("/api/v1/library/documents",
            new { title = "Fine title", type = "Report", access = "Public", owner = "SPMU", keywords = new[] { "bad\u0000keyword" } }, PolisApp.Json, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, keyword.StatusCode);
    }

    [Fact]
    public async Task Bidirectional_text_is_isolated_where_it_is_shown()
    {
        var title = "Report \u202Egnp.exe\u202C on " + Guid.NewGuid().ToString("N")[..6];
        var id = await app.CreateDocumentAsync(new { title, type = "Report", access = "Public" });
        var html = await app.Anonymous().GetStringAsync($"/library/documents/{id}", Ct);
        Assert.Contains("<h1 dir=\"auto\">", html, StringComparison.Ordinal);
        var search = await app.Anonymous().GetStringAsync("/library/search?q=gnp", Ct);
        Assert.DoesNotContain("\u202E", search.Split("<bdi", StringSplitOptions.None)[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("qq")]
    public async Task An_edition_language_must_be_an_iso_639_1_code(string language)
    {
        var id = await app.CreateDocumentAsync(new { title = "Languages " + Guid.NewGuid().ToString("N")[..6], type = "Report", access = "Public" });
        var response = await app.UploadAsync(id, language, "a.txt", Encoding.UTF8.GetBytes("Some text " + id));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"'{language}' is not an ISO 639-1 language code", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, (await app.DocumentStateAsync(id)).Editions);
        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(id, "ky", "b.txt", Encoding.UTF8.GetBytes("Кыргызча текст " + id))).StatusCode);
    }

    [Fact]
    public async Task The_form_offers_issuing_bodies_by_name_in_the_page_language_and_countries_as_checkboxes()
    {
        var editor = await app.SignedInAsync(Role.Editor, ["SPMU"]);
        editor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var html = await editor.GetStringAsync("/library/documents/new", Ct);
        var body = html[html.IndexOf("id=\"body\"", StringComparison.Ordinal)..html.IndexOf("</select>", html.IndexOf("id=\"body\"", StringComparison.Ordinal), StringComparison.Ordinal)];
        Assert.Contains("value=\"MC\"", body, StringComparison.Ordinal);
        Assert.Contains("Совет министров", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<input id=\"body\"", html, StringComparison.Ordinal);   // a list, not free text
        Assert.Contains("type=\"checkbox\" name=\"Input.Countries\" value=\"KG\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("multiple", html, StringComparison.Ordinal);
    }

    private Task<int> CountAsync(string title) => app.QueryAsync(db =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.AllRecords<Polis.Library.Document>("test").Where(d => d.Title == title)));
}

public sealed class ValidatingDocumentInputOnSqlite(SqliteApp app) : ValidatingDocumentInput(app), IClassFixture<SqliteApp>;
public sealed class ValidatingDocumentInputOnPostgres(PostgresApp app) : ValidatingDocumentInput(app), IClassFixture<PostgresApp>;
