using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Home.Contracts;
using Polis.Reference.Contracts;

namespace Polis.Home;

[Authorize(AccountPermissions.Public)]
[OutputCache(PolicyName = Platform.PageCache.Anonymous)]
public sealed class IndexModel(IReferenceDirectory reference, IEnumerable<IHoldingsSource> holdings, Accounts.Contracts.Viewer viewer, Platform.ChangeAwareCache cache) : PageModel
{
    public ReferenceSummary Summary { get; private set; } = null!;
    public IReadOnlyList<ReferenceOption> Priorities { get; private set; } = [];
    public IReadOnlyList<ReferenceOption> Lines { get; private set; } = [];
    public IReadOnlyList<Holding> Holdings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Summary = await reference.SummaryAsync(ct);
        Priorities = await reference.ThematicPrioritiesAsync(CultureInfo.CurrentUICulture, ct);
        Lines = await reference.LinesOfActionAsync(CultureInfo.CurrentUICulture, ct);
        // Counted once per change of the data, per interface language (the labels) and access set.
        Holdings = await cache.GetAsync($"holdings|{CultureInfo.CurrentUICulture.Name}|{Platform.ChangeAwareCache.AccessSet(viewer)}", async () =>
        {
            var counted = new List<Holding>();
            foreach (var source in holdings) counted.Add(await source.CountAsync(viewer, ct));
            return (IReadOnlyList<Holding>)counted;
        });
    }
}
