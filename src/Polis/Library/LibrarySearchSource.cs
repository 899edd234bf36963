using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Search;
using Polis.Searching.Contracts;

namespace Polis.Library;

/// <summary>The search form of a library document: one search document with a text per language edition.</summary>
internal sealed class LibrarySearchSource(PolisDb db) : ISearchSource
{
    public const string ModuleName = "library";
    public string Module => ModuleName;

    public async Task<SearchDocument?> LoadAsync(string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid)) return null;
        var document = await db.Set<Document>().AsNoTracking().Include(d => d.Editions).AsSplitQuery()
            .SingleOrDefaultAsync(d => d.Id == guid, ct);
        return document is null ? null : ToSearch(document);
    }

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        Guid? after = null;
        while (true)
        {
            var query = db.Set<Document>().AsNoTracking().Include(d => d.Editions).AsSplitQuery().OrderBy(d => d.Id).AsQueryable();
            if (after is { } a) query = query.Where(d => d.Id.CompareTo(a) > 0);
            var page = await query.Take(200).ToListAsync(ct);
            if (page.Count == 0) yield break;
            foreach (var d in page) yield return ToSearch(d);
            after = page[^1].Id;
            db.ChangeTracker.Clear();
        }
    }

    internal static SearchDocument ToSearch(Document d)
    {
        var texts = d.Editions.Count == 0
            ? [new SearchText("en", d.Title, d.Summary, "")]
            : d.Editions.OrderBy(e => e.CreatedAt).Select((e, i) => new SearchText(e.Language, e.Title,
                i == 0 ? d.Summary : null, e.Text)).ToList();
        var facets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["type"] = [d.Type.ToString()],
            ["language"] = [.. d.Editions.Select(e => e.Language).Distinct(StringComparer.Ordinal)],
            ["priority"] = d.Priorities,
            ["country"] = d.Countries,
        };
        if (d.PublishedOn is { } p) facets["year"] = [p.Year.ToString(CultureInfo.InvariantCulture)];
        if (d.IssuingBody is { } b) facets["body"] = [b];
        if (d.Series is { } s) facets["series"] = [s];
        IRestricted restricted = d;
        return new SearchDocument(d.Id.ToString(), ModuleName, d.Symbol, texts, d.PublishedOn, facets,
            AccessRule.RecordKeys(d.Access, restricted.AllowedParties));
    }
}
