using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Search;
using Polis.Searching.Contracts;

namespace Polis.Library;

/// <summary>The library's facets, declared once: the index, the API, the search page and the OpenAPI description read this list.</summary>
public static class LibraryFacets
{
    public static readonly IReadOnlyList<SearchFacet> All =
    [
        new("type", () => Text.FacetType), new("language", () => Text.FacetLanguage), new("priority", () => Text.FacetPriority),
        new("year", () => Text.FacetYear), new("body", () => Text.FacetBody), new("country", () => Text.FacetCountry),
        new("series", () => Text.FacetSeries),
    ];

    public static readonly SearchFacetParameters Parameters = new(All);
}

/// <summary>The search form of a library document: one search document with a text per language edition.</summary>
internal sealed class LibrarySearchSource(IServiceProvider services, DocumentQueries documents) : ISearchSource
{
    // The request's context only when a record is read (issue 21, eighth pass: every search makes every source).
    private PolisDb Db => services.GetRequiredService<PolisDb>();

    public const string ModuleName = "library";
    public string Module => ModuleName;

    public string KindLabel => Text.LibraryKind;

    public string PathOf(string id) => "/library/documents/" + Uri.EscapeDataString(id);

    public IReadOnlyList<SearchFacet> Facets => LibraryFacets.All;

    // A document's search form is its metadata, editions, files and citations: a change to any of them re-indexes it.
    public string? RecordOf(EntityEntry entry) => entry.Entity switch
    {
        Document d => d.Id.ToString(),
        Edition e => e.DocumentId.ToString(),
        Citation c => c.DocumentId.ToString(),
        StoredFile f => entry.Context.Set<Edition>().Local.FindEntry(f.EditionId)?.Entity.DocumentId.ToString()
            ?? entry.Context.Set<Edition>().Where(x => x.Id == f.EditionId).Select(x => (Guid?)x.DocumentId).FirstOrDefault()?.ToString(),
        _ => null,
    };

    // Through the request's DocumentQueries, which remembers the answer: the library's hit facts that follow are then
    // read for exactly these visible documents without a second query (issue 21).
    public Task<IReadOnlySet<string>> VisibleAsync(IReadOnlyCollection<string> ids, Viewer viewer, CancellationToken ct) =>
        documents.VisibleAsync(ids, viewer, ct);

    public async Task<SearchDocument?> LoadAsync(string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid)) return null;
        var document = await Db.Set<Document>().AsNoTracking().Include(d => d.Editions).AsSplitQuery()
            .SingleOrDefaultAsync(d => d.Id == guid, ct);
        return document is null ? null : ToSearch(document);
    }

    public async Task<IReadOnlyDictionary<string, SearchDocument>> LoadManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var guids = ids.Select(i => Guid.TryParse(i, out var g) ? g : (Guid?)null).OfType<Guid>().Distinct().ToList();
        if (guids.Count == 0) return new Dictionary<string, SearchDocument>(StringComparer.Ordinal);
        var documents = await Db.Set<Document>().AsNoTracking().Include(d => d.Editions).AsSplitQuery()
            .Where(d => guids.Contains(d.Id)).ToListAsync(ct);
        // Keyed as the outbox wrote the id (a Guid's text), so the indexer finds each one.
        var byGuid = documents.ToDictionary(d => d.Id);
        var found = new Dictionary<string, SearchDocument>(StringComparer.Ordinal);
        foreach (var id in ids)
            if (Guid.TryParse(id, out var g) && byGuid.TryGetValue(g, out var d)) found[id] = ToSearch(d);
        return found;
    }

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        Guid? after = null;
        while (true)
        {
            var query = Db.Set<Document>().AsNoTracking().Include(d => d.Editions).AsSplitQuery().OrderBy(d => d.Id).AsQueryable();
            if (after is { } a) query = query.Where(d => d.Id.CompareTo(a) > 0);
            var page = await query.Take(200).ToListAsync(ct);
            if (page.Count == 0) yield break;
            foreach (var d in page) yield return ToSearch(d);
            after = page[^1].Id;
            Db.ChangeTracker.Clear();
        }
    }

    internal static SearchDocument ToSearch(Document d)
    {
        var texts = d.Editions.Count == 0
            ? [new SearchText("en", d.Title, d.Summary, "")]
            : d.Editions.OrderBy(e => e.CreatedAt).Select((e, i) => new SearchText(e.Language, e.Title,
                e.Summary ?? (i == 0 ? d.Summary : null), e.Text)).ToList();
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
        // A draft or withdrawn document carries only its writers' keys (AccessRule): readers never find it.
        return new SearchDocument(d.Id.ToString(), ModuleName, d.Symbol, texts, d.PublishedOn, facets, AccessRule.RecordKeys(d));
    }
}
