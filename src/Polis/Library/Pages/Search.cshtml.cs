using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Reference.Contracts;

namespace Polis.Library.Pages;

[Authorize(AccountPermissions.Public)]
[OutputCache(PolicyName = Platform.PageCache.Anonymous)]
public sealed class SearchModel(SearchLibrary search, IReferenceDirectory reference, Viewer viewer, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    // Not bound: in Razor Pages "page" is a route value (the page's path), which wins over the query string, so a
    // bound "page" never arrives. OnGetAsync reads it from the query; URLs keep ?page=2 like the API.
    public int? PageNumber { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Translate { get; set; }

    public LibrarySearchResponse? Results { get; private set; }
    public ReferenceNames Names { get; private set; } = ReferenceNames.None;
    public bool TranslationOn => Translate != "off";
    /// <summary>Whoever may create documents (and so see the unresolved citations) gets the editors' links.</summary>
    public bool CanEdit { get; private set; }
    public bool HasQuery => !string.IsNullOrWhiteSpace(Q) || Filters.Any(f => f.Values.Length > 0);

    private IReadOnlyDictionary<string, IReadOnlyList<string>>? filters;

    /// <summary>The facet filters of this search, one entry per facet of <see cref="LibraryFacets"/>.</summary>
    public IEnumerable<(string Field, string[] Values)> Filters
    {
        get
        {
            filters ??= LibraryFacets.Parameters.Read(Request.Query);
            return LibraryFacets.All.Select(f => (f.Field, filters.TryGetValue(f.Field, out var v) ? v.ToArray() : []));
        }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = int.TryParse(Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
        CanEdit = (await authorization.AuthorizeAsync(User, LibraryPermissions.Edit)).Succeeded;
        Names = await reference.NamesAsync(CultureInfo.CurrentUICulture, ct);
        Results = await search.SearchAsync(new LibrarySearchRequest
        {
            Q = Q,
            Filters = LibraryFacets.Parameters.Read(Request.Query),
            Sort = Sort,
            Page = PageNumber,
            Translate = TranslationOn,
        }, viewer, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, ct);
    }

    public string FacetLabel(string field, string value) => field switch
    {
        "type" => LibraryText.TypeName(value),
        "language" => LibraryText.LanguageName(value),
        "priority" => Names.Priority(value),
        "country" => Names.State(value),
        "body" => Names.Body(value),
        _ => value,
    };

    public static string FacetTitle(string field) => LibraryFacets.All.FirstOrDefault(f => f.Field == field)?.Label() ?? field;

    public int SelectedCount => Filters.Sum(f => f.Values.Length);

    public bool IsSelected(string field, string value) => Filters.Any(f => f.Field == field && f.Values.Contains(value));

    /// <summary>Whether the filter column has anything to show: a facet with values, or a filter to clear.</summary>
    public bool HasFacets => SelectedCount > 0 || (Results?.Facets.Values.Any(v => v.Count > 0) ?? false);

    /// <summary>The selected filter values, each a chip that removes it.</summary>
    public IEnumerable<(string Field, string Value)> Chips => Filters.SelectMany(f => f.Values.Select(v => (f.Field, v)));

    /// <summary>This search's URL with one filter value toggled (links work without JavaScript) or the page changed.</summary>
    public string Link(string? toggleField = null, string? toggleValue = null, int? page = null, string? sort = null, bool? translate = null, string? q = null)
    {
        var parts = new List<string>();
        var text = q ?? Q;
        if (!string.IsNullOrWhiteSpace(text)) parts.Add("q=" + Uri.EscapeDataString(text));
        foreach (var (field, values) in Filters)
        {
            var set = values.ToList();
            if (field == toggleField && toggleValue is not null)
            {
                if (!set.Remove(toggleValue)) set.Add(toggleValue);
            }
            parts.AddRange(set.Select(v => field + "=" + Uri.EscapeDataString(v)));
        }
        var s = sort ?? Sort;
        if (!string.IsNullOrEmpty(s) && s != "relevance") parts.Add("sort=" + Uri.EscapeDataString(s));
        if (!(translate ?? TranslationOn)) parts.Add("translate=off");
        if (page is > 1) parts.Add("page=" + page.Value.ToString(CultureInfo.InvariantCulture));
        return "/library/search" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
    }

    public int PageCount => Results is null ? 0 : (int)Math.Min(1000, (Results.Total + Results.PageSize - 1) / Results.PageSize);
}
