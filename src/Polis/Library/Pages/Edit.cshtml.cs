using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Reference.Contracts;

namespace Polis.Library.Pages;

/// <summary>The editor form: the same <see cref="DocumentInput"/> and the same rules as the API.</summary>
[Authorize(LibraryPermissions.Edit)]
public sealed class EditModel(SaveDocument save, DocumentQueries queries, IReferenceDirectory reference, Viewer viewer) : PageModel
{
    [BindProperty] public DocumentInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public Guid? Id { get; private set; }
    public IReadOnlyList<ReferenceOption> Priorities { get; private set; } = [];
    public IReadOnlyList<ReferenceOption> States { get; private set; } = [];
    public bool Stale { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            if (await queries.GetAsync(existing, viewer, ct) is not { } d) return NotFound();
            Version = d.Version;
            Input = new DocumentInput
            {
                Title = d.Title, Symbol = d.Symbol, Type = d.Type, IssuingBody = d.IssuingBody, Series = d.Series, Volume = d.Volume,
                PublishedOn = d.PublishedOn, Priorities = [.. d.Priorities], SubAreas = [.. d.SubAreas], Countries = [.. d.Countries],
                Keywords = [string.Join(", ", d.Keywords)], Summary = d.Summary, Access = d.Access, AllowedParties = [string.Join(", ", d.AllowedParties)],
            };
        }
        await LoadOptionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (ModelState.IsValid)
        {
            var result = id is { } existing
                ? await save.UpdateAsync(existing, Version, Input, viewer, ct)
                : await save.CreateAsync(Input, viewer, ct);
            if (result.NotFound) return NotFound();
            if (result.Succeeded)
            {
                TempData["Notice"] = Text.LibrarySaved;
                return LocalRedirect($"/library/documents/{result.Id}");
            }
            Stale = result.Conflict;
            if (Stale) Response.StatusCode = StatusCodes.Status409Conflict;
            foreach (var (field, messages) in result.Errors)
                foreach (var m in messages) ModelState.AddModelError($"{nameof(Input)}.{field}", m);
        }
        if (!Stale) Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadOptionsAsync(ct);
        return Page();
    }

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        Priorities = await reference.ThematicPrioritiesAsync(CultureInfo.CurrentUICulture, ct);
        States = await reference.StatesAsync(CultureInfo.CurrentUICulture, includePartners: true, ct);
    }
}
