using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts;
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
    public void The_public_endpoints_are_exactly_the_allow_list()
    {
        string[] allowed = ["/", "/account/login", "/account/logout", "/account/denied", "/error/{status:int?}", "/health",
            "/language/{code}", "/openapi/{documentName}.json", "/api/v1/account/me", "/{*path:nonfile}",
            "/api/v1/reference/states", "/api/v1/reference/executive-structures", "/api/v1/reference/thematic-priorities", "/api/v1/reference/lines-of-action",
            .. PublicEndpoints.Extra];
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var isPublic = endpoints
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == AccountPermissions.Public))
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(allowed.Order(StringComparer.Ordinal), isPublic);
    }
}

/// <summary>Public endpoints that modules add; each addition is a reviewed change to this list.</summary>
internal static class PublicEndpoints
{
    public static readonly string[] Extra = ["/api/v1/library/search", "/api/v1/library/documents/{id:guid}", "/library/files/{id:guid}", "/library", "/library/search", "/library/documents/{id:guid}", "/oai", "/library/feed.atom"];
}
