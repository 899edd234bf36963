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

    private (string Field, string[] Values)[]? filters;

    /// <summary>The facet filters of this search, one entry per facet of <see cref="LibraryFacets"/>.</summary>
    /// <remarks>Read once per request (issue 21: the page asked for them, and rebuilt them, for each of its ~60 links).</remarks>
    public IReadOnlyList<(string Field, string[] Values)> Filters => filters ??= ReadFilters(QueryFilters);

    // The query string's facet filters, parsed once per request for the search and for the page's links.
    private IReadOnlyDictionary<string, IReadOnlyList<string>> QueryFilters => queryFilters ??= LibraryFacets.Parameters.Read(Request.Query);
    private IReadOnlyDictionary<string, IReadOnlyList<string>>? queryFilters;

    private static (string Field, string[] Values)[] ReadFilters(IReadOnlyDictionary<string, IReadOnlyList<string>> read)
    {
        var all = new (string Field, string[] Values)[LibraryFacets.All.Count];
        for (var i = 0; i < all.Length; i++)
        {
            var field = LibraryFacets.All[i].Field;
            all[i] = (field, read.TryGetValue(field, out var values) ? [.. values] : []);
        }
        return all;
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = int.TryParse(Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
        CanEdit = (await authorization.AuthorizeAsync(User, LibraryPermissions.Edit)).Succeeded;
        Names = await reference.NamesAsync(CultureInfo.CurrentUICulture, ct);
        Results = await search.SearchAsync(new LibrarySearchRequest
        {
            Q = Q,
            Filters = QueryFilters,
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

    public int SelectedCount
    {
        get
        {
            var count = 0;
            foreach (var (_, values) in Filters)
            {
                count += values.Length;
            }
            return count;
        }
    }

    public bool IsSelected(string field, string value)
    {
        foreach (var (f, values) in Filters)
        {
            if (f == field && Array.IndexOf(values, value) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether the filter column has anything to show: a facet with values, or a filter to clear.</summary>
    public bool HasFacets => SelectedCount > 0 || (Results?.Facets.Values.Any(v => v.Count > 0) ?? false);

    /// <summary>The selected filter values, each a chip that removes it.</summary>
    public IEnumerable<(string Field, string Value)> Chips => Filters.SelectMany(f => f.Values.Select(v => (f.Field, v)));

    /// <summary>This search's URL with one filter value toggled (links work without JavaScript) or the page changed.</summary>
    public string Link(string? toggleField = null, string? toggleValue = null, int? page = null, string? sort = null, bool? translate = null, string? q = null)
    {
        // The parts that do not change from one link to the next (the text, and each filter's values) are escaped once
        // per request (issue 21: about 60 facet links per page each escaped and joined them all again).
        var fixedParts = escaped ??= EscapedParts();
        // One builder for all the page's links (issue 21, sixth pass: a builder and its buffer per link).
        var link = (linkBuilder ??= new System.Text.StringBuilder(256)).Clear().Append("/library/search");
        var separator = '?';
        System.Text.StringBuilder Add()
        {
            link.Append(separator);
            separator = '&';
            return link;
        }
        if (q is null)
        {
            if (fixedParts.Query is { } query) Add().Append(query);
        }
        else if (!string.IsNullOrWhiteSpace(q))
        {
            Add().Append("q=").Append(Uri.EscapeDataString(q));
        }
        var filters = Filters;
        for (var i = 0; i < filters.Count; i++)
        {
            var (field, values) = filters[i];
            var toggled = field == toggleField && toggleValue is not null;
            var removed = false;
            for (var v = 0; v < values.Length; v++)
            {
                // A toggled value that is selected is removed (its first occurrence, as List.Remove did).
                if (toggled && !removed && values[v] == toggleValue)
                {
                    removed = true;
                    continue;
                }
                Add().Append(fixedParts.Filters[i][v]);
            }
            if (toggled && !removed) Add().Append(field).Append('=').Append(Uri.EscapeDataString(toggleValue!));
        }
        var s = sort ?? Sort;
        if (!string.IsNullOrEmpty(s) && s != "relevance") Add().Append("sort=").Append(Uri.EscapeDataString(s));
        if (!(translate ?? TranslationOn)) Add().Append("translate=off");
        if (page is > 1) Add().Append("page=").Append(page.Value);
        return link.ToString();
    }

    private System.Text.StringBuilder? linkBuilder;

    private (string? Query, string[][] Filters)? escaped;

    private (string? Query, string[][] Filters) EscapedParts()
    {
        var filters = Filters;
        var parts = new string[filters.Count][];
        for (var i = 0; i < filters.Count; i++)
        {
            var (field, values) = filters[i];
            parts[i] = new string[values.Length];
            for (var v = 0; v < values.Length; v++)
            {
                parts[i][v] = field + "=" + Uri.EscapeDataString(values[v]);
            }
        }
        return (string.IsNullOrWhiteSpace(Q) ? null : "q=" + Uri.EscapeDataString(Q), parts);
    }

    public int PageCount => Results is null ? 0 : (int)Math.Min(1000, (Results.Total + Results.PageSize - 1) / Results.PageSize);
}
