using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Reference.Contracts;

namespace Polis.Activities.Pages;

/// <summary>The activity list: filters in the query string (so a filtered page is a link), paged.</summary>
[Authorize(AccountPermissions.Public)]
public sealed class IndexModel(ActivityQueries queries, IReferenceDirectory reference, Viewer viewer) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Structure { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Priority { get; set; }
    [BindProperty(SupportsGet = true)] public string? Line { get; set; }
    [BindProperty(SupportsGet = true)] public ActivityType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public ActivityStatus? Status { get; set; }
    /// <summary>The page asked for (<c>?page=2</c>; read from the query: Razor Pages keeps the route value "page" for itself).</summary>
    public int PageNumber { get; private set; } = 1;

    public ActivityPage Results { get; private set; } = new([], 0, 1, 25);
    public ReferenceNames Names { get; private set; } = ReferenceNames.None;
    public IReadOnlyList<ReferenceOption> Structures { get; private set; } = [];
    public IReadOnlyList<ReferenceOption> States { get; private set; } = [];
    public IReadOnlyList<ReferenceOption> Priorities { get; private set; } = [];
    public IReadOnlyList<ReferenceOption> Lines { get; private set; } = [];
    public bool CanEdit { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task OnGetAsync([FromServices] IAuthorizationService authorization, CancellationToken ct)
    {
        // A value the filter cannot use (page=abc, type=Nonsense) is ignored, not an error page.
        ModelState.Clear();
        PageNumber = int.TryParse(Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, 100_000) : 1;
        var culture = CultureInfo.CurrentUICulture;
        Results = await queries.ListAsync(new ActivityFilter
        {
            Year = Year is >= 1900 and <= 2200 ? Year : null,
            Structure = Structure,
            State = State,
            Priority = Priority,
            LineOfAction = Line,
            Type = Type is { } t && Enum.IsDefined(t) ? t : null,
            Status = Status is { } s && Enum.IsDefined(s) ? s : null,
            Page = Math.Clamp(PageNumber, 1, 100_000),
        }, viewer, ct);
        Names = await reference.NamesAsync(culture, ct);
        Structures = await reference.ExecutiveStructuresAsync(culture, ct);
        States = await reference.StatesAsync(culture, includePartners: true, ct);
        Priorities = await reference.ThematicPrioritiesAsync(culture, ct);
        Lines = await reference.LinesOfActionAsync(culture, ct);
        CanEdit = (await authorization.AuthorizeAsync(User, ActivityPermissions.Edit)).Succeeded && WriteRule.MayWriteAnything(viewer);
    }

    /// <summary>This list's link with another page (the filters kept).</summary>
    public string Link(int page)
    {
        var query = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) query.Add($"{key}={Uri.EscapeDataString(value)}");
        }
        Add("year", Year?.ToString(CultureInfo.InvariantCulture));
        Add("structure", Structure);
        Add("state", State);
        Add("priority", Priority);
        Add("line", Line);
        Add("type", Type?.ToString());
        Add("status", Status?.ToString());
        Add("page", page.ToString(CultureInfo.InvariantCulture));
        return "/activities?" + string.Join("&", query);
    }
}
