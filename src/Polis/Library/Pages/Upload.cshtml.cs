using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Ingest;
using Polis.Reference.Contracts;

namespace Polis.Library.Pages;

[Authorize(LibraryPermissions.Edit)]
public sealed class UploadModel(UploadFile uploader, DocumentQueries queries, IngestLimits limits, IReferenceDirectory reference, Viewer viewer) : PageModel
{
    public DocumentView Document { get; private set; } = null!;
    [BindProperty] public string Language { get; set; } = "en";
    [BindProperty] public string? OtherLanguage { get; set; }
    [BindProperty] public string? EditionTitle { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    public string? Problem { get; private set; }
    /// <summary>False when the write rule refuses this viewer: the page says why and offers no form (403).</summary>
    public bool MayUpload { get; private set; } = true;
    public long MaxMegabytes => limits.MaxBytes / 1024 / 1024;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await queries.GetAsync(id, viewer, ct) is not { } d) return NotFound();
        Document = d;
        if (WriteRule.Check(viewer, WriteAction.Edit, d.WriteTarget()) == WriteRule.Verdict.NotYours)
        {
            Problem = await SaveDocument.RefusalAsync(reference, WriteAction.Edit, WriteRule.Verdict.NotYours, d.Owner, ct);
            MayUpload = false;
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await queries.GetAsync(id, viewer, ct) is not { } d) return NotFound();
        Document = d;
        if (Upload is null || Upload.Length == 0)
        {
            Problem = Text.LibraryFileMissing;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var language = string.IsNullOrWhiteSpace(OtherLanguage) ? Language : OtherLanguage;
        await using var stream = Upload.OpenReadStream();
        var result = await uploader.UploadAsync(id, language, EditionTitle, stream, Upload.FileName, viewer, ct);
        if (result.Succeeded)
        {
            TempData["Notice"] = Text.LibraryUploaded;
            return LocalRedirect($"/library/documents/{id}");
        }
        Problem = result.Conflict ? Text.LibraryStale : string.Join(" ", result.Errors.SelectMany(e => e.Value));
        MayUpload = !result.Forbidden;
        Response.StatusCode = result.Forbidden ? StatusCodes.Status403Forbidden
            : result.Conflict ? StatusCodes.Status409Conflict
            : result.Status ?? StatusCodes.Status400BadRequest;
        return Page();
    }
}
