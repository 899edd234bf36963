using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Polis.Accounts.Contracts;
using Polis.Data;

namespace Polis.Platform;

/// <summary>
/// Output caching of what anonymous readers see (docs/performance.md "Anonymous page cache"). An endpoint opts in
/// with <c>[OutputCache(PolicyName = PageCache.Anonymous)]</c> or <c>.CacheOutput(PageCache.Anonymous)</c>; only
/// answers that depend on nothing but the URL, the language and the stored data may (no per-viewer content, no
/// antiforgery token, no side effect such as a download count).
/// <list type="bullet">
/// <item>Only GET and HEAD requests that carry no credentials at all are served from or stored in the cache: no
/// cookie but the language cookie (a sign-in, antiforgery or notice cookie bypasses it), no Authorization header, no
/// access token in the query. A signed-in viewer therefore never meets an anonymous page, and an anonymous page only
/// ever holds what the access rule shows to anonymous readers.</item>
/// <item>Varies by the whole query and by the request's culture (cookie or Accept-Language, as resolved).</item>
/// <item>Stores only a 200 answer without Set-Cookie, computed by a request that stayed anonymous and during which no
/// data changed.</item>
/// <item>Every entry is dropped when anything is saved or the search index takes in changes (<see cref="DataChanges"/>),
/// and expires after <see cref="Lifetime"/> in any case.</item>
/// </list>
/// </summary>
public static class PageCache
{
    /// <summary>The policy name endpoints opt in with.</summary>
    public const string Anonymous = "polis-anonymous";

    /// <summary>The tag every entry carries (all are evicted together).</summary>
    public const string Tag = "polis-data";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>Cookies that do not make a request personal: the interface language only.</summary>
    private static readonly string[] NeutralCookies = [CookieRequestCultureProvider.DefaultCookieName];

    private static readonly object GenerationKey = new();

    public static IServiceCollection AddPolisPageCache(this IServiceCollection services)
    {
        services.AddOutputCache(o =>
        {
            o.AddPolicy(Anonymous, new AnonymousPolicy());
            o.SizeLimit = 64L * 1024 * 1024;
            o.MaximumBodySize = 2L * 1024 * 1024;
        });
        return services;
    }

    /// <summary>Evicts every cached page whenever data changes; call once the services are built.</summary>
    public static void EvictOnChange(IServiceProvider services)
    {
        var store = services.GetRequiredService<IOutputCacheStore>();
        services.GetRequiredService<DataChanges>().Changed += _ =>
            store.EvictByTagAsync(Tag, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Whether a request is one the cache may answer or keep: anonymous in every way.</summary>
    public static bool IsAnonymousRequest(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return false;
        if (request.HttpContext.User.Identity?.IsAuthenticated == true) return false;
        if (!StringValues.IsNullOrEmpty(request.Headers.Authorization)) return false;
        if (request.Query.ContainsKey(AccessTokens.QueryParameter)) return false;
        foreach (var name in request.Cookies.Keys)
            if (!NeutralCookies.Contains(name, StringComparer.Ordinal)) return false;
        return true;
    }

    private sealed class AnonymousPolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var anonymous = IsAnonymousRequest(http.Request);
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = anonymous;
            context.AllowCacheStorage = anonymous;
            context.AllowLocking = true;
            context.CacheVaryByRules.QueryKeys = "*";
            context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentCulture.Name + "|" + CultureInfo.CurrentUICulture.Name;
            context.ResponseExpirationTimeSpan = Lifetime;
            context.Tags.Add(Tag);
            http.Items[GenerationKey] = http.RequestServices.GetRequiredService<DataChanges>().Generation;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var response = http.Response;
            if (response.StatusCode != StatusCodes.Status200OK
                || !StringValues.IsNullOrEmpty(response.Headers.SetCookie)
                || http.User.Identity?.IsAuthenticated == true
                || http.Items[GenerationKey] is not long before
                || before != http.RequestServices.GetRequiredService<DataChanges>().Generation)
            {
                context.AllowCacheStorage = false;
            }
            return ValueTask.CompletedTask;
        }
    }
}
