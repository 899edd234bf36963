using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Foundation;

/// <summary>Compression and caching for slow links (docs/performance.md, "Page weight"; src/Polis.Web/Compression.cs).</summary>
public sealed partial class CompressingResponses(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> GetAsync(string path, string? encoding, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encoding is not null) request.Headers.AcceptEncoding.ParseAdd(encoding);
        var response = await (client ?? app.Anonymous()).SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        return response;
    }

    private static async Task<byte[]> DecodedAsync(HttpResponseMessage response)
    {
        var raw = await response.Content.ReadAsStreamAsync(Ct);
        Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "br" => new BrotliStream(raw, CompressionMode.Decompress),
            "gzip" => new GZipStream(raw, CompressionMode.Decompress),
            null => raw,
            var other => throw new InvalidOperationException("unexpected encoding " + other),
        };
        using var bytes = new MemoryStream();
        await decoded.CopyToAsync(bytes, Ct);
        return bytes.ToArray();
    }

    private static string Encoding(HttpResponseMessage response) => string.Join(",", response.Content.Headers.ContentEncoding);

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("br;q=0, gzip", "gzip")]
    public async Task The_home_page_is_compressed_as_asked_and_decompresses_to_the_same_page(string accept, string expected)
    {
        var plain = await GetAsync("/", null);
        var compressed = await GetAsync("/", accept);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(expected, Encoding(compressed));
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        var plainBytes = await plain.Content.ReadAsByteArrayAsync(Ct);
        var compressedLength = (await compressed.Content.ReadAsByteArrayAsync(Ct)).Length;
        Assert.True(compressedLength < plainBytes.Length / 2, $"{compressedLength} of {plainBytes.Length} bytes");
        compressed = await GetAsync("/", accept);
        Assert.Equal(plainBytes, await DecodedAsync(compressed));
    }

    [Theory]
    [InlineData("/openapi/v1.json", "application/json")]
    [InlineData("/library/feed.atom", "application/atom+xml")]
    [InlineData("/oai?verb=Identify", "text/xml")]
    [InlineData("/api/v1/no-such-thing", "application/problem+json")]
    public async Task Json_feeds_and_xml_are_compressed(string path, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd("br");
        var response = await app.Anonymous().SendAsync(request, Ct);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("br", Encoding(response));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.NotEmpty(await DecodedAsync(response));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    [InlineData(null)]
    public async Task The_fingerprinted_style_sheet_is_cached_for_a_year_and_sent_compressed_by_the_build(string? accept)
    {
        var home = await app.Anonymous().GetStringAsync("/", Ct);
        var href = System.Net.WebUtility.HtmlDecode(StyleSheet().Match(home).Groups[1].Value);
        Assert.Contains("?v=", href, StringComparison.Ordinal);
        var response = await GetAsync(href, accept);
        Assert.Equal("public,max-age=31536000,immutable", response.Headers.CacheControl!.ToString().Replace(", ", ",", StringComparison.Ordinal));
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(accept ?? "", Encoding(response));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var css = await DecodedAsync(response);
        Assert.Equal(await (await GetAsync("/dist/site.css", null)).Content.ReadAsByteArrayAsync(Ct), css);
        // The integrity hash in the page is that of the decoded style sheet (as the browser reads the attribute: a "+" of
        // the base64 is written &#x2B; in the HTML).
        Assert.Contains("sha384-" + Convert.ToBase64String(System.Security.Cryptography.SHA384.HashData(css)), System.Net.WebUtility.HtmlDecode(home), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fonts_the_style_sheet_names_carry_their_hash_and_are_cached_for_a_year()
    {
        var css = await app.Anonymous().GetStringAsync("/dist/site.css", Ct);
        var fonts = FontUrl().Matches(css).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(fonts);
        foreach (var font in fonts)
        {
            Assert.Matches("-[A-Z0-9]{8}\\.woff2?$", font);
            var response = await GetAsync("/dist/" + font, "br, gzip");
            Assert.Equal("public,max-age=31536000,immutable", response.Headers.CacheControl!.ToString().Replace(", ", ",", StringComparison.Ordinal));
            Assert.Empty(response.Content.Headers.ContentEncoding);   // woff2 is compressed already
        }
    }

    [Fact]
    public async Task A_static_file_without_a_version_is_cached_for_an_hour()
    {
        var response = await GetAsync("/dist/site.css", "br");
        Assert.Equal("public,max-age=3600", response.Headers.CacheControl!.ToString().Replace(", ", ",", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pdf_download_is_not_compressed_again()
    {
        var librarian = await app.LibrarianAsync();
        var id = await app.CreateDocumentAsync(new { title = "Compression guidebook", type = "Report", access = "Public" });
        var pdf = await File.ReadAllBytesAsync(PolisApp.FilePath("guidebook.pdf"), Ct);
        var upload = await app.UploadAsync(id, "en", "guidebook.pdf", pdf);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var url = FileUrl().Match(await upload.Content.ReadAsStringAsync(Ct)).Value;
        Assert.NotEmpty(url);
        foreach (var client in new[] { librarian, app.Anonymous() })
        {
            var response = await GetAsync(url, "br, gzip", client);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
            Assert.Empty(response.Content.Headers.ContentEncoding);
            Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync(Ct));
        }
    }

    [Fact]
    public void The_compressed_media_types_are_text_only()
    {
        string[] compressed = ["application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip", "font/woff2", "image/png"];
        Assert.All(compressed, t => Assert.DoesNotContain(t, Polis.Web.Compression.MimeTypes));
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StyleSheet();

    [GeneratedRegex("url\\(\"?\\./(fonts/[^\")]+)\"?\\)")]
    private static partial Regex FontUrl();

    [GeneratedRegex("/library/files/[0-9a-f-]{36}")]
    private static partial Regex FileUrl();
}
