using Polis.Accounts;
using Polis.Activities;
using Polis.Home;
using Polis.Library;
using Polis.Platform;
using Polis.Reference;
using Polis.Searching;

namespace Polis;

/// <summary>
/// The only place that knows every module: one line per module, in seeding order (reference data before the demo
/// accounts, accounts before the demo library). Everything else a module brings it declares itself (docs/modules.md).
/// </summary>
public static class PolisModules
{
    public static IReadOnlyList<PolisModule> All { get; } =
    [
        new ReferenceModule(),
        new AccountsModule(),
        new SearchingModule(),
        new HomeModule(),
        new LibraryModule(),
        new ActivitiesModule(),
    ];
}
