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
public sealed class DocumentModel(DocumentQueries queries, SearchLibrary search, IReferenceDirectory reference, Viewer viewer, DownloadCounts counts, Platform.ChangeAwareCache cache) : PageModel
{
    public DocumentView Document { get; private set; } = null!;
    public IReadOnlyList<LibraryHit> Related { get; private set; } = [];
    public ReferenceNames Names { get; private set; } = ReferenceNames.None;
    public bool CanEdit { get; private set; }
    /// <summary>Downloads per month, for editors only (null for everyone else).</summary>
    public IReadOnlyList<MonthlyDownloads>? Downloads { get; private set; }
    /// <summary>The edition the page is shown in: the one asked for (<c>?edition=ru</c>), else the one in the reader's language, else none.</summary>
    public EditionView? Shown { get; private set; }
    /// <summary>The language the document's own metadata is written in (its first edition's), for <c>lang</c> attributes.</summary>
    public string? MetadataLanguage => Document.Editions.Count > 0 ? Document.Editions[0].Language : null;
    public string Title => Shown?.Title ?? Document.Title;
    public string? TitleLanguage => Shown?.Language ?? MetadataLanguage;
    public string? Summary => Shown?.Summary ?? Document.Summary;
    public string? SummaryLanguage => Shown?.Summary is not null ? Shown.Language : MetadataLanguage;
    public IReadOnlyList<string> Keywords => Shown is { Keywords.Count: > 0 } ? Shown.Keywords : Document.Keywords;
    public string? KeywordsLanguage => Shown is { Keywords.Count: > 0 } ? Shown.Language : MetadataLanguage;
    /// <summary>The life-cycle buttons this viewer may use (the write rule decides again on the POST).</summary>
    public bool CanPublish { get; private set; }
    public bool CanWithdraw { get; private set; }
    public bool CanDelete { get; private set; }
    /// <summary>What the last action did (set by the edit and life-cycle pages); read only when the notice cookie came,
    /// so that an anonymous answer sets no cookie and may be cached (PageCache).</summary>
    public string? Notice { get; private set; }

    private const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery] string? edition, [FromServices] IAuthorizationService authorization, CancellationToken ct)
    {
        // Read once per change of the data (and key set), as the related documents below.
        if (await queries.GetShownAsync(id, viewer, cache, ct) is not { } document) return NotFound();
        if (Request.Cookies.ContainsKey(TempDataCookie)) Notice = TempData["Notice"] as string;
        Document = document;
        Shown = (edition is { Length: > 0 } ? document.EditionIn(edition) : null)
            ?? document.EditionIn(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        Names = await reference.NamesAsync(CultureInfo.CurrentUICulture, ct);
        CanEdit = (await authorization.AuthorizeAsync(User, LibraryPermissions.Edit)).Succeeded;
        var target = new WriteRule.Target(document.Owner, null, document.Access, [.. document.AllowedParties.Select(AccessGrant.Parse).OfType<AccessGrant>()]);
        CanPublish = CanEdit && document.State != PublicationState.Published && viewer.Allows(WriteAction.Publish, target);
        CanWithdraw = CanEdit && document.State == PublicationState.Published && viewer.Allows(WriteAction.Withdraw, target);
        CanDelete = CanEdit && viewer.Allows(WriteAction.Delete, target);
        if (CanEdit) Downloads = await counts.ForAsync(id, viewer, ct);
        // Related: the documents that share this one's thematic priorities and title words most, as the index ranks them.
        // Computed once per change of the data, per title, interface language and access set (not on every view).
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Related = await cache.GetAsync($"related|{document.Id}|{language}|{Platform.ChangeAwareCache.AccessSet(viewer)}|{Title}", async () =>
        {
            var related = await search.SearchAsync(new LibrarySearchRequest { Q = Title, PageSize = 6, Translate = true }, viewer, language, ct);
            return (IReadOnlyList<LibraryHit>)[.. related.Hits.Where(h => h.Id != document.Id.ToString()).Take(5)];
        });
        return Page();
    }
}
