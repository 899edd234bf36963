using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Searching.Contracts;

namespace Polis.Searching.Pages;

/// <summary>
/// One search box for every kind of record (library documents, activities): each hit shows its kind and links to its
/// page; the kinds are a filter with their counts. Only what the reader may read is counted or shown.
/// </summary>
[Authorize(AccountPermissions.Public)]
public sealed class SearchModel(ISearchService search, IEnumerable<ISearchSource> sources, Viewer viewer) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Translate { get; set; }
    // "page" is a route value in Razor Pages (see the library's search page): read from the query string.
    public int PageNumber { get; private set; } = 1;
    public CombinedSearchResponse Results { get; private set; } = null!;
    public bool TranslationOn => Translate != "off";
    public string? KindError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = int.TryParse(Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        var request = SearchApi.Request(Q, Kind, PageNumber, 20, TranslationOn);
        if (request.Kind is { } k && !sources.Any(s => s.Module == k))
        {
            KindError = string.Format(CultureInfo.CurrentCulture, Text.SearchUnknownKind, k, string.Join(", ", sources.Select(s => s.Module)));
            request = request with { Kind = null };
            Kind = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        Results = SearchApi.Response(request, await search.SearchAllAsync(request, viewer, ct));
        PageNumber = request.Page;
    }

    public int PageCount => (int)Math.Min(1000, (Results.Total + Results.PageSize - 1) / Results.PageSize);

    /// <summary>This search with another kind (null: every kind) or page.</summary>
    public string Link(string? kind, int page = 1)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Q)) parts.Add("q=" + Uri.EscapeDataString(Q));
        if (kind is not null) parts.Add("kind=" + Uri.EscapeDataString(kind));
        if (!TranslationOn) parts.Add("translate=off");
        if (page > 1) parts.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        return "/search" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
    }

    /// <summary>The language's own name ("русский"), or the code when .NET does not know it.</summary>
    public static string LanguageName(string code)
    {
        try
        {
            return CultureInfo.GetCultureInfo(code).NativeName;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }

    public static string Format(string template, params object[] values) => string.Format(CultureInfo.CurrentCulture, template, values);
}
