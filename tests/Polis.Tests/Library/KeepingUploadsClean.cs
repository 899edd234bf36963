using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Library;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>Polis with a 1 MB upload limit, on SQLite or PostgreSQL.</summary>
public sealed class SmallUploadSqliteApp : PolisApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(LibraryModule.MaxUploadSetting, "1");
    }
}

public sealed class SmallUploadPostgresApp : PolisApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(LibraryModule.MaxUploadSetting, "1");
    }
}

/// <summary>
/// Hostile files are refused over HTTP with the limit they broke, and no upload that does not end in a saved record
/// leaves anything behind: no row, no blob, no temp file. What a crash leaves is swept by the server.
/// </summary>
public abstract class KeepingUploadsClean(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Blobs => Path.Combine(app.DataPath, "blobs");

    private async Task<(int Files, int Editions, int Blobs)> StateAsync() => (
        await app.QueryAsync(db => db.Set<StoredFile>().CountAsync()),
        await app.QueryAsync(db => db.Set<Edition>().CountAsync()),
        Directory.Exists(Blobs) ? Directory.EnumerateFiles(Blobs, "*", SearchOption.AllDirectories).Count() : 0);

    private Task<Guid> TargetAsync(string title) => app.CreateDocumentAsync(new { title, type = "Report", access = "Public" });

    private static async Task<string> FileErrorAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        return (string)problem!["errors"]!["file"]![0]!;
    }

    [Fact]
    public async Task A_web_page_of_100000_nested_elements_is_refused_with_422_naming_the_file_and_the_limit()
    {
        var id = await TargetAsync("Target of a nesting bomb");
        var before = await StateAsync();
        var page = Encoding.ASCII.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "policing");

        var response = await app.UploadAsync(id, "en", "nested.html", page);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var message = await FileErrorAsync(response);
        Assert.Contains("nested.html nests its elements more than 512 levels deep (the limit)", message, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_pdf_whose_stream_inflates_past_the_limit_is_refused_with_422()
    {
        var id = await TargetAsync("Target of a PDF bomb");
        var before = await StateAsync();

        var response = await app.UploadAsync(id, "en", "bomb.pdf", FlateBombPdf(megabytes: 100));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("bomb.pdf would expand to more than 64 MB in one part (the limit)", await FileErrorAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_macro_enabled_word_document_renamed_docx_is_refused_and_nothing_is_stored()
    {
        var id = await TargetAsync("Target of a macro document");
        var before = await StateAsync();
        var docx = WithEntry(await File.ReadAllBytesAsync(PolisApp.FilePath("annual-report.docx"), Ct), "word/vbaProject.bin", [0xD0, 0xCF, 0x11, 0xE0]);

        var response = await app.UploadAsync(id, "en", "report.docx", docx);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("report.docx is a Word document with macros, which are not accepted", await FileErrorAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_file_over_the_limit_answers_413_from_the_api_naming_the_limit()
    {
        var id = await TargetAsync("Target of a large upload");
        var before = await StateAsync();
        var big = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Police reform and training. ", 54_000)));

        var response = await app.UploadAsync(id, "en", "big.txt", big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("big.txt is larger than the limit of 1 MB", await FileErrorAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task An_oversized_upload_through_the_upload_page_answers_413_with_the_limit()
    {
        var id = await TargetAsync("Target of a large page upload");
        var client = await app.LibrarianAsync();
        var token = await PolisApp.AntiforgeryTokenAsync(client, $"/library/documents/{id}/upload");
        var before = await StateAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("en"), "Language" },
        };
        var file = new ByteArrayContent(new byte[3 * 1024 * 1024]);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "Upload", "huge.txt");

        var response = await client.PostAsync($"/library/documents/{id}/upload", form, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("The upload is larger than the limit of 1 MB, so nothing was stored.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("not found", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_file_refused_through_the_upload_page_answers_422_with_the_reason_on_the_form()
    {
        var id = await TargetAsync("Target of a nesting bomb through the page");
        var client = await app.LibrarianAsync();
        var token = await PolisApp.AntiforgeryTokenAsync(client, $"/library/documents/{id}/upload");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("en"), "Language" },
        };
        var file = new ByteArrayContent(Encoding.ASCII.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<b>", 10_000)) + "x"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        form.Add(file, "Upload", "nested.html");

        var response = await client.PostAsync($"/library/documents/{id}/upload", form, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("nested.html nests its elements more than 512 levels deep", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    // The document is edited (over the API, by another user) while its file is being read: the upload's save then
    // fails on the document's version after its blob was placed. It answers 409 and leaves no blob and no row.
    [Fact]
    public async Task An_upload_whose_save_fails_after_the_blob_is_written_leaves_no_blob()
    {
        var id = await TargetAsync("Target edited during an upload");
        var before = await StateAsync();
        var editor = await app.LibrarianAsync();
        var content = new AtEnd(Encoding.UTF8.GetBytes("Community policing in practice " + Guid.NewGuid()), async () =>
        {
            var edit = await app.PutDocumentAsync(editor, id, PolisApp.WithOwner(new { title = "Renamed during the upload", type = "Report", access = "Public" }));
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        });

        var result = await UploadDirectlyAsync(id, content, "note.txt", Ct);

        Assert.True(content.Ended);
        Assert.True(result.Conflict);
        Assert.Equal(before, await StateAsync());
        Assert.Equal("Renamed during the upload", (await app.DocumentStateAsync(id)).Title);
    }

    [Fact]
    public async Task A_cancelled_upload_stops_in_the_extractor_and_leaves_nothing()
    {
        var id = await TargetAsync("Target of a cancelled upload");
        var before = await StateAsync();
        using var cancellation = new CancellationTokenSource();
        // Cancelled once the whole file has been received: only the extractor's own check can stop it now.
        var content = new AtEnd(Encoding.UTF8.GetBytes("Police training " + Guid.NewGuid()), () => cancellation.CancelAsync());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => UploadDirectlyAsync(id, content, "note.txt", cancellation.Token));

        Assert.True(content.Ended);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task The_sweep_deletes_old_orphans_and_keeps_fresh_and_referenced_blobs()
    {
        var id = await TargetAsync("Target of the sweep");
        var kept = Encoding.UTF8.GetBytes("A referenced file about border management " + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(id, "en", "kept.txt", kept)).StatusCode);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var referenced = BlobPath(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(kept)));
        Assert.True(File.Exists(referenced));
        File.SetLastWriteTimeUtc(referenced, now.AddDays(-30));
        var old = Plant(new string('a', 64), now.AddHours(-2));
        // The pass runs 61 minutes from now: this one is then 11 minutes old, that one two hours and 61 minutes.
        var fresh = Plant(new string('b', 64), now.AddMinutes(50));
        var oldTemp = Path.Combine(Blobs, "tmp", Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(oldTemp, "half an upload", Ct);
        File.SetLastWriteTimeUtc(oldTemp, now.AddHours(-3));

        var sweeper = app.Services.GetRequiredService<BlobSweeper>();
        var passes = sweeper.Passes;
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        for (var wait = 0; sweeper.Passes == passes && wait < 100; wait++) await Task.Delay(100, Ct);

        Assert.Equal(passes + 1, sweeper.Passes);
        Assert.False(File.Exists(old));
        Assert.False(File.Exists(oldTemp));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(referenced));
        File.Delete(fresh);
    }

    [Theory]
    [InlineData("scanned.pdf", "application/pdf", "inline")]
    [InlineData("notes.md", "text/plain", "inline")]
    [InlineData("page-with-script.html", "text/html", "attachment")]
    public async Task Pdfs_and_text_open_in_the_browser_other_files_download_all_sandboxed(string fixture, string served, string disposition)
    {
        var id = await TargetAsync("Target of a download " + fixture);
        var bytes = await File.ReadAllBytesAsync(PolisApp.FilePath(fixture), Ct);
        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(id, "en", fixture, bytes)).StatusCode);
        var view = await app.Anonymous().GetFromJsonAsync<DocumentView>($"/api/v1/library/documents/{id}", PolisApp.Json, Ct);

        var download = await app.Anonymous().GetAsync(view!.Editions[0].Files[0].Url, Ct);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(served, download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(disposition, download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(fixture, download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Contains("sandbox", string.Join(";", download.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(";", download.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task The_document_page_names_formats_and_sizes_as_people_do_in_each_language()
    {
        var id = await TargetAsync("Target of format names");
        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(id, "en", "guidebook.pdf", await File.ReadAllBytesAsync(PolisApp.FilePath("guidebook.pdf"), Ct))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(id, "ru", "annual-report.docx", await File.ReadAllBytesAsync(PolisApp.FilePath("annual-report.docx"), Ct))).StatusCode);

        var english = WebUtility.HtmlDecode(await app.Anonymous("en").GetStringAsync($"/library/documents/{id}", Ct));
        var russian = WebUtility.HtmlDecode(await app.Anonymous("ru").GetStringAsync($"/library/documents/{id}", Ct));

        // guidebook.pdf is 27,106 bytes, annual-report.docx 2,538 (neither is uploaded by another test of this class: same content is refused).
        Assert.Contains("(PDF, 26.5 KB)", english, StringComparison.Ordinal);
        Assert.Contains("(Word document, 2.5 KB)", english, StringComparison.Ordinal);
        Assert.Contains("(PDF, 26,5 КБ)", russian, StringComparison.Ordinal);
        Assert.Contains("(Документ Word, 2,5 КБ)", russian, StringComparison.Ordinal);
        Assert.DoesNotContain("application/pdf", english, StringComparison.Ordinal);
        Assert.Contains("Open guidebook.pdf", english, StringComparison.Ordinal);
        Assert.Contains("Download annual-report.docx", english, StringComparison.Ordinal);
    }

    private string BlobPath(string sha) => Path.Combine(Blobs, sha[..2], sha[2..4], sha);

    private string Plant(string sha, DateTime lastWrite)
    {
        var path = BlobPath(sha);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "orphan " + sha);
        File.SetLastWriteTimeUtc(path, lastWrite);
        return path;
    }

    private async Task<SaveResult> UploadDirectlyAsync(Guid id, Stream content, string fileName, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UploadFile>().UploadAsync(id, "en", null, content, fileName, Viewer.System, ct);
    }

    private static byte[] WithEntry(byte[] docx, string name, byte[] content)
    {
        using var buffer = new MemoryStream();
        buffer.Write(docx);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(name).Open();
            entry.Write(content);
        }
        return buffer.ToArray();
    }

    /// <summary>A one-page PDF whose FlateDecode content stream inflates to <paramref name="megabytes"/> MB of zeros.</summary>
    private static byte[] FlateBombPdf(int megabytes)
    {
        var zeros = new MemoryStream();
        using (var zlib = new ZLibStream(zeros, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1024 * 1024];
            for (var i = 0; i < megabytes; i++) zlib.Write(block);
        }
        var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string s) => pdf.Write(Encoding.ASCII.GetBytes(s));
        void Object(string body)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }
        Write("%PDF-1.4\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>");
        offsets.Add(pdf.Position);
        Write($"4 0 obj\n<< /Length {zeros.Length} /Filter /FlateDecode >>\nstream\n");
        pdf.Write(zeros.ToArray());
        Write("\nendstream\nendobj\n");
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) Write($"{offset:D10} 00000 n \n");
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    /// <summary>A file that runs an action once it has been read to its end (the upload has it all by then).</summary>
    private sealed class AtEnd(byte[] bytes, Func<Task> atEnd) : Stream
    {
        private readonly MemoryStream inner = new(bytes, writable: false);

        public bool Ended { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = inner.Read(buffer.Span);
            if (read == 0 && !Ended)
            {
                Ended = true;
                await atEnd();
            }
            return read;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read asynchronously");
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => bytes.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

public sealed class KeepingUploadsCleanOnSqlite(SmallUploadSqliteApp app) : KeepingUploadsClean(app), IClassFixture<SmallUploadSqliteApp>;

public sealed class KeepingUploadsCleanOnPostgres(SmallUploadPostgresApp app) : KeepingUploadsClean(app), IClassFixture<SmallUploadPostgresApp>;
