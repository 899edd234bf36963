using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Polis.Data;

namespace Polis.Platform;

/// <summary>
/// The site's own address for every absolute link Polis writes (OAI-PMH baseURL, Atom links, OpenAPI servers, permanent
/// links, e-mails): <c>Polis:PublicUrl</c> when set. When it is not set, the request's host is used only when it can be
/// trusted: <c>AllowedHosts</c> names the hosts (host filtering has already refused any other), or the host is a loopback
/// name; otherwise links name <c>localhost</c>, never a Host header a stranger chose (docs/deploying.md).
/// </summary>
public sealed class PublicUrl
{
    public const string Setting = "Polis:PublicUrl";

    private readonly string? configured;
    private readonly bool hostsFiltered;

    private PublicUrl(string? configured, bool hostsFiltered)
    {
        this.configured = configured;
        this.hostsFiltered = hostsFiltered;
    }

    /// <summary>The configured address without a trailing slash (null: not set).</summary>
    public string? Configured => configured;

    public static PublicUrl From(IConfiguration configuration)
    {
        var allowed = (configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var filtered = allowed.Length > 0 && !allowed.Contains("*", StringComparer.Ordinal);
        if (configuration[Setting] is not { Length: > 0 } value) return new PublicUrl(null, filtered);
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(uri.Host) || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new PolisConfigurationException(Setting,
                $"'{value}' is not an absolute http or https address without query or fragment (for example https://polis.example.org).");
        return new PublicUrl(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'), filtered);
    }

    /// <summary>Scheme, host and path base of the site as seen by readers, without a trailing slash.</summary>
    public string For(HttpRequest request)
    {
        if (configured is not null) return configured;
        var host = request.Host;
        var trusted = host.HasValue && (hostsFiltered || IsLoopback(host.Host));
        return $"{request.Scheme}://{(trusted ? host.Value : "localhost")}{request.PathBase}";
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
}
