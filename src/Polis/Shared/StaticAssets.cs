using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Polis.Shared;

/// <summary>
/// Subresource-integrity hashes for the site's own scripts and styles, so a tampered file on a proxy or a CDN
/// in front of Polis is refused by the browser, and their links with a version (<c>?v=</c>, what MVC's
/// <c>asp-append-version</c> writes), so a browser keeps a file until it changes. Computed once per file version.
/// </summary>
/// <remarks>
/// Each file's answer is kept until the web root's file provider reports a change of that file (issue 21, ninth pass:
/// every page looked the file up on disk twice, here and in the tag helper of <c>asp-append-version</c>).
/// </remarks>
public sealed class StaticAssets(IWebHostEnvironment environment)
{
    private readonly ConcurrentDictionary<string, Hashes> files = new(StringComparer.Ordinal);

    private sealed record Hashes(string Integrity, string Version, IChangeToken Changed);

    /// <summary>The file's <c>integrity</c> attribute (SHA-384), or "" if there is no such file.</summary>
    public string Integrity(string path) => Of(path)?.Integrity ?? "";

    /// <summary>The file's URL under the request's base path with <c>?v=</c> and its SHA-256, as <c>asp-append-version</c> writes it.</summary>
    public string Versioned(PathString pathBase, string path)
    {
        var url = pathBase.Add(path).Value!;
        return Of(path) is { } hashes ? url + "?v=" + hashes.Version : url;
    }

    private Hashes? Of(string path)
    {
        if (files.TryGetValue(path, out var kept) && !kept.Changed.HasChanged) return kept;
        var provider = environment.WebRootFileProvider;
        // Watched before it is read: a change while it is hashed is seen by the next call.
        var changed = provider.Watch(path);
        var file = provider.GetFileInfo(path);
        if (!file.Exists) return null;
        byte[] content;
        using (var stream = file.CreateReadStream())
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            content = copy.ToArray();
        }
        var hashes = new Hashes("sha384-" + Convert.ToBase64String(SHA384.HashData(content)),
            WebEncoders.Base64UrlEncode(SHA256.HashData(content)), changed);
        files[path] = hashes;
        return hashes;
    }
}
