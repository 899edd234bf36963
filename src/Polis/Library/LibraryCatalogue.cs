using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Library.Contracts;

namespace Polis.Library;

internal sealed class LibraryCatalogue(PolisDb db) : ILibraryCatalogue
{
    public async Task<IReadOnlyList<LibraryDocumentSummary>> FindAsync(IReadOnlyCollection<Guid> ids, Viewer viewer, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        var found = await db.Set<Document>().AsNoTracking().VisibleTo(viewer).Where(d => wanted.Contains(d.Id))
            .Select(d => new { d.Id, d.Title, d.Symbol, d.Type, d.PublishedOn }).ToListAsync(ct);
        return [.. found.OrderBy(d => wanted.IndexOf(d.Id))
            .Select(d => new LibraryDocumentSummary(d.Id, d.Title, d.Symbol, d.Type.ToString(), d.PublishedOn, $"/library/documents/{d.Id}"))];
    }
}
