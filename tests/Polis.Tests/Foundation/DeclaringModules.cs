using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Platform;

namespace Polis.Tests.Foundation;

/// <summary>The catalog of modules refuses what would make two modules collide, naming the module (ADR 8).</summary>
public sealed class DeclaringModules
{
    private sealed class Module(string name, string[]? permissions = null, Action<IEndpointRouteBuilder>? map = null,
        Action<ModuleServices>? services = null, string[]? publicRoutes = null) : PolisModule
    {
        public override string Name => name;
        public override IReadOnlyDictionary<string, string[]> Permissions { get; } =
            (permissions ?? []).ToDictionary(p => p, _ => new[] { Role.Administrator });
        public override void MapEndpoints(IEndpointRouteBuilder app) => map?.Invoke(app);
        public override void AddServices(ModuleServices module) => services?.Invoke(module);
        public override IEnumerable<string> PublicRoutes => publicRoutes ?? [];
    }

    private static readonly PolisStorage Storage = new(DatabaseProvider.Sqlite, "Data Source=:memory:", Path.GetTempPath());

    [Fact]
    public void A_module_registered_twice_stops_start_up_naming_it()
    {
        var e = Assert.Throws<PolisConfigurationException>(() => new ModuleCatalog([new Module("events"), new Module("events")]));
        Assert.Equal("events", e.Module);
        Assert.Contains("(module 'events')", e.Message, StringComparison.Ordinal);
        Assert.Contains("registered twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_permission_two_modules_declare_stops_start_up_naming_both()
    {
        var e = Assert.Throws<PolisConfigurationException>(() =>
            new ModuleCatalog([new Module("events", ["Events.Edit"]), new Module("training", ["Events.Edit"])]));
        Assert.Equal("training", e.Module);
        Assert.Contains("'Events.Edit' is also declared by module 'events'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_setting_out_of_range_names_the_module_and_the_setting()
    {
        var catalog = new ModuleCatalog([new Module("events", services: _ =>
            throw new PolisConfigurationException("Polis:Events:DaysAhead", "0 is out of range; use 1 to 365."))]);
        var e = Assert.Throws<PolisConfigurationException>(() =>
            catalog.AddServices(new ServiceCollection(), new ConfigurationBuilder().Build(), Storage));
        Assert.Equal("Configuration error in 'Polis:Events:DaysAhead' (module 'events'): 0 is out of range; use 1 to 365.", e.Message);
    }

    [Fact]
    public async Task A_route_two_modules_map_and_an_undeclared_public_route_are_reported_naming_the_modules()
    {
        var catalog = new ModuleCatalog(
        [
            new Module("events", map: a => a.MapGet("/api/v1/calendar", () => "events").RequireAuthorization("Public"), publicRoutes: ["/api/v1/calendar"]),
            new Module("training", map: a =>
            {
                a.MapGet("/api/v1/calendar", () => "training").RequireAuthorization("Public");
                a.MapGet("/api/v1/courses", () => "courses").RequireAuthorization("Public");
                a.MapGet("/api/v1/courses/mine", () => "mine").RequireAuthorization("Signed");
            }),
        ]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddRouting();
        await using var app = builder.Build();
        catalog.MapEndpoints(app);
        var problems = catalog.CheckEndpoints(((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints), "Public", []);
        Assert.Contains(problems, p => p.Contains("GET /api/v1/calendar is mapped more than once", StringComparison.Ordinal)
            && p.Contains("'events'", StringComparison.Ordinal) && p.Contains("'training'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("/api/v1/courses is public", StringComparison.Ordinal) && p.Contains("'training'", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("/api/v1/courses/mine", StringComparison.Ordinal));
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Polis_itself_declares_every_module_once_and_its_routes_cleanly()
    {
        var catalog = new ModuleCatalog(PolisModules.All);
        Assert.Equal(PolisModules.All.Count, catalog.Modules.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(catalog.Navigation, n => n.Href == "/library");
        Assert.Contains(catalog.ApiTags, t => t.Name == "Library");
        Assert.Contains(catalog.Permissions, p => p.Key == "Library.Edit");
        _ = HttpMethods.Get;
    }
}
