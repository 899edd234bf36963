using Polis.Platform;

namespace Polis.Home;

/// <summary>The home page (counts that modules add through <see cref="Contracts.IHoldingsSource"/>) and the error pages.</summary>
public sealed class HomeModule : PolisModule
{
    public override string Name => "home";

    public override IEnumerable<NavigationEntry> Navigation => [new("/", () => Text.NavHome, 0)];

    public override IEnumerable<string> PublicRoutes => ["/", "/error/{status:int?}"];

    public override IEnumerable<string> WarmUpPaths => ["/"];
}
