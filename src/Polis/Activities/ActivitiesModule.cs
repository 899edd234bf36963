using Polis.Platform;

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
        module.AddActivityInsights();
    }

    public override void MapEndpoints(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app) => app.MapActivityInsightsApi();

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/activities", () => Text.NavActivities, 30),
    ];

    public override IEnumerable<ApiTag> ApiTags =>
        [new("Activities", "The registry of police-related activities: who does what, for whom, when, with what money.")];
}
