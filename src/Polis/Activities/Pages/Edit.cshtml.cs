using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Library.Contracts;
using Polis.Reference.Contracts;
using Polis.Searching.Contracts;

namespace Polis.Activities.Pages;

/// <summary>Register and edit an activity: the same <see cref="ActivityInput"/> and the same one round of checks as the API.</summary>
[Authorize(ActivityPermissions.Edit)]
public sealed class EditModel(SaveActivity save, ActivityQueries queries, IReferenceDirectory reference, Viewer viewer,
    ILibraryCatalogue library, ISearchService search) : PageModel
{
    /// <summary>Rows the form offers for participants by state, budget lines and translations beyond those filled in.</summary>
    private const int SpareRows = 2;

    [BindProperty, ValidateNever] public ActivityInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public Guid? Id { get; private set; }
    public IReadOnlyList<ReferenceOption> Owners { get; private set; } = [];
    public IReadOnlyList<ReferenceOption> Priorities { get; private set; } = [];
    public IReadOnlyList<ReferenceOption> Lines { get; private set; } = [];
    public IReadOnlyList<ReferenceOption> States { get; private set; } = [];
    public ReferenceNames Names { get; private set; } = ReferenceNames.None;
    /// <summary>For a stale save: what the other writer changed since the version this form started from.</summary>
    public IReadOnlyList<FieldChange>? TheirChanges { get; private set; }
    public string? Refused { get; private set; }
    public bool ShowForm { get; private set; } = true;
    /// <summary>The words the editor searched the library for, to link documents.</summary>
    [BindProperty] public string? DocumentQuery { get; set; }
    /// <summary>The library documents found for <see cref="DocumentQuery"/> (those the editor may read), or null when none was asked.</summary>
    public IReadOnlyList<LibraryDocumentSummary>? DocumentHits { get; private set; }
    private Dictionary<Guid, LibraryDocumentSummary> linkedDocuments = [];

    /// <summary>At most this many library documents are offered per search.</summary>
    public const int MaxDocumentHits = 10;

    public int TranslationRows => (Input.Translations?.Length ?? 0) + 1;
    public int ParticipationRows => (Input.ParticipantsByState?.Length ?? 0) + SpareRows;
    public int BudgetRows => (Input.BudgetLines?.Length ?? 0) + SpareRows;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            if (await queries.GetAsync(existing, viewer, ct) is not { } a) return NotFound();
            if (WriteRule.Check(viewer, WriteAction.Edit, a.WriteTarget()) == WriteRule.Verdict.NotYours)
            {
                Refused = await save.RefusalAsync(WriteAction.Edit, WriteRule.Verdict.NotYours, a.Owner, ct);
                ShowForm = false;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            }
            Version = a.Version;
            Input = a.ToInput();
        }
        else
        {
            Input = new ActivityInput { Owner = WriteRule.DefaultOwner(viewer), Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName };
        }
        await LoadOptionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (!ModelState.IsValid)
        {
            // A value that could not be read (a number, a date, an amount) is reported with every other problem; nothing is saved.
            var current = id is { } e ? (await queries.GetAsync(e, viewer, ct))?.Owner : null;
            foreach (var (field, messages) in await save.ValidateAsync(Input, current, viewer, ct))
            {
                if (ModelState.TryGetValue($"{nameof(Input)}.{field}", out var entry) && entry.Errors.Count > 0 && IsUnreadable(entry)) continue;
                foreach (var m in messages) ModelState.AddModelError($"{nameof(Input)}.{field}", m);
            }
        }
        else
        {
            var result = id is { } existing ? await save.UpdateAsync(existing, Version, Input, viewer, ct) : await save.CreateAsync(Input, viewer, ct);
            if (result.NotFound) return NotFound();
            if (result.Succeeded)
            {
                TempData["Notice"] = Text.ActivitiesSaved;
                return LocalRedirect($"/activities/{result.Id}");
            }
            if (result.Forbidden)
            {
                Refused = result.Reason;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                await LoadOptionsAsync(ct);
                return Page();
            }
            if (result.Conflict)
            {
                // Nothing was saved. The form keeps this writer's input; saving it again (with the version now stored) replaces theirs knowingly.
                TheirChanges = result.TheirChanges;
                Version = result.CurrentVersion;
                Response.StatusCode = StatusCodes.Status409Conflict;
                await LoadOptionsAsync(ct);
                return Page();
            }
            foreach (var (field, messages) in result.Errors)
                foreach (var m in messages) ModelState.AddModelError($"{nameof(Input)}.{field}", m);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadOptionsAsync(ct);
        return Page();
    }

    /// <summary>
    /// Links or unlinks a library document, or searches the library for one, and shows the form again with everything
    /// typed so far: nothing is saved until the editor saves. The search goes through the search service and the
    /// library's contract, so only documents the editor may read are offered.
    /// </summary>
    public async Task<IActionResult> OnPostDocumentsAsync(Guid? id, [FromForm] string? link, [FromForm] string? unlink, CancellationToken ct)
    {
        Id = id;
        ModelState.Clear();   // no save was asked: the form is not checked yet
        var linked = Linked(Input);
        if (Guid.TryParse(unlink, out var removed)) linked.RemoveAll(l => l.Id == removed);
        if (link?.Split('|') is [var linkId, var linkRole] && Guid.TryParse(linkId, out var added) && Enum.TryParse<DocumentRole>(linkRole, out var role)
            && Enum.IsDefined(role) && (await library.FindAsync([added], viewer, ct)).Count == 1)
        {
            linked.RemoveAll(l => l.Id == added);
            linked.Add((added, role));
        }
        Input = Input with { Documents = [.. linked.Select(l => l.Id)], DocumentRoles = [.. linked.Select(l => l.Role)] };
        if (!string.IsNullOrWhiteSpace(DocumentQuery))
        {
            var text = DocumentQuery.Trim();
            var results = await search.SearchAsync(new ModuleSearch("library", text.Length > 200 ? text[..200] : text)
            {
                PageSize = MaxDocumentHits,
                UiLanguage = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            }, viewer, ct);
            var ids = results.Hits.Select(h => Guid.TryParse(h.Id, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
            var found = (await library.FindAsync(ids, viewer, ct)).ToDictionary(d => d.Id);
            DocumentHits = [.. ids.Where(found.ContainsKey).Select(g => found[g])];
        }
        await LoadOptionsAsync(ct);
        return Page();
    }

    /// <summary>The linked documents of the input, each once, with its role.</summary>
    public static List<(Guid Id, DocumentRole Role)> Linked(ActivityInput input) => SaveActivity.Linked(input);

    /// <summary>The title of a linked document as the library shows it to the editor (the id when it is not readable).</summary>
    public string DocumentTitle(Guid id) => linkedDocuments.TryGetValue(id, out var d) ? d.Title : id.ToString();

    public static string Format(string template, params object[] values) => string.Format(CultureInfo.CurrentCulture, template, values);

    private static bool IsUnreadable(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateEntry entry) =>
        entry.ValidationState == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid && entry.AttemptedValue is { Length: > 0 };

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var structures = await reference.ExecutiveStructuresAsync(culture, ct);
        Owners = viewer.IsAdministrator || viewer.IsInRole(Role.Coordinator)
            ? structures
            : [.. structures.Where(s => viewer.OrganisationCodes.Contains(s.Code, StringComparer.Ordinal) || s.Code == Input.Owner)];
        Priorities = await reference.ThematicPrioritiesAsync(culture, ct);
        Lines = await reference.LinesOfActionAsync(culture, ct);
        States = await reference.StatesAsync(culture, includePartners: true, ct);
        Names = await reference.NamesAsync(culture, ct);
        if (Input.Documents is { Length: > 0 } documents)
            linkedDocuments = (await library.FindAsync([.. documents.Distinct()], viewer, ct)).ToDictionary(d => d.Id);
    }

    /// <summary>The errors of a field (by its <see cref="ActivityInput"/> name), joined; null when none.</summary>
    public string? Error(string field) =>
        ModelState.TryGetValue($"{nameof(Input)}.{field}", out var e) && e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(x => x.ErrorMessage)) : null;

    /// <summary>What was typed in a field that could not be read (shown again with its error), or null.</summary>
    public string? Raw(string field) => ModelState.TryGetValue($"{nameof(Input)}.{field}", out var e) && e.Errors.Count > 0 ? e.AttemptedValue : null;

    /// <summary>Every error of the form, each with its field's id and label, in the order they were found.</summary>
    public IReadOnlyList<(string FieldId, string Label, string Message)> ErrorList =>
    [
        .. ModelState.Where(kv => kv.Value is { Errors.Count: > 0 } && kv.Key.StartsWith(nameof(Input) + ".", StringComparison.Ordinal))
            .SelectMany(kv => kv.Value!.Errors.Select(x => (ActivityNames.FieldId(kv.Key[(nameof(Input).Length + 1)..]),
                ActivityNames.Field(kv.Key[(nameof(Input).Length + 1)..]), x.ErrorMessage))),
        .. ModelState.Where(kv => kv.Value is { Errors.Count: > 0 } && !kv.Key.StartsWith(nameof(Input) + ".", StringComparison.Ordinal))
            .SelectMany(kv => kv.Value!.Errors.Select(x => ("f-Title", Text.ActivitiesFormErrors, x.ErrorMessage))),
    ];

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
    public static string Number(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
    public static string Amount(decimal? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "";
    public static string Codes(string[]? codes) => string.Join(", ", ActivityInput.Codes(codes, upper: false));
}
