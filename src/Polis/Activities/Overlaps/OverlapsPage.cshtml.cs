using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Reference.Contracts;

namespace Polis.Activities.Overlaps;

/// <summary>The co-ordination page: possibly overlapping activities of a period, among those the reader may see.</summary>
[Authorize(AccountPermissions.SignedIn)]
public sealed class OverlapsPageModel(OverlapCheck check, IReferenceDirectory reference, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public DateOnly Start { get; private set; }
    public DateOnly End { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<OverlapPair> Pairs { get; private set; } = [];
    public ReferenceNames Names { get; private set; } = ReferenceNames.None;

    public async Task OnGetAsync(CancellationToken ct)
    {
        (Start, End) = ActivityInsightsApi.Period(From, To, clock);
        Names = await reference.NamesAsync(CultureInfo.CurrentUICulture, ct);
        if (!ModelState.IsValid || End < Start || End.DayNumber - Start.DayNumber > 3 * 366)
        {
            Error = Text.OverlapsBadPeriod;
            return;
        }
        Pairs = await check.PairsAsync(Start, End, ct);
    }
}
