using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Polis.Platform;
using Polis.Searching.Contracts;

namespace Polis.Activities;

/// <summary>
/// The registry of police-related activities: who does what, for whom, when, with what money; its pages, API, search,
/// CSV, demo data. The first module built on the module platform (docs/modules.md, docs/activities.md).
/// </summary>
public sealed class ActivitiesModule : PolisModule
{
    public override string Name => "activities";

    public override IReadOnlyDictionary<string, string[]> Permissions => ActivityPermissions.Roles;

    public override void AddServices(ModuleServices module)
    {
        var services = module.Services;
        services.AddScoped<SaveActivity>();
        services.AddScoped<ActivityQueries>();
        services.AddScoped<ISearchSource, ActivitiesSearchSource>();
        module.AddActivityInsights();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapActivitiesApi();
        app.MapActivityInsightsApi();
    }

    public override void ConfigurePages(PageConventionCollection pages) =>
        pages.AddPageRoute("/Activities/Pages/Edit", "activities/new");

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/activities", () => Text.NavActivities, 30),
    ];

    public override IEnumerable<ApiTag> ApiTags =>
        [new("Activities", "The registry of police-related activities: who does what, for whom, when, with what money.")];

    public override IEnumerable<string> PublicRoutes =>
    [
        "/activities", "/activities/{id:guid}",
        ActivitiesApi.Root, ActivitiesApi.Root + "/{id:guid}", ActivitiesApi.Root + "/search",
    ];
}
