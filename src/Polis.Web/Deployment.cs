using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;
using Polis.Data;

namespace Polis.Web;

/// <summary>
/// What running behind a reverse proxy and in front of caches needs (docs/deploying.md): the proxies whose
/// X-Forwarded-For and X-Forwarded-Proto are believed (<c>Polis:KnownProxies</c>; none by default, so a client cannot
/// claim HTTPS or another address), and <c>Cache-Control: private, no-store</c> on every answer that is not public.
/// </summary>
internal static class Deployment
{
    public const string KnownProxiesSetting = "Polis:KnownProxies";

    /// <summary>The proxies as networks (an address is a network of one); either a comma list or an array.</summary>
    public static IReadOnlyList<IPNetwork> KnownProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection(KnownProxiesSetting);
        var items = section.GetChildren().Select(c => c.Value).Where(v => v is not null).Cast<string>().ToList();
        if (items.Count == 0 && section.Value is { } value) items = [value];
        var networks = new List<IPNetwork>();
        foreach (var entry in items.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else
                throw new PolisConfigurationException(KnownProxiesSetting,
                    $"'{entry}' is neither an IP address nor a network; list the reverse proxies as addresses or networks separated by commas, e.g. '10.0.0.5,10.1.0.0/16'.");
        }
        return networks;
    }

    public static void AddForwardedHeaders(this IServiceCollection services, IReadOnlyList<IPNetwork> proxies) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // With no proxy listed the middleware would believe every peer, so then it reads no header at all.
            o.ForwardedHeaders = proxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; Polis trusts only what is configured.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in proxies) o.KnownIPNetworks.Add(network);
        });

    /// <summary>
    /// Answers for a signed-in user or a token, account and administration pages, and anything setting a cookie are
    /// <c>private, no-store</c>: no shared cache or browser history keeps them. Anonymous answers show public records only
    /// and keep what their endpoint set (static files: long caching).
    /// </summary>
    public static IApplicationBuilder UsePrivateCaching(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var path = context.Request.Path;
            if (context.User.Identity?.IsAuthenticated == true
                || path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/api/v1/account", StringComparison.OrdinalIgnoreCase)
                || context.Response.Headers.SetCookie.Count > 0)
            {
                context.Response.Headers.CacheControl = "private, no-store";
                context.Response.Headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        await next();
    });
}
