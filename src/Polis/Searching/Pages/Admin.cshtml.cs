using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Polis.Data;
using Polis.Search;

namespace Polis.Searching.Pages;

/// <summary>For administrators: the state of the search index and of the lexicon that translates queries.</summary>
[Authorize(SearchingPermissions.Administer)]
internal sealed class AdminModel(SearchIndexHolder index, LexiconSource lexicon, PolisDb db) : PageModel
{
    public long Documents { get; private set; }

    public int Pending { get; private set; }

    public LexiconStatus Lexicon { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Documents = await index.Value.CountAsync(ct);
        Pending = await db.Set<SearchOutboxEntry>().CountAsync(ct);
        Lexicon = lexicon.Preload();
    }
}
