using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;

namespace Polis.Library.Pages;

/// <summary>For librarians: symbols cited in the library's texts that match no record yet.</summary>
[Authorize(LibraryPermissions.Edit)]
public sealed class UnresolvedModel(DocumentQueries queries, Viewer viewer) : PageModel
{
    public IReadOnlyList<(string Symbol, int Count)> Symbols { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Symbols = await queries.UnresolvedAsync(viewer, ct);
}
