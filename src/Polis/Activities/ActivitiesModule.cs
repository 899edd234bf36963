using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
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
        services.AddScoped<StoreActivities>();
        services.AddScoped<ActivityQueries>();
        services.AddScoped<ISearchSource, ActivitiesSearchSource>();
        services.AddScoped<Csv.ImportActivities>();
        services.AddScoped<Demo.DemoActivities>();
        services.AddScoped<Demo.ActivityGenerator>();
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
        ActivitiesApi.Root + "/export.csv", ActivitiesApi.Root + "/export.xlsx",
    ];

    public override IEnumerable<System.CommandLine.Command> Commands(CommandHost host) => [Demo.ActivityGenerator.Command(host), Overlaps.OverlapFeatureRebuild.Command(host)];

    public override async Task SeedAsync(SeedContext seed, CancellationToken ct)
    {
        if (!seed.Demo) return;
        seed.Report(await seed.Services.GetRequiredService<Demo.DemoActivities>().SeedAsync(ct), "demo activities");
    }

    public override async Task<AccessProbe?> CreateRestrictedMarkerAsync(IServiceProvider services, string marker, AccessGrant party, CancellationToken ct)
    {
        var word = AccessProbe.SearchWord(marker);
        var owner = party.OrganisationCode ?? "SEC";
        var input = new ActivityInput
        {
            Title = $"{marker} {word}",
            Description = $"{marker} {word}",
            Owner = owner,
            Type = ActivityType.Workshop,
            StartsOn = new DateOnly(2013, 5, 14),
            EndsOn = new DateOnly(2013, 5, 16),
            States = ["KG"],
            Priorities = ["PoliceDevelopmentAndReform"],
            Access = AccessLevel.Restricted,
            AllowedParties = [party.ToString()],
        };
        var created = await services.GetRequiredService<SaveActivity>().CreateAsync(input, Viewer.System, ct);
        if (!created.Succeeded) throw new InvalidOperationException("activity marker not created: " + string.Join("; ", created.Errors.SelectMany(e => e.Value)));
        return new AccessProbe([created.Id!.Value.ToString()], ["q=" + word, "year=2013", "state=KG", "structure=" + owner]);
    }
}
