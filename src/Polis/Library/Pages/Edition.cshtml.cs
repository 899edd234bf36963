using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Reference.Contracts;

namespace Polis.Library.Pages;

/// <summary>An edition's title, summary and keywords in its own language: the same <see cref="EditionInput"/> and rules as the API.</summary>
[Authorize(LibraryPermissions.Edit)]
public sealed class EditionModel(DescribeEdition describe, DocumentQueries queries, IReferenceDirectory reference, Viewer viewer) : PageModel
{
    [BindProperty] public EditionInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public DocumentView Document { get; private set; } = null!;
    public string Language { get; private set; } = "";
    public bool Stale { get; private set; }
    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string language, CancellationToken ct)
    {
        if (await LoadAsync(id, language, ct) is { } missing) return missing;
        var edition = Document.EditionIn(Language)!;
        Version = Document.Version;
        Input = new EditionInput { Title = edition.Title, Summary = edition.Summary, Keywords = [string.Join(", ", edition.Keywords)] };
        if (WriteRule.Check(viewer, WriteAction.Edit, Document.WriteTarget()) == WriteRule.Verdict.NotYours)
        {
            Refused = await SaveDocument.RefusalAsync(reference, WriteAction.Edit, WriteRule.Verdict.NotYours, Document.Owner, ct);
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string language, CancellationToken ct)
    {
        if (await LoadAsync(id, language, ct) is { } missing) return missing;
        if (ModelState.IsValid)
        {
            var result = await describe.SaveAsync(id, Language, Version, Input, viewer, ct);
            if (result.NotFound) return NotFound();
            if (result.Succeeded)
            {
                TempData["Notice"] = Text.LibrarySaved;
                return LocalRedirect($"/library/documents/{id}?edition={Uri.EscapeDataString(Language)}");
            }
            if (result.Forbidden)
            {
                Refused = result.Reason;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            }
            Stale = result.Conflict;
            foreach (var (field, messages) in result.Errors)
                foreach (var m in messages) ModelState.AddModelError($"{nameof(Input)}.{field}", m);
        }
        Response.StatusCode = Stale ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, string language, CancellationToken ct)
    {
        if (await queries.GetAsync(id, viewer, ct) is not { } d || d.EditionIn(language) is not { } edition) return NotFound();
        Document = d;
        Language = edition.Language;
        return null;
    }

}
