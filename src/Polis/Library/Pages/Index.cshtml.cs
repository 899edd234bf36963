using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Reference.Contracts;

namespace Polis.Library.Pages;

/// <summary>Browse by type, series and thematic priority: facet counts of an empty query, so they obey the access rule.</summary>
[Authorize(AccountPermissions.Public)]
[OutputCache(PolicyName = Platform.PageCache.Anonymous)]
public sealed class IndexModel(SearchLibrary search, DocumentQueries documents, IReferenceDirectory reference, Viewer viewer, IAuthorizationService authorization) : PageModel
{
    public LibrarySearchResponse All { get; private set; } = null!;
    /// <summary>The documents added last, by the date they were added (not their publication date).</summary>
    public IReadOnlyList<RecentDocument> Recent { get; private set; } = [];
    public ReferenceNames Names { get; private set; } = ReferenceNames.None;
    /// <summary>Whoever may create documents (and so see the unresolved citations) gets the editors' links.</summary>
    public bool CanEdit { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var ui = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        CanEdit = (await authorization.AuthorizeAsync(User, LibraryPermissions.Edit)).Succeeded;
        Names = await reference.NamesAsync(CultureInfo.CurrentUICulture, ct);
        All = await search.SearchAsync(new LibrarySearchRequest { PageSize = 1 }, viewer, ui, ct);
        Recent = await documents.RecentlyAddedAsync(viewer, 10, ct);
    }

    public IReadOnlyList<Search.FacetCount> Facet(string field) => All.Facets.TryGetValue(field, out var f) ? f : [];
    /// <summary>A thematic priority's name (the only coded facet this page lists).</summary>
    public string Name(string code) => Names.Priority(code);
}
