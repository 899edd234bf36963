using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Polis.Data;
using Polis.Library;
using Polis.Library.Import;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>
/// Issue 19, finding 9: a picture of a PDF's first page, made on upload with pdftoppm (poppler-utils, installed by
/// tests/run.sh), served under the file's access rule; bounded in time, pages and size; Polis works without it.
/// An imported PDF gets its picture on its first view, not during the import (issue 21, seventh pass).
/// </summary>
public abstract class PreviewingPdfs(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private async Task<(Guid Document, string FileUrl, string? PreviewUrl)> UploadPdfAsync(string access, object? parties = null)
    {
        var id = await app.CreateDocumentAsync(parties is null
            ? new { title = "Guidebook with a preview", type = "Guidebook", access }
            : new { title = "Guidebook with a preview", type = "Guidebook", access, allowedParties = parties });
        // A copy with a unique tail, so that the content is new to the store (the same bytes are stored once).
        var bytes = (await File.ReadAllBytesAsync(PolisApp.FilePath("guidebook.pdf"), Ct)).Concat(System.Text.Encoding.ASCII.GetBytes($"\n%{Guid.NewGuid()}\n")).ToArray();
        var upload = await app.UploadAsync(id, "en", "guidebook.pdf", bytes);
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync(Ct));
        var document = await (await app.LibrarianAsync()).GetFromJsonAsync<JsonObject>($"/api/v1/library/documents/{id}", PolisApp.Json, Ct);
        var file = document!["editions"]![0]!["files"]![0]!;
        return (id, (string)file["url"]!, (string?)file["previewUrl"]);
    }

    [Fact]
    public async Task An_uploaded_pdf_gets_a_first_page_picture_that_the_document_page_shows()
    {
        Assert.NotNull(PdfPreviews.Find("pdftoppm"));   // tests/run.sh installs poppler-utils
        var (id, fileUrl, previewUrl) = await UploadPdfAsync("Public");

        Assert.Equal(fileUrl + "/preview", previewUrl);
        using var response = await app.Anonymous().GetAsync(previewUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var png = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(PngSignature, png[..8]);
        Assert.InRange(png.Length, 100, PdfPreviews.MaxBytes);
        var html = await app.Anonymous().GetStringAsync($"/library/documents/{id}", Ct);
        Assert.Contains($"<img src=\"{previewUrl}\" alt=\"First page of guidebook.pdf\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_imported_pdf_gets_its_picture_on_its_first_view_made_once_and_kept()
    {
        var folder = Path.Combine(Path.GetTempPath(), "polis-import-preview-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            // A copy with a unique tail (new content), imported as `polis import` does, acting as the system.
            var title = "Imported guidebook " + Guid.NewGuid().ToString("N")[..8];
            var bytes = (await File.ReadAllBytesAsync(PolisApp.FilePath("guidebook.pdf"), Ct)).Concat(System.Text.Encoding.ASCII.GetBytes($"\n%{Guid.NewGuid()}\n")).ToArray();
            await File.WriteAllBytesAsync(Path.Combine(folder, "imported.pdf"), bytes, Ct);
            await File.WriteAllTextAsync(Path.Combine(folder, "metadata.csv"), $"file,language,title,type,access\nimported.pdf,en,{title},Guidebook,Public\n", Ct);
            var report = await app.WithServiceAsync<ImportDocuments, ImportReport>(i => i.RunAsync(ImportPlan.Read(folder), dryRun: false, onRow: null, Ct));
            Assert.Equal(1, report.Imported);
            var document = await app.QueryAsync(db => db.Set<Document>().Include(d => d.Editions).ThenInclude(e => e.Files)
                .AsSplitQuery().SingleAsync(d => d.Title == title, Ct));
            var (id, file) = (document.Id, document.Editions.Single().Files.Single());
            var (fileId, sha) = (file.Id, file.Sha256);
            var previews = app.Services.GetRequiredService<PdfPreviews>();
            Assert.False(previews.Exists(sha), "the import made no picture");

            // The page links the picture it can make; the first requests (several at once) get it, made once.
            var html = await app.Anonymous().GetStringAsync($"/library/documents/{id}", Ct);
            var previewUrl = $"/library/files/{fileId}/preview";
            Assert.Contains($"<img src=\"{previewUrl}\"", html, StringComparison.Ordinal);
            var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.Anonymous().GetAsync(previewUrl, Ct)));
            foreach (var response in responses)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(PngSignature, (await response.Content.ReadAsByteArrayAsync(Ct))[..8]);
                response.Dispose();
            }
            Assert.True(previews.Exists(sha), "the picture is kept beside the PDF");
            var made = File.GetLastWriteTimeUtc(previews.PathOf(sha));
            using var again = await app.Anonymous().GetAsync(previewUrl, Ct);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(made, File.GetLastWriteTimeUtc(previews.PathOf(sha)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_picture_of_a_restricted_file_is_as_hidden_as_the_file()
    {
        var (_, fileUrl, previewUrl) = await UploadPdfAsync("Restricted", new[] { "org:SPMU" });

        Assert.NotNull(previewUrl);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync(fileUrl, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync(previewUrl, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.LibrarianAsync()).GetAsync(previewUrl, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/library/files/{Guid.NewGuid()}/preview", Ct)).StatusCode);
    }

    [Fact]
    public async Task Without_pdftoppm_damaged_or_too_slow_there_is_no_picture_and_nothing_else_changes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "polis-previews-" + Guid.NewGuid().ToString("N"));
        try
        {
            var blobs = new BlobStore(new PolisStorage(DatabaseProvider.Sqlite, "Data Source=:memory:", folder), TimeProvider.System);
            async Task<string> StoreAsync(byte[] bytes)
            {
                var staged = await blobs.StageAsync(new MemoryStream(bytes), 10_000_000, Ct);
                blobs.Commit(staged);
                return staged.Sha256;
            }
            var pdf = await StoreAsync(await File.ReadAllBytesAsync(PolisApp.FilePath("guidebook.pdf"), Ct));
            var damaged = await StoreAsync(await File.ReadAllBytesAsync(PolisApp.FilePath("truncated.pdf"), Ct));
            var slow = Path.Combine(folder, "slow-pdftoppm");
            await File.WriteAllTextAsync(slow, "#!/bin/sh\nexec sleep 30\n", Ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(slow, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var none = new PdfPreviews(blobs, NullLogger<PdfPreviews>.Instance, tool: null, PdfPreviews.TimeLimit);
            Assert.False(await none.CreateAsync(pdf, Ct));
            Assert.False(none.Exists(pdf));

            var real = new PdfPreviews(blobs, NullLogger<PdfPreviews>.Instance, PdfPreviews.Find("pdftoppm"), PdfPreviews.TimeLimit);
            Assert.False(await real.CreateAsync(damaged, Ct));
            Assert.False(real.Exists(damaged));

            var watch = System.Diagnostics.Stopwatch.StartNew();
            Assert.False(await new PdfPreviews(blobs, NullLogger<PdfPreviews>.Instance, slow, TimeSpan.FromSeconds(1)).CreateAsync(pdf, Ct));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"the slow tool was stopped after {watch.Elapsed}");

            // On first view: made once however many ask at once (the tool below counts its runs), never for a damaged
            // file a second time, and not at all without pdftoppm (no link: the page shows no picture, as before).
            var runs = Path.Combine(folder, "runs");
            var counting = Path.Combine(folder, "counting-pdftoppm");
            await File.WriteAllTextAsync(counting, $"#!/bin/sh\necho run >> '{runs}'\nexec '{PdfPreviews.Find("pdftoppm")}' \"$@\"\n", Ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(counting, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using (var firstView = new PdfPreviews(blobs, NullLogger<PdfPreviews>.Instance, counting, PdfPreviews.TimeLimit))
            {
                Assert.True(firstView.Available(pdf));
                Assert.All(await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => firstView.EnsureAsync(pdf, Ct))), Assert.True);
                Assert.True(await firstView.EnsureAsync(pdf, Ct));
                Assert.Single(await File.ReadAllLinesAsync(runs, Ct));
                Assert.False(await firstView.EnsureAsync(damaged, Ct));
                Assert.False(await firstView.EnsureAsync(damaged, Ct));
                Assert.False(firstView.Available(damaged));
                Assert.Equal(2, (await File.ReadAllLinesAsync(runs, Ct)).Length);
            }
            blobs.Remove(pdf);
            var stored = await StoreAsync(await File.ReadAllBytesAsync(PolisApp.FilePath("guidebook.pdf"), Ct));
            Assert.False(none.Available(stored));
            Assert.False(await none.EnsureAsync(stored, Ct));

            Assert.True(await real.CreateAsync(pdf, Ct));
            Assert.True(real.Exists(pdf));
            // The picture goes with its blob: removed with it, and swept with it when no record names the blob.
            blobs.Remove(pdf);
            Assert.False(real.Exists(pdf));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

public sealed class PreviewingPdfsOnSqlite(SqliteApp app) : PreviewingPdfs(app), IClassFixture<SqliteApp>;
public sealed class PreviewingPdfsOnPostgres(PostgresApp app) : PreviewingPdfs(app), IClassFixture<PostgresApp>;
