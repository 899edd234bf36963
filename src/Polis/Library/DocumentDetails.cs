using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;

namespace Polis.Library;

/// <summary>A file as the API and the pages show it.</summary>
/// <remarks><c>PreviewUrl</c>: a picture of a PDF's first page (PNG), when one was made on upload.</remarks>
public sealed record FileView(Guid Id, string FileName, string MediaType, long Size, string Url, string? PreviewUrl = null);
/// <summary>One language edition: its title, summary and keywords in its language, whether text was extracted, its files.</summary>
public sealed record EditionView(Guid Id, string Language, string Title, string? Summary, IReadOnlyList<string> Keywords, TextStatus TextStatus,
    IReadOnlyList<FileView> Files);
/// <summary>A link in the citation graph; <see cref="DocumentId"/> is null when the cited symbol is not in the library (or not visible).</summary>
public sealed record CitationView(string Symbol, Guid? DocumentId, string? Title);
/// <summary>Everything the document page and GET /api/v1/library/documents/{id} show.</summary>
public sealed record DocumentView(
    Guid Id, string Title, string? Symbol, DocumentType Type, string? IssuingBody, string? Series, int? Volume, DateOnly? PublishedOn,
    IReadOnlyList<string> Priorities, IReadOnlyList<string> SubAreas, IReadOnlyList<string> Countries, IReadOnlyList<string> Keywords,
    string? Summary, AccessLevel Access, IReadOnlyList<string> AllowedParties, string Owner, int Version,
    IReadOnlyList<EditionView> Editions, IReadOnlyList<CitationView> Cites, IReadOnlyList<CitationView> CitedBy,
    PublicationState State, string? WithdrawalReason)
{
    /// <summary>The edition in <paramref name="language"/>, if there is one: a reader sees the document in it first.</summary>
    public EditionView? EditionIn(string language) => Editions.FirstOrDefault(e => string.Equals(e.Language, language, StringComparison.OrdinalIgnoreCase));

    /// <summary>The document as the write rule sees it (a method, so the API's JSON does not carry it).</summary>
    public WriteRule.Target WriteTarget() => new(Owner, null, Access, [.. AllowedParties.Select(AccessGrant.Parse).OfType<AccessGrant>()]);
}

/// <summary>What a search hit shows beyond the index's fields: the type, year, languages and titles of the editions, and access.</summary>
public sealed record HitFacts(DocumentType Type, int? Year, IReadOnlyList<string> Languages, AccessLevel Access, IReadOnlyDictionary<string, string> Titles,
    IReadOnlyList<string> Formats)
{
    /// <summary>The title of the edition in <paramref name="language"/>, if the document has one.</summary>
    public string? TitleIn(string language) => Titles.TryGetValue(language, out var t) ? t : null;
}

/// <summary>A document in the "Recently added" list: its title, and its editions' titles by language.</summary>
public sealed record RecentDocument(Guid Id, string Title, string? Symbol, DateTimeOffset AddedAt, IReadOnlyDictionary<string, string> Titles);

/// <summary>Reads documents through the access rule: what the viewer may not see does not exist.</summary>
public sealed class DocumentQueries(PolisDb db, PdfPreviews previews)
{
    public async Task<DocumentView?> GetAsync(Guid id, Viewer viewer, CancellationToken ct)
    {
        var d = await db.Set<Document>().AsNoTracking().VisibleTo(viewer).Include(x => x.Editions).ThenInclude(e => e.Files)
            .AsSplitQuery().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return null;

        var citedSymbols = await db.Set<Citation>().Where(c => c.DocumentId == id).Select(c => c.Symbol).OrderBy(s => s).ToListAsync(ct);
        var targets = await db.Set<Document>().AsNoTracking().VisibleTo(viewer)
            .Where(x => x.Symbol != null && citedSymbols.Contains(x.Symbol))
            .Select(x => new { x.Id, x.Symbol, x.Title }).ToListAsync(ct);
        var cites = citedSymbols.Select(s => targets.FirstOrDefault(t => t.Symbol == s) is { } t
            ? new CitationView(s, t.Id, t.Title) : new CitationView(s, null, null)).ToList();

        var citedBy = d.Symbol is null ? [] : await db.Set<Document>().AsNoTracking().VisibleTo(viewer)
            .Where(x => db.Set<Citation>().Any(c => c.DocumentId == x.Id && c.Symbol == d.Symbol))
            .OrderByDescending(x => x.PublishedOn)
            .Select(x => new CitationView(x.Symbol ?? "", x.Id, x.Title)).ToListAsync(ct);

        IRestricted restricted = d;
        return new DocumentView(d.Id, d.Title, d.Symbol, d.Type, d.IssuingBody, d.Series, d.Volume, d.PublishedOn,
            d.Priorities, d.SubAreas, d.Countries, d.Keywords, d.Summary, d.Access,
            [.. restricted.AllowedParties.Select(p => p.ToString())], d.OwnerCode, d.Version,
            [.. d.Editions.OrderBy(e => e.CreatedAt).ThenBy(e => e.Language, StringComparer.Ordinal).Select(e => new EditionView(e.Id, e.Language, e.Title, e.Summary, e.Keywords, e.TextStatus,
                [.. e.Files.OrderBy(f => f.UploadedAt).Select(f => new FileView(f.Id, f.FileName, f.MediaType, f.Size, $"/library/files/{f.Id}",
                    f.MediaType == "application/pdf" && previews.Exists(f.Sha256) ? $"/library/files/{f.Id}/preview" : null))]))],
            cites, citedBy, d.State, d.WithdrawalReason);
    }

