using System.CommandLine;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;
using Polis.Accounts.Contracts;

namespace Polis.Platform;

/// <summary>
/// A module declares itself once: its services and settings, endpoints, page routes, permissions, navigation,
/// OpenAPI tags, public routes, command-line verbs and seed data. The host knows no module; it walks
/// <see cref="PolisModules.All"/>. Override only what the module has. See docs/modules.md.
/// </summary>
public abstract class PolisModule
{
    /// <summary>Lower-case name: the command group (<c>polis library …</c>), the endpoints' module tag, log and error messages.</summary>
    public abstract string Name { get; }

    /// <summary>Permission → roles that hold it by default. Accounts turns each into an authorization policy.</summary>
    public virtual IReadOnlyDictionary<string, string[]> Permissions { get; } = new Dictionary<string, string[]>();

    /// <summary>Services, settings (validated: throw <see cref="Data.PolisConfigurationException"/>), health checks.</summary>
    public virtual void AddServices(ModuleServices module) { }

    /// <summary>API, feeds and other endpoints. They are mapped in a group that carries the module's name.</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder app) { }

    /// <summary>Middleware that must run right after authentication (before authorization), e.g. refusing a bad credential.</summary>
    public virtual void AfterAuthentication(Microsoft.AspNetCore.Builder.IApplicationBuilder app) { }

    /// <summary>Extra routes for Razor pages (pages themselves are found in the module's folder).</summary>
    public virtual void ConfigurePages(PageConventionCollection pages) { }

    /// <summary>Entries of the main navigation.</summary>
    public virtual IEnumerable<NavigationEntry> Navigation => [];

    /// <summary>OpenAPI tags the module's endpoints use, with their descriptions.</summary>
    public virtual IEnumerable<ApiTag> ApiTags => [];

    /// <summary>
    /// Route patterns open to anonymous callers (the Public policy), exactly as mapped. A public route no module
    /// declares stops start-up; the module's tests review the list.
    /// </summary>
    public virtual IEnumerable<string> PublicRoutes => [];

    /// <summary>Command-line verbs, grouped under <c>polis {Name}</c>.</summary>
    public virtual IEnumerable<Command> Commands(CommandHost host) => [];

    /// <summary>Verbs of <see cref="Commands"/> also reachable at the top level (<c>polis import</c>), kept for old scripts.</summary>
    public virtual IEnumerable<string> TopLevelAliases => [];

    /// <summary>
    /// Reference data (always) and demo data (when <see cref="SeedContext.Demo"/>); must be idempotent. Outside demo mode a
    /// seed declares the rows it made sure exist (<see cref="SeedContext.Ensure"/>), or calls
    /// <see cref="SeedContext.SeedEveryTime"/> when it does anything else: a start skips the seeds while every declared row
    /// is still there (<see cref="SeedCheck"/>).
    /// </summary>
    public virtual Task SeedAsync(SeedContext seed, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Anonymous GET paths the server asks itself for in the background right after it starts (StartupWarming), so
    /// that the first readers do not pay for opening the index, compiling queries and views. Side-effect free only.
    /// </summary>
    public virtual IEnumerable<string> WarmUpPaths => [];

    /// <summary>Runs once when the server starts, before it listens; throw <see cref="PolisStartupException"/> to stop it.</summary>
    public virtual void OnStarting(IServiceProvider services) { }

    /// <summary>A record that only a party no test user holds may read, for the access sweep (tests/Polis.Tests/Security).</summary>
    public virtual Task<AccessProbe?> CreateRestrictedMarkerAsync(IServiceProvider services, string marker, AccessGrant party, CancellationToken ct) =>
        Task.FromResult<AccessProbe?>(null);
}

/// <summary>One entry of the main navigation. <paramref name="Label"/> is read per request (it is localised).</summary>
public sealed record NavigationEntry(string Href, Func<string> Label, int Order, Func<Viewer, bool>? Visible = null)
{
    public bool IsVisibleTo(Viewer viewer) => Visible?.Invoke(viewer) ?? true;
}

/// <summary>An OpenAPI tag and what it covers.</summary>
public sealed record ApiTag(string Name, string Description);

/// <summary>
/// A module's restricted marker record as its routes name it: route values to fill in (every value is tried in every
/// route parameter, so a document id and a file id may both be "id"), and query strings that make list routes show it
/// (a search for the marker word, an OAI-PMH request …).
/// </summary>
public sealed record AccessProbe(IReadOnlyList<string> RouteValues, IReadOnlyList<string> QueryStrings)
{
    /// <summary>
    /// The word to search for: the marker reversed. The record holds both; query strings carry only this word, so a page
    /// that echoes the query (a search box, a sign-in link's return address) never shows the marker itself.
    /// </summary>
    public static string SearchWord(string marker) => new([.. marker.Reverse()]);
}

/// <summary>The endpoint metadata naming the module that mapped an endpoint.</summary>
public sealed record PolisModuleMetadata(string Module);

/// <summary>Start-up cannot go on (the data folder's index is held by another server …): one line, an exit code.</summary>
public sealed class PolisStartupException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
