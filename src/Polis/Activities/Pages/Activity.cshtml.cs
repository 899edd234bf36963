using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Reference.Contracts;

namespace Polis.Activities.Pages;

/// <summary>
/// One activity, in the reader's language when it has a translation in it (<c>?language=ru</c> to choose). A signed-in
/// reader also sees the possible overlaps with other structures' activities they may see (after a save too, since
/// the editor lands here), each explained.
/// </summary>
[Authorize(AccountPermissions.Public)]
public sealed class ActivityModel(ActivityQueries queries, IReferenceDirectory reference, Viewer viewer, Overlaps.OverlapCheck overlaps) : PageModel
{
    public ActivityView Activity { get; private set; } = null!;
    public ActivityTextView Shown { get; private set; } = null!;
    public ReferenceNames Names { get; private set; } = ReferenceNames.None;
    public bool CanEdit { get; private set; }
    public IReadOnlyList<Overlaps.OverlapWarning> Warnings { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery] string? language, [FromServices] IAuthorizationService authorization, CancellationToken ct)
    {
        if (await queries.GetAsync(id, viewer, ct) is not { } activity) return NotFound();
        Activity = activity;
        Shown = activity.TextIn(language is { Length: > 0 } ? language : CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        Names = await reference.NamesAsync(CultureInfo.CurrentUICulture, ct);
        CanEdit = (await authorization.AuthorizeAsync(User, ActivityPermissions.Edit)).Succeeded && viewer.Allows(WriteAction.Edit, activity.WriteTarget());
        if (viewer.IsSignedIn) Warnings = await overlaps.ForAsync(id, ct) ?? [];
        return Page();
    }
}
