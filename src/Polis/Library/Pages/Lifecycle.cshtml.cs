using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;

namespace Polis.Library.Pages;

/// <summary>
/// The life-cycle buttons of the document page post here: publish, withdraw (with a reason), delete. The use case
/// applies the write rule; a refusal answers 403 with the reason, an invisible document 404.
/// </summary>
[Authorize(LibraryPermissions.Edit)]
public sealed class LifecycleModel(DocumentLifecycle lifecycle, DocumentQueries queries, Viewer viewer) : PageModel
{
    public Guid Id { get; private set; }
    public string? Title { get; private set; }
    [BindProperty] public string? Reason { get; set; }
    /// <summary>Why the change was refused or could not be made.</summary>
    public string? Problem { get; private set; }
    public bool Withdrawing { get; private set; }

    public IActionResult OnGet(Guid id) => LocalRedirect($"/library/documents/{id}");

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) =>
        AnswerAsync(id, lifecycle.PublishAsync(id, viewer, ct), Text.LibraryNoticePublished, ct);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
    {
        Withdrawing = true;
        return AnswerAsync(id, lifecycle.WithdrawAsync(id, Reason, viewer, ct), Text.LibraryNoticeWithdrawn, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var result = await lifecycle.DeleteAsync(id, viewer, ct);
        if (result.Succeeded)
        {
            TempData["Notice"] = Text.LibraryNoticeDeleted;
            return LocalRedirect("/library");
        }
        return await ProblemAsync(id, result, ct);
    }

    private async Task<IActionResult> AnswerAsync(Guid id, Task<SaveResult> change, string notice, CancellationToken ct)
    {
        var result = await change;
        if (!result.Succeeded) return await ProblemAsync(id, result, ct);
        TempData["Notice"] = notice;
        return LocalRedirect($"/library/documents/{id}");
    }

    private async Task<IActionResult> ProblemAsync(Guid id, SaveResult result, CancellationToken ct)
    {
        if (result.NotFound) return NotFound();
        Id = id;
        Title = (await queries.GetAsync(id, viewer, ct))?.Title;
        Problem = result.Forbidden ? result.Reason : string.Join(" ", result.Errors.SelectMany(e => e.Value));
        Response.StatusCode = result.Forbidden ? StatusCodes.Status403Forbidden
            : result.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        if (result.Conflict) Problem = Text.LibraryStale;
        return Page();
    }
}
