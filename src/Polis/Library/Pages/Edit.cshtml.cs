using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Reference.Contracts;

namespace Polis.Library.Pages;

/// <summary>The editor form: the same <see cref="DocumentInput"/> and the same rules as the API.</summary>
[Authorize(LibraryPermissions.Edit)]
public sealed class EditModel(SaveDocument save, DocumentQueries queries, IReferenceDirectory reference, Viewer viewer) : PageModel
{
    // Checked by SaveDocument, every problem at once (not by MVC first and the use case after: one round of errors).
    [BindProperty, ValidateNever] public DocumentInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public Guid? Id { get; private set; }
    public IReadOnlyList<ReferenceOption> Priorities { get; private set; } = [];
    public IReadOnlyList<ReferenceOption> States { get; private set; } = [];
    public IReadOnlyList<ReferenceOption> Owners { get; private set; } = [];
    /// <summary>The issuing bodies to choose from: decision-making bodies, executive structures, partner organisations.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<ReferenceOption> Options)> IssuingBodies { get; private set; } = [];
    public bool Stale { get; private set; }
    /// <summary>Why the write rule refuses this viewer (the form is then not offered, or not saved); null when allowed.</summary>
    public string? Refused { get; private set; }
    public bool ShowForm { get; private set; } = true;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            if (await queries.GetAsync(existing, viewer, ct) is not { } d) return NotFound();
            if (WriteRule.Check(viewer, WriteAction.Edit, d.WriteTarget()) == WriteRule.Verdict.NotYours)
            {
                Refused = await SaveDocument.RefusalAsync(reference, WriteAction.Edit, WriteRule.Verdict.NotYours, d.Owner, ct);
                ShowForm = false;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            }
            Version = d.Version;
            Input = new DocumentInput
            {
                Title = d.Title,
                Symbol = d.Symbol,
                Type = d.Type,
                IssuingBody = d.IssuingBody,
                Series = d.Series,
                Volume = d.Volume,
                PublishedOn = d.PublishedOn,
                Priorities = [.. d.Priorities],
                SubAreas = [.. d.SubAreas],
                Countries = [.. d.Countries],
                Keywords = [string.Join(", ", d.Keywords)],
                Summary = d.Summary,
                Access = d.Access,
                AllowedParties = [string.Join(", ", d.AllowedParties)],
                Owner = d.Owner,
            };
        }
        else
        {
            Input = Input with { Owner = WriteRule.DefaultOwner(viewer) };
        }
        await LoadOptionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (!ModelState.IsValid)
        {
            // A value that could not be read (a number, a date): say so together with every other problem, and save nothing.
            // The input's own checks replace MVC's attribute messages ("The field Title must be a string with …"), which
            // name no field the way the form does; a value that could not be read is null, so it has no other problem.
            var current = id is { } e ? (await queries.GetAsync(e, viewer, ct))?.Owner : null;
            foreach (var (field, messages) in await save.ValidateAsync(Input, id, current, viewer, ct))
            {
                ModelState.Remove($"{nameof(Input)}.{field}");
                foreach (var m in messages) ModelState.AddModelError($"{nameof(Input)}.{field}", m);
            }
        }
        else
        {
            var result = id is { } existing
                ? await save.UpdateAsync(existing, Version, Input, viewer, ct)
                : await save.CreateAsync(Input, viewer, ct);
            if (result.NotFound) return NotFound();
            if (result.Forbidden)
            {
                Refused = result.Reason;
                ShowForm = id is null || WriteRule.Check(viewer, WriteAction.Edit, (await queries.GetAsync(id.Value, viewer, ct))!.WriteTarget()) != WriteRule.Verdict.NotYours;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                await LoadOptionsAsync(ct);
                return Page();
            }
            if (result.Succeeded)
            {
                TempData["Notice"] = id is null ? Text.LibrarySavedDraft : Text.LibrarySaved;
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
        var structures = await reference.ExecutiveStructuresAsync(CultureInfo.CurrentUICulture, ct);
        IssuingBodies =
        [
            (Text.LibraryDecisionMakingBodies, await reference.DecisionMakingBodiesAsync(CultureInfo.CurrentUICulture, ct)),
            (Text.LibraryExecutiveStructures, structures),
            (Text.LibraryPartnerOrganisations, await reference.PartnerOrganisationsAsync(CultureInfo.CurrentUICulture, ct)),
        ];
        // Editors choose among their own structures; coordinators and administrators among all (docs/access.md).
        Owners = viewer.IsAdministrator || viewer.IsInRole(Role.Coordinator)
            ? structures
            : [.. structures.Where(s => viewer.OrganisationCodes.Contains(s.Code, StringComparer.Ordinal) || s.Code == Input.Owner)];
    }

    /// <summary>What was typed in a field that could not be read (shown again with its error), or null.</summary>
    public string? Raw(string field) => ModelState.TryGetValue($"{nameof(Input)}.{field}", out var e) && e.Errors.Count > 0 ? e.AttemptedValue : null;

    /// <summary>Every error of the form, in the order of its fields, with the id of the field it belongs to.</summary>
    public IReadOnlyList<(string FieldId, string Label, string Message)> ErrorList =>
    [
        .. FormFields.SelectMany(f => ModelState.TryGetValue($"{nameof(Input)}.{f.Name}", out var e) && e is not null
            ? e.Errors.Select(x => (f.Id, f.Label, x.ErrorMessage)) : []),
        .. ModelState.Where(kv => kv.Value is { Errors.Count: > 0 } && FormFields.All(f => kv.Key != $"{nameof(Input)}.{f.Name}"))
            .SelectMany(kv => kv.Value!.Errors.Select(x => ("title", Text.LibraryFormErrors, x.ErrorMessage))),
    ];

    /// <summary>The fields of the form: property, element id, label (in the reader's language).</summary>
    public static IReadOnlyList<(string Name, string Id, string Label)> FormFields =>
    [
        (nameof(DocumentInput.Title), "title", Text.LibraryDocTitle),
        (nameof(DocumentInput.Symbol), "symbol", Text.LibrarySymbol),
        (nameof(DocumentInput.Type), "type", Text.LibraryType),
        (nameof(DocumentInput.PublishedOn), "published", Text.LibraryPublished),
        (nameof(DocumentInput.Owner), "owner", Text.LibraryOwner),
        (nameof(DocumentInput.IssuingBody), "body", Text.LibraryIssuingBody),
        (nameof(DocumentInput.Series), "series", Text.LibrarySeries),
        (nameof(DocumentInput.Volume), "volume", Text.LibraryVolume),
        (nameof(DocumentInput.Priorities), "priorities", Text.LibraryPriorities),
        (nameof(DocumentInput.SubAreas), "priorities", Text.LibrarySubAreas),
        (nameof(DocumentInput.Countries), "countries", Text.LibraryCountries),
        (nameof(DocumentInput.Keywords), "keywords", Text.LibraryKeywords),
        (nameof(DocumentInput.Summary), "summary", Text.LibrarySummary),
        (nameof(DocumentInput.Access), "access", Text.LibraryAccess),
        (nameof(DocumentInput.AllowedParties), "parties", Text.LibraryAllowedParties),
    ];

    /// <summary>Whether the chosen issuing body is one of <paramref name="code"/> (codes are stored upper-case, typed any way).</summary>
    public bool IsIssuingBody(string code) => string.Equals(Input.IssuingBody?.Trim(), code, StringComparison.OrdinalIgnoreCase);

    /// <summary>A body the record already names that no list offers (kept, so that saving does not drop it unseen).</summary>
    public string? UnlistedIssuingBody => string.IsNullOrWhiteSpace(Input.IssuingBody)
        || IssuingBodies.Any(g => g.Options.Any(o => IsIssuingBody(o.Code))) ? null : Input.IssuingBody.Trim();

}
