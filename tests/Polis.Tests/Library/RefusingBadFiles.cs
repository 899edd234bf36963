using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Polis.Data;
using Polis.Library;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>Polis with a 1 MB upload limit, so "too large" is tested without gigabytes.</summary>
public sealed class SmallUploadApp : PolisApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(LibraryModule.MaxUploadSetting, "1");
    }
}

public sealed class RefusingBadFiles(SmallUploadApp app) : IClassFixture<SmallUploadApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(int Files, int Editions, int Blobs)> StateAsync() => (
        await app.QueryAsync(db => db.Set<StoredFile>().CountAsync()),
        await app.QueryAsync(db => db.Set<Edition>().CountAsync()),
        Directory.Exists(Path.Combine(app.DataPath, "blobs"))
            ? Directory.EnumerateFiles(Path.Combine(app.DataPath, "blobs"), "*", SearchOption.AllDirectories).Count() : 0);

    [Theory]
    [InlineData("truncated.pdf", "damaged")]
    [InlineData("encrypted.pdf", "encrypted")]
    [InlineData("really-a-zip.pdf", "but contains")]
    [InlineData("photo.txt", "but contains")]
    [InlineData("truncated.docx", "damaged")]
    [InlineData("encrypted.docx", "encrypted")]
    public async Task A_bad_file_is_refused_with_a_clear_reason_and_nothing_is_stored(string fixture, string reason)
    {
        var id = await app.CreateDocumentAsync(new { title = "Target of a bad upload " + fixture, type = "Report", access = "Public" });
        var before = await StateAsync();
        var response = await app.UploadAsync(id, "en", fixture, await File.ReadAllBytesAsync(PolisApp.FilePath(fixture), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        var message = (string)problem!["errors"]!["file"]![0]!;
        Assert.Contains(fixture, message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_docx_zip_bomb_is_refused_before_it_is_inflated()
    {
        using var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var types = await zip.CreateEntry("[Content_Types].xml").OpenAsync(Ct))
                await types.WriteAsync(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"), Ct);
            await using var document = await zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).OpenAsync(Ct);
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 600; i++) await document.WriteAsync(zeros, Ct);
        }
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb itself must fit under the 1 MB limit ({bomb.Length} bytes)");
        var id = await app.CreateDocumentAsync(new { title = "Target of a zip bomb", type = "Report", access = "Public" });
        var before = await StateAsync();
        var response = await app.UploadAsync(id, "en", "bomb.docx", bomb.ToArray());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("bomb.docx", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_naming_the_limit()
    {
        var id = await app.CreateDocumentAsync(new { title = "Target of a large upload", type = "Report", access = "Public" });
        var before = await StateAsync();
        // Over the file limit, inside the request limit: the library refuses it.
        var big = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Police reform and training. ", 54_000)));
        var response = await app.UploadAsync(id, "en", "big.txt", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("big.txt is larger than the limit of 1 MB", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // Over the request limit too: refused before the form is read.
        var huge = await app.UploadAsync(id, "en", "huge.txt", new byte[3 * 1024 * 1024]);
        Assert.True(huge.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, huge.StatusCode.ToString());
        Assert.Contains("at most 1 MB", await huge.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Html_with_script_is_stored_as_text_only_and_served_sandboxed()
    {
        var id = await app.CreateDocumentAsync(new { title = "Community security in Kyrgyzstan", type = "Report", access = "Public" });
        var response = await app.UploadAsync(id, "ru", "page-with-script.html", await File.ReadAllBytesAsync(PolisApp.FilePath("page-with-script.html"), Ct));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var edition = await app.QueryAsync(db => db.Set<Edition>().SingleAsync(e => e.DocumentId == id));
        Assert.Contains("Мобильные приёмные полиции", edition.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("must not leak", edition.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(", edition.Text, StringComparison.Ordinal);
        var view = await app.Anonymous().GetFromJsonAsync<DocumentView>($"/api/v1/library/documents/{id}", PolisApp.Json, Ct);
        var download = await app.Anonymous().GetAsync(view!.Editions[0].Files[0].Url, Ct);
        Assert.Contains("sandbox", string.Join(";", download.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
    }

    [Theory]
    [InlineData("<script>alert(1)</script> Guide", "Title", "markup")]
    [InlineData("Guide on <b>policing</b>", "Title", "markup")]
    public async Task A_title_with_markup_is_refused_and_nothing_is_stored(string title, string field, string reason)
    {
        var client = await app.LibrarianAsync();
        var before = await app.QueryAsync(db => db.Set<Document>().CountAsync());
        var response = await client.PostAsJsonAsync("/api/v1/library/documents", new { title, type = "Report", access = "Public" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Contains(reason, (string)problem!["errors"]![field]![0]!, StringComparison.Ordinal);
        Assert.Equal(before, await app.QueryAsync(db => db.Set<Document>().CountAsync()));
    }

    [Theory]
    [InlineData("PC.DEC/")]
    [InlineData("not a symbol")]
    [InlineData("1049")]
    public async Task A_symbol_that_does_not_parse_is_refused_with_an_example(string symbol)
    {
        var client = await app.LibrarianAsync();
        var response = await client.PostAsJsonAsync("/api/v1/library/documents", new { title = "Decision with a bad symbol", symbol, type = "Decision", access = "Public" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Contains("PC.DEC/1049", (string)problem!["errors"]!["Symbol"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restricted_document_without_parties_and_unknown_codes_are_refused()
    {
        var client = await app.LibrarianAsync();
        var restricted = await client.PostAsJsonAsync("/api/v1/library/documents", new { title = "Restricted to nobody", type = "Report", access = "Restricted" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, restricted.StatusCode);
        Assert.Contains("AllowedParties", await restricted.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var unknown = await client.PostAsJsonAsync("/api/v1/library/documents", new { title = "Unknown priority", type = "Report", access = "Public", priorities = new[] { "Piracy" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'Piracy' is not a code known to Polis", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var malformed = await client.PostAsync("/api/v1/library/documents", new StringContent("{\"title\": ", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("valid JSON", await malformed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_file_twice_is_stored_once()
    {
        var id = await app.CreateDocumentAsync(new { title = "Duplicate target", type = "Report", access = "Public" });
        var bytes = Encoding.UTF8.GetBytes("A unique note on border management " + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(id, "en", "note.txt", bytes)).StatusCode);
        var before = await StateAsync();
        var again = await app.UploadAsync(id, "en", "note-copy.txt", bytes);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already in the library", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());
    }
}
