using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Platform;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Security;

public sealed class EveryEndpointHasAPolicy(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public void Every_endpoint_names_its_authorization_policy()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var unnamed = endpoints
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is { Length: > 0 } || a.Roles is { Length: > 0 }))
            .Select(e => e.RoutePattern.RawText ?? e.DisplayName)
            .ToList();
        Assert.True(unnamed.Count == 0, "endpoints without a named policy: " + string.Join(", ", unnamed));
    }

    [Fact]
    public void The_public_endpoints_are_exactly_what_the_modules_declare_and_this_test_reviews()
    {
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        Assert.Empty(catalog.CheckEndpoints(endpoints, AccountPermissions.Public, Polis.Web.PolisHost.PublicRoutes));
        var isPublic = endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == AccountPermissions.Public))
            .Select(e => ModuleCatalog.Normalise(e.RoutePattern.RawText ?? ""))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(catalog.PublicRoutes.Concat(Polis.Web.PolisHost.PublicRoutes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), isPublic);
        foreach (var module in catalog.Modules)
        {
            var reviewed = PublicEndpoints.Reviewed.TryGetValue(module.Name, out var r) ? r : [];
            var unreviewed = module.PublicRoutes.Except(reviewed, StringComparer.Ordinal).ToList();
            Assert.True(unreviewed.Count == 0, $"module '{module.Name}' makes these routes public without review here: {string.Join(", ", unreviewed)}");
        }
    }
}

/// <summary>
/// The public routes each module declares, reviewed: a module that opens a route to anonymous callers adds it to its
/// descriptor's PublicRoutes (start-up refuses an undeclared one), and the reviewer adds it here.
/// </summary>
internal static class PublicEndpoints
{
    public static readonly IReadOnlyDictionary<string, string[]> Reviewed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["home"] = ["/", "/error/{status:int?}"],
        // forgot/reset: anyone may ask for a reset link (the same answer whatever the address) and use one (the token decides).
        ["accounts"] = ["/account/login", "/account/logout", "/account/denied", "/account/forgot", "/account/reset", "/api/v1/account/me"],
        ["reference"] = ["/api/v1/reference/states", "/api/v1/reference/executive-structures", "/api/v1/reference/thematic-priorities",
            "/api/v1/reference/lines-of-action"],
        ["library"] = ["/api/v1/library/search", "/api/v1/library/documents/{id:guid}", "/library/files/{id:guid}", "/library/files/{id:guid}/preview", "/library", "/library/search",
            "/library/documents/{id:guid}", "/oai", "/library/feed.atom", "/library/feed", "/d/{id:guid}", "/d/{**key}", "/library/documents/{id:guid}/cite.bib",
            "/library/documents/{id:guid}/cite.ris", "/library/documents/{id:guid}/cite.json"],
        ["activities"] = ["/activities", "/activities/{id:guid}", "/api/v1/activities", "/api/v1/activities/{id:guid}", "/api/v1/activities/search",
            "/api/v1/activities/export.csv", "/api/v1/activities/export.xlsx"],
        // One search box for every module: each hit re-checked by its own module (SearchingActivitiesWithTheLibrary).
        ["search"] = ["/search", "/api/v1/search"],
    };
}
