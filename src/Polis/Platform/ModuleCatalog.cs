using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polis.Data;

namespace Polis.Platform;

/// <summary>
/// The modules of this Polis, checked once: no module twice, no permission declared by two modules. The host asks it
/// for everything module-specific; a singleton, so pages (the navigation) and the OpenAPI description read it too.
/// </summary>
public sealed class ModuleCatalog
{
    public ModuleCatalog(IEnumerable<PolisModule> modules)
    {
        Modules = [.. modules];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var module in Modules)
        {
            if (!seen.Add(module.Name))
                throw new PolisConfigurationException("PolisModules.All", "the module is registered twice.", module.Name);
        }
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var module in Modules)
        {
            foreach (var permission in module.Permissions.Keys)
            {
                if (owner.TryGetValue(permission, out var other))
                    throw new PolisConfigurationException("Permissions", $"the permission '{permission}' is also declared by module '{other}'.", module.Name);
                owner[permission] = module.Name;
            }
        }
    }

    public IReadOnlyList<PolisModule> Modules { get; }

    /// <summary>The largest file upload any module accepts (megabytes); 0 when no module takes uploads.</summary>
    public long UploadMegabytes { get; internal set; }

    /// <summary>The largest request body the server accepts: the largest upload plus 1 MB for the form, or 30 MB.</summary>
    public long RequestBodyLimit => UploadMegabytes > 0 ? (UploadMegabytes + 1) * 1024 * 1024 : 30L * 1024 * 1024;

    public IEnumerable<KeyValuePair<string, string[]>> Permissions => Modules.SelectMany(m => m.Permissions);

    public IEnumerable<NavigationEntry> Navigation => Modules.SelectMany(m => m.Navigation).OrderBy(n => n.Order);

    public IEnumerable<ApiTag> ApiTags => Modules.SelectMany(m => m.ApiTags);

    public IReadOnlySet<string> PublicRoutes => Modules.SelectMany(m => m.PublicRoutes).Select(Normalise).ToHashSet(StringComparer.Ordinal);

    /// <summary>A route pattern as the allow-list writes it: one leading slash.</summary>
    public static string Normalise(string pattern) => "/" + pattern.TrimStart('/');

    /// <summary>Registers every module's services; a bad setting stops start-up with the module and setting named.</summary>
    public void AddServices(IServiceCollection services, IConfiguration configuration, PolisStorage storage)
    {
        services.AddSingleton(this);
        foreach (var module in Modules)
        {
            try
            {
                module.AddServices(new ModuleServices(services, configuration, storage, this));
            }
            catch (PolisConfigurationException e) when (e.Module is null)
            {
                throw new PolisConfigurationException(e.Setting, e.Problem, module.Name);
            }
        }
    }

    /// <summary>Maps every module's endpoints in a group that names the module.</summary>
    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        foreach (var module in Modules)
        {
            var group = app.MapGroup("").WithMetadata(new PolisModuleMetadata(module.Name));
            try
            {
                module.MapEndpoints(group);
            }
            catch (PolisConfigurationException e) when (e.Module is null)
            {
                throw new PolisConfigurationException(e.Setting, e.Problem, module.Name);
            }
        }
    }

    /// <summary>
    /// Checks the mapped endpoints: one route per method and pattern, and public routes only where a module declares
    /// them. Returns the problems, one line each (empty when all is well).
    /// </summary>
    public IReadOnlyList<string> CheckEndpoints(IEnumerable<Endpoint> endpoints, string publicPolicy, IEnumerable<string> hostPublicRoutes)
    {
        var problems = new List<string>();
        var routes = endpoints.OfType<RouteEndpoint>().ToList();
        foreach (var clash in routes
                     .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (Method: m, Endpoint: e)))
                     .GroupBy(x => (x.Method, Pattern: Normalise(x.Endpoint.RoutePattern.RawText ?? "")))
                     .Where(g => g.Count() > 1))
        {
            var modules = clash.Select(x => x.Endpoint.Metadata.GetMetadata<PolisModuleMetadata>()?.Module ?? "the host").Distinct(StringComparer.Ordinal);
            problems.Add($"Route {clash.Key.Method} {clash.Key.Pattern} is mapped more than once (by module {string.Join(" and ", modules.Select(m => $"'{m}'"))}).");
        }
        var allowed = PublicRoutes.Concat(hostPublicRoutes.Select(Normalise)).ToHashSet(StringComparer.Ordinal);
        foreach (var endpoint in routes.Where(e => e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
                     .Any(a => a.Policy == publicPolicy)))
        {
            var pattern = Normalise(endpoint.RoutePattern.RawText ?? "");
            if (!allowed.Contains(pattern))
                problems.Add($"Route {pattern} is public (policy '{publicPolicy}') but no module declares it in PublicRoutes"
                    + (endpoint.Metadata.GetMetadata<PolisModuleMetadata>() is { } m ? $" (mapped by module '{m.Module}')." : "."));
        }
        return problems;
    }
}