    /// <summary>The facts of a page of search hits, by id, in one query (the hits the viewer may not see are absent).</summary>
    public async Task<IReadOnlyDictionary<string, HitFacts>> HitFactsAsync(IEnumerable<string> ids, Viewer viewer, CancellationToken ct)
    {
        var guids = ids.Select(i => Guid.TryParse(i, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().ToList();
        if (guids.Count == 0) return new Dictionary<string, HitFacts>();
        // One query: the documents with their editions' languages, titles and file formats (issue 21: it was two).
        var rows = await db.Set<Document>().AsNoTracking().VisibleTo(viewer).Where(d => guids.Contains(d.Id)).AsSingleQuery()
            .Select(d => new
            {
                d.Id,
                d.Type,
                d.PublishedOn,
                d.Access,
                Editions = d.Editions.Select(e => new { e.Language, e.Title, e.CreatedAt, Formats = e.Files.Select(f => f.MediaType).ToList() }).ToList(),
            })
            .ToListAsync(ct);
        // Editions in the order they were added, as on the document page (SQLite cannot order by DateTimeOffset).
        return rows.ToDictionary(r => r.Id.ToString(), r => new HitFacts(r.Type, r.PublishedOn?.Year,
            [.. r.Editions.OrderBy(e => e.CreatedAt).Select(e => e.Language).Distinct(StringComparer.Ordinal)], r.Access,
            r.Editions.GroupBy(e => e.Language, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Title, StringComparer.Ordinal),
            [.. r.Editions.SelectMany(e => e.Formats).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]), StringComparer.Ordinal);
    }

    /// <summary>The documents added last that the viewer may read, newest first (by when they were added, not their date).</summary>
    public async Task<IReadOnlyList<RecentDocument>> RecentlyAddedAsync(Viewer viewer, int count, CancellationToken ct)
    {
        var rows = await db.Set<Document>().AsNoTracking().VisibleTo(viewer).OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(count)
            .Select(d => new { d.Id, d.Title, d.Symbol, d.CreatedAt, Editions = d.Editions.Select(e => new { e.Language, e.Title }).ToList() })
            .ToListAsync(ct);
        return [.. rows.Select(r => new RecentDocument(r.Id, r.Title, r.Symbol, r.CreatedAt,
            r.Editions.GroupBy(e => e.Language, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Title, StringComparer.Ordinal)))];
    }

    /// <summary>A file the viewer may download, with the document's access applied.</summary>
    public async Task<StoredFile?> FileAsync(Guid fileId, Viewer viewer, CancellationToken ct)
    {
        var visible = db.Set<Document>().VisibleTo(viewer).SelectMany(d => d.Editions).SelectMany(e => e.Files);
        return await visible.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId, ct);
    }

    /// <summary>
    /// Cited symbols that match no document the viewer may read, most cited first (for librarians). A symbol held by a
    /// record the viewer cannot read is unresolved here exactly as on the citing document's page.
    /// </summary>
    public async Task<IReadOnlyList<(string Symbol, int Count)>> UnresolvedAsync(Viewer viewer, CancellationToken ct)
    {
        var visibleCiting = db.Set<Document>().VisibleTo(viewer).Select(d => d.Id);
        var visibleSymbols = db.Set<Document>().VisibleTo(viewer).Where(d => d.Symbol != null).Select(d => d.Symbol);
        var rows = await db.Set<Citation>()
            .Where(c => visibleCiting.Contains(c.DocumentId) && !visibleSymbols.Contains(c.Symbol))
            .GroupBy(c => c.Symbol).Select(g => new { Symbol = g.Key, Count = g.Count() })
            .OrderByDescending(x => x.Count).ThenBy(x => x.Symbol).Take(500).ToListAsync(ct);
        return [.. rows.Select(r => (r.Symbol, r.Count))];
    }
}
