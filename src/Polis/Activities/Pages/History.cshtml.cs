using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;

namespace Polis.Activities.Pages;

/// <summary>Every saved version of an activity with what changed, field by field (for its writers).</summary>
[Authorize(ActivityPermissions.Edit)]
public sealed class HistoryModel(ActivityQueries queries, Viewer viewer) : PageModel
{
    public ActivityView Activity { get; private set; } = null!;
    public IReadOnlyList<ActivityHistoryEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await queries.GetAsync(id, viewer, ct) is not { } activity || await queries.HistoryAsync(id, viewer, ct) is not { } entries) return NotFound();
        Activity = activity;
        Entries = entries;
        return Page();
    }
}
