using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;

namespace Polis.Shared;

/// <summary>
/// Subresource-integrity hashes for the site's own scripts and styles, so a tampered file on a proxy or a CDN
/// in front of Polis is refused by the browser. Computed once per file version.
/// </summary>
public sealed class StaticAssets(IWebHostEnvironment environment)
{
    private readonly ConcurrentDictionary<(string Path, DateTimeOffset Modified), string> hashes = new();

    public string Integrity(string path)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists) return "";
        return hashes.GetOrAdd((path, file.LastModified), _ =>
        {
            using var stream = file.CreateReadStream();
            return "sha384-" + Convert.ToBase64String(SHA384.HashData(stream));
        });
    }
}
