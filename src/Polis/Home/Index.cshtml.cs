using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts;
using Polis.Reference.Contracts;

namespace Polis.Home;

/// <summary>A count that a module adds to the home page ("1,204 documents in the library").</summary>
public sealed record Holding(string Key, long Count, string Label);

/// <summary>Modules that have something to count on the home page implement this.</summary>
public interface IHoldingsSource
{
    Task<Holding> CountAsync(Accounts.Contracts.Viewer viewer, CancellationToken ct);
}

[Authorize(AccountPermissions.Public)]
public sealed class IndexModel(IReferenceDirectory reference, IEnumerable<IHoldingsSource> holdings, Accounts.Contracts.Viewer viewer) : PageModel
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
        var counted = new List<Holding>();
        foreach (var source in holdings) counted.Add(await source.CountAsync(viewer, ct));
        Holdings = counted;
    }
}
