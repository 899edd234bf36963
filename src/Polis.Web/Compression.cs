using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Polis.Web;

/// <summary>
/// HTTP compression for readers on slow links (docs/performance.md, "Page weight").
/// Dynamic responses (pages, JSON, feeds) are compressed by ASP.NET Core's middleware, Brotli or gzip, at a cheap level;
/// the style sheet and scripts are compressed once by the npm build (build.mjs writes <c>.br</c> and <c>.gz</c> next
/// to each file, at the strongest levels) and served as they are, so no request spends CPU on them.
/// </summary>
/// <remarks>
/// Compression over HTTPS and BREACH: an attacker who can inject text into a page and watch its compressed size can
/// guess a secret in the same body byte by byte. The only secret Polis pages carry is the antiforgery token, and
/// ASP.NET Core writes it freshly encrypted (data protection, random per call) in every response, so its bytes never
/// repeat between the responses an attacker would compare. Session and sign-in cookies travel in headers, which
/// this does not compress. Compressing only responses without a token is not practical (every signed-in page has
/// the sign-out form). Uploaded files are served with their own media type: PDF, DOCX and ZIP are not in
/// <see cref="MimeTypes"/>, so already-compressed downloads are never compressed again.
/// </remarks>
internal static class Compression
{
    /// <summary>What is compressed: text formats only (HTML, CSS, scripts, JSON, XML, SVG). Never PDF, DOCX, ZIP, images or fonts.</summary>
    public static readonly string[] MimeTypes =
    [
        "text/html", "text/css", "text/javascript", "application/javascript",
        "application/json", "application/problem+json",
        "application/xml", "text/xml", "application/atom+xml",
        "image/svg+xml",
    ];

    /// <summary>Static files the build compressed; the sibling file carries this suffix.</summary>
    private static readonly (string Encoding, string Suffix)[] Precompressed = [("br", ".br"), ("gzip", ".gz")];

    public static IServiceCollection AddPolisCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;   // see the remarks: BREACH
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = MimeTypes;
        });
        // Pages are 4–30 KB: Brotli quality 4 (Optimal in .NET; 11 is the slowest) and gzip level 6 cost well under a
        // millisecond each for them on one core (docs/performance.md, "Page weight"). The large static files never come here.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }

    /// <summary>
    /// Serves <c>file.css.br</c> (or <c>.gz</c>) for <c>file.css</c> when the client accepts it and the build made it,
    /// with the original media type, <c>Content-Encoding</c> and <c>Vary: Accept-Encoding</c>. Goes right before
    /// <c>UseStaticFiles</c>, which then serves the sibling (the middleware leaves encoded responses alone).
    /// </summary>
    public static IApplicationBuilder UsePrecompressedStaticFiles(this IApplicationBuilder app, IFileProvider files) => app.Use((context, next) =>
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Path.Value is { } path
            && path.StartsWith("/dist/", StringComparison.Ordinal) && Accepted(request) is { Count: > 0 } accepted)
        {
            foreach (var (encoding, suffix) in Precompressed)
            {
                if (!accepted.Contains(encoding) || !files.GetFileInfo(path + suffix).Exists) continue;
                request.Path = path + suffix;
                break;
            }
        }
        return next(context);
    });

    /// <summary>Media type of <c>x.css.br</c> is that of <c>x.css</c>; its encoding goes in <see cref="PrepareResponse"/>.</summary>
    public static IContentTypeProvider ContentTypes { get; } = new PrecompressedContentTypes();

    /// <summary>Headers for a static file: the encoding of a precompressed sibling, Vary for any file that has one.</summary>
    public static void PrepareResponse(StaticFileResponseContext c, IFileProvider files)
    {
        var name = c.File.Name;
        var headers = c.Context.Response.Headers;
        foreach (var (encoding, suffix) in Precompressed)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                headers.ContentEncoding = encoding;
                headers.Vary = HeaderNames.AcceptEncoding;
                return;
            }
        }
        var path = c.Context.Request.Path.Value;
        if (path is not null && Precompressed.Any(p => files.GetFileInfo(path + p.Suffix).Exists))
            headers.Vary = HeaderNames.AcceptEncoding;
    }

    private static HashSet<string> Accepted(HttpRequest request)
    {
        var accepted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var values)) return accepted;
        foreach (var value in values)
            if (value.Quality is not 0 && value.Value.Value is { } name) accepted.Add(name);
        return accepted;
    }

    private sealed class PrecompressedContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider types = new();

        public bool TryGetContentType(string subpath, out string contentType)
        {
            foreach (var (_, suffix) in Precompressed)
                if (subpath.EndsWith(suffix, StringComparison.Ordinal))
                    return types.TryGetContentType(subpath[..^suffix.Length], out contentType!);
            return types.TryGetContentType(subpath, out contentType!);
        }
    }
}
