using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>
/// Permanent links (/d/{symbol} and /d/{short id}) and citation exports (BibTeX, RIS, CSL-JSON). Every export is read
/// by Citation.js (tests/citation, installed by tests/run.sh), a parser nobody on the team wrote; the test asserts
/// what that parser understood, not what we wrote.
/// </summary>
public abstract partial class CitingAndLinking(PolisApp app)
{
    // The test clock is frozen; real time moves on between two documents, and a Guid v7's first 12 hex digits are its
    // creation millisecond. Move the clock as time would, so short ids do not collide by construction of the test.
    private Task<Guid> NewDocumentAsync(object input)
    {
        app.Clock.Advance(TimeSpan.FromMilliseconds(1));
        return app.CreateDocumentAsync(input);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int symbols = Random.Shared.Next(1000, 5000);

    private static string NewSymbol(string series = "PC.DEC") => $"{series}/{Interlocked.Increment(ref symbols)}";

    private const string RussianTitle = "Решение о реформе полиции & {общественной} безопасности: 100% _прозрачность_ #1 ~ $";

    [Fact]
    public async Task The_permanent_link_by_symbol_and_by_short_id_reaches_the_document_and_survives_a_new_title()
    {
        var symbol = NewSymbol();
        var input = new { title = "Decision on police reform", type = "Decision", access = "Public", symbol, issuingBody = "PC", publishedOn = "2025-12-04" };
        var id = await NewDocumentAsync(input);
        var anonymous = app.Anonymous();
        var permalink = await PermalinkOnPageAsync(anonymous, id);
        Assert.Matches("^http://localhost/d/[0-9a-f]{12,32}$", permalink);

        foreach (var path in new[] { new Uri(permalink).AbsolutePath, "/d/" + symbol, "/d/" + symbol.ToLowerInvariant(), "/d/" + id, "/d/" + id.ToString("N")[..16] })
            await AssertLeadsToAsync(anonymous, path, id);

        var renamed = await app.PutDocumentAsync(await app.LibrarianAsync(), id, PolisApp.WithOwner(input with { title = "Decision on police reform (revised title)" }));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Decision on police reform (revised title)", (await app.DocumentStateAsync(id)).Title);
        Assert.Equal(permalink, await PermalinkOnPageAsync(anonymous, id));
        await AssertLeadsToAsync(anonymous, new Uri(permalink).AbsolutePath, id);
        await AssertLeadsToAsync(anonymous, "/d/" + symbol, id);

        foreach (var nothing in new[] { "/d/PC.DEC/99999", "/d/" + Guid.NewGuid(), "/d/00000000", "/d/0123", "/d/not-a-symbol", "/d/" })
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(nothing, Ct)).StatusCode);
    }

    // The short id is kept until data changes (issue 21, eighth pass): a document of the same millisecond added after the
    // page was shown makes the next page show a longer, still unique, short id.
    [Fact]
    public async Task A_short_id_already_shown_grows_when_a_document_of_the_same_millisecond_is_added()
    {
        var first = await NewDocumentAsync(new { title = "First of a batch", type = "Report", access = "Public" });
        var anonymous = app.Anonymous();
        var shown = await PermalinkOnPageAsync(anonymous, first);
        Assert.Equal(shown, await PermalinkOnPageAsync(anonymous, first));
        Assert.Matches("/d/[0-9a-f]{12}$", shown);

        var second = await app.CreateDocumentAsync(new { title = "Second of a batch", type = "Report", access = "Public" });   // the same millisecond
        Assert.StartsWith(first.ToString("N")[..12], second.ToString("N"), StringComparison.Ordinal);
        var longer = await PermalinkOnPageAsync(anonymous, first);
        Assert.Matches("/d/[0-9a-f]{16,32}$", longer);
        await AssertLeadsToAsync(anonymous, new Uri(longer).AbsolutePath, first);
    }

    [Fact]
    public async Task A_restricted_documents_links_and_citations_answer_404_to_outsiders_as_if_it_did_not_exist_and_work_for_an_allowed_reader()
    {
        var symbol = NewSymbol("SEC.GAL");
        var id = await NewDocumentAsync(new
        {
            title = "Restricted assessment",
            type = "Report",
            access = "Restricted",
            allowedParties = new[] { "org:SPMU" },
            symbol,
            issuingBody = "SPMU",
            publishedOn = "2026-02-01",
        });
        var reader = await app.SignedInAsync(Role.Editor, ["SPMU"]);
        var permalink = new Uri(await PermalinkOnPageAsync(reader, id)).AbsolutePath;
        string[] paths = [permalink, "/d/" + symbol, "/d/" + id, $"/library/documents/{id}/cite.bib", $"/library/documents/{id}/cite.ris", $"/library/documents/{id}/cite.json"];
        var missing = Guid.NewGuid();
        foreach (var outsider in new[] { app.Anonymous(), await app.SignedInAsync(Role.Editor, ["MSRB"]) })
        {
            foreach (var path in paths)
            {
                var answer = await outsider.GetAsync(path, Ct);
                Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)answer.StatusCode} to an outsider");
                var body = await answer.Content.ReadAsStringAsync(Ct);
                Assert.DoesNotContain("Restricted assessment", body, StringComparison.Ordinal);
                var twin = await outsider.GetAsync(path.Replace(id.ToString(), missing.ToString(), StringComparison.Ordinal), Ct);
                Assert.Equal(twin.StatusCode, answer.StatusCode);
            }
        }
        await AssertLeadsToAsync(reader, permalink, id);
        await AssertLeadsToAsync(reader, "/d/" + symbol, id);
        foreach (var extension in new[] { "bib", "ris", "json" })
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/library/documents/{id}/cite.{extension}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Each_export_parses_in_citation_js_with_title_year_symbol_and_permanent_link_including_a_russian_title()
    {
        var symbol = NewSymbol("MC.DEC");
        var id = await NewDocumentAsync(new
        {
            title = RussianTitle,
            type = "Decision",
            access = "Public",
            symbol,
            issuingBody = "PC",
            publishedOn = "2024-12-06",
        });
        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(id, "ru", "decision.txt", System.Text.Encoding.UTF8.GetBytes("Текст решения."))).StatusCode);
        var anonymous = app.Anonymous();
        var permalink = await PermalinkOnPageAsync(anonymous, id);
        var page = await anonymous.GetStringAsync($"/library/documents/{id}", Ct);
        foreach (var extension in new[] { "bib", "ris", "json" })
            Assert.Contains($"href=\"/library/documents/{id}/cite.{extension}\"", page, StringComparison.Ordinal);
        await Validators.AssertValidAsync("validate-html.sh", page, ".html");

        var bib = await ExportAsync(anonymous, id, "bib", "application/x-bibtex");
        var fromBib = await CitationJs.ParseAsync("bibtex", bib);
        AssertCitation(fromBib, RussianTitle, 2024, symbol, "report", permalink);
        Assert.Equal("PC", Author(fromBib));

        var ris = await ExportAsync(anonymous, id, "ris", "application/x-research-info-systems");
        var fromRis = await CitationJs.ParseAsync("ris", ris);
        AssertCitation(fromRis, RussianTitle, 2024, symbol, "report", permalink);
        Assert.Equal("PC", Author(fromRis));
        Assert.Equal("OSCE", (string?)fromRis["publisher"]);
        Assert.Equal("ru", (string?)fromRis["language"]);

        var csl = await ExportAsync(anonymous, id, "json", "application/vnd.citationstyles.csl+json");
        var item = Assert.Single(JsonNode.Parse(csl)!.AsArray())!.AsObject();
        foreach (var required in new[] { "id", "type", "title" })
            Assert.False(string.IsNullOrWhiteSpace((string?)item[required]), $"CSL-JSON item without {required}");
        var fromCsl = await CitationJs.ParseAsync("csl", csl);
        AssertCitation(fromCsl, RussianTitle, 2024, symbol, "report", permalink);
        Assert.Equal(new[] { 2024, 12, 6 }, fromCsl["issued"]!["date-parts"]![0]!.AsArray().Select(n => (int)n!));
    }

    [Fact]
    public async Task A_guidebook_is_cited_as_a_book_in_every_format()
    {
        var id = await NewDocumentAsync(new { title = "Guidebook on community policing", type = "Guidebook", access = "Public", issuingBody = "TNTD", publishedOn = "2023-05-01" });
        var anonymous = app.Anonymous();
        var permalink = await PermalinkOnPageAsync(anonymous, id);
        Assert.Equal("book", (string?)(await CitationJs.ParseAsync("bibtex", await ExportAsync(anonymous, id, "bib", "application/x-bibtex")))["type"]);
        var ris = await CitationJs.ParseAsync("ris", await ExportAsync(anonymous, id, "ris", "application/x-research-info-systems"));
        Assert.Equal("book", (string?)ris["type"]);
        Assert.Equal(permalink, (string?)ris["URL"]);
        var csl = await CitationJs.ParseAsync("csl", await ExportAsync(anonymous, id, "json", "application/vnd.citationstyles.csl+json"));
        Assert.Equal("book", (string?)csl["type"]);
        Assert.Equal(2023, (int)csl["issued"]!["date-parts"]![0]![0]!);
    }

    private static void AssertCitation(JsonObject item, string title, int year, string symbol, string type, string permalink)
    {
        Assert.True(title == (string?)item["title"], $"title read as {(string?)item["title"] ?? "nothing"} from {item.ToJsonString()}");
        Assert.Equal(year, (int)item["issued"]!["date-parts"]![0]![0]!);
        Assert.Equal(symbol, (string?)item["number"]);
        Assert.Equal(type, (string?)item["type"]);
        Assert.Equal(permalink, (string?)item["URL"]);
    }

    /// <summary>The institutional author as the parser read it: a literal name, or all of it as a family name (BibTeX's {{…}}).</summary>
    private static string? Author(JsonObject item)
    {
        var author = Assert.Single(item["author"]!.AsArray())!.AsObject();
        Assert.True(author["given"] is null || (string?)author["given"] == "", "an institution has no given name");
        return (string?)(author["literal"] ?? author["family"]);
    }

    private static async Task<string> ExportAsync(HttpClient client, Guid id, string extension, string mediaType)
    {
        var answer = await client.GetAsync($"/library/documents/{id}/cite.{extension}", Ct);
        var body = await answer.Content.ReadAsStringAsync(Ct);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"cite.{extension}: {(int)answer.StatusCode} {body}");
        Assert.Equal(mediaType, answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", answer.Content.Headers.ContentType?.CharSet);
        return body;
    }

    private static async Task AssertLeadsToAsync(HttpClient client, string path, Guid id)
    {
        var answer = await client.GetAsync(path, Ct);
        Assert.True(answer.StatusCode is HttpStatusCode.Found or HttpStatusCode.MovedPermanently, $"{path} answered {(int)answer.StatusCode}");
        Assert.Equal($"/library/documents/{id}", answer.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(answer.Headers.Location, Ct)).StatusCode);
    }

    private static async Task<string> PermalinkOnPageAsync(HttpClient client, Guid id)
    {
        var page = await client.GetStringAsync($"/library/documents/{id}", Ct);
        var match = PermalinkInput().Match(page);
        Assert.True(match.Success, "the document page has no permanent link");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<input id=\"permalink\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex PermalinkInput();

    /// <summary>Runs tests/citation/parse.mjs (Citation.js) on an export and returns the first item it read, as CSL-JSON.</summary>
    private static class CitationJs
    {
        public static async Task<JsonObject> ParseAsync(string format, string content)
        {
            var folder = Folder();
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "@citation-js", "core")))
                throw new Xunit.Sdk.XunitException($"Citation.js is not installed: run 'npm ci' in {folder} (tests/run.sh does).");
            var file = Path.Combine(Path.GetTempPath(), "polis-cite-" + Guid.NewGuid().ToString("N")[..10]);
            await File.WriteAllTextAsync(file, content, Ct);
            try
            {
                var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
                start.ArgumentList.Add(Path.Combine(folder, "parse.mjs"));
                start.ArgumentList.Add(format);
                start.ArgumentList.Add(file);
                using var process = Process.Start(start)!;
                var output = process.StandardOutput.ReadToEndAsync(Ct);
                var error = process.StandardError.ReadToEndAsync(Ct);
                await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromMinutes(1), Ct);
                Assert.True(process.ExitCode == 0, $"Citation.js refused the {format} export: {await error}\n{content}");
                var items = JsonNode.Parse(await output)!.AsArray();
                return Assert.Single(items)!.AsObject();
            }
            finally
            {
                File.Delete(file);
            }
        }

        private static string Folder()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Polis.slnx")))
                    return Path.Combine(dir.FullName, "tests", "citation");
            throw new Xunit.Sdk.XunitException("the repository root (Polis.slnx) was not found above " + AppContext.BaseDirectory);
        }
    }
}

public sealed class CitingAndLinkingOnSqlite(SqliteApp app) : CitingAndLinking(app), IClassFixture<SqliteApp>;
public sealed class CitingAndLinkingOnPostgres(PostgresApp app) : CitingAndLinking(app), IClassFixture<PostgresApp>;
