using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Polis.Platform;
using Polis.Reference.Contracts;

namespace Polis.Reference;

/// <summary>Reference data: participating States and partners, executive structures, partner organisations, priorities, lines of action, instruments.</summary>
public sealed class ReferenceModule : PolisModule
{
    public override string Name => "reference";

    public override void AddServices(ModuleServices module)
    {
        module.Services.AddSingleton<ReferenceCache>();
        module.Services.AddScoped<ReferenceDirectory>();
        module.Services.AddScoped<IReferenceDirectory, CachedReferenceDirectory>();
        module.Services.AddScoped<IReferenceCodes, ReferenceCodes>();
        module.Services.AddScoped<ReferenceSeeder>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app) => app.MapReferenceApi();

    public override IEnumerable<ApiTag> ApiTags =>
        [new("Reference", "Reference data: participating States, executive structures, thematic priorities, lines of action.")];

    public override IEnumerable<string> PublicRoutes =>
    [
        "/api/v1/reference/states", "/api/v1/reference/executive-structures", "/api/v1/reference/thematic-priorities",
        "/api/v1/reference/lines-of-action",
    ];

    public override async Task SeedAsync(SeedContext seed, CancellationToken ct)
    {
        var seeder = seed.Services.GetRequiredService<ReferenceSeeder>();
        seed.Report(await seeder.SeedAsync(ct), "reference records");
        foreach (var keys in seeder.Ensured) seed.Ensure(keys);
    }
}
