using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Polis.Data;
using Polis.Library;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>
/// Issue 19, finding 9: a picture of a PDF's first page, made on upload with pdftoppm (poppler-utils, installed by
/// tests/run.sh), served under the file's access rule; bounded in time, pages and size; Polis works without it.
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
