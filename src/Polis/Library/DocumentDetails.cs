using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Data;

namespace Polis.Library;

/// <summary>A file as the API and the pages show it.</summary>
/// <remarks><c>PreviewUrl</c>: a picture of a PDF's first page (PNG), when one was made on upload or can be made on its first request.</remarks>
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
/// <remarks><c>Editions</c>: the editions as a hit lists them, with their links, built once with the facts rather than
/// on every search (issue 21).</remarks>
public sealed record HitFacts(DocumentType Type, int? Year, IReadOnlyList<string> Languages, AccessLevel Access, IReadOnlyDictionary<string, string> Titles,
    IReadOnlyList<string> Formats, IReadOnlyList<HitEdition> Editions)
{
    /// <summary>The title of the edition in <paramref name="language"/>, if the document has one.</summary>
    public string? TitleIn(string language) => Titles.TryGetValue(language, out var t) ? t : null;
}

/// <summary>A document in the "Recently added" list: its title, and its editions' titles by language.</summary>
public sealed record RecentDocument(Guid Id, string Title, string? Symbol, DateTimeOffset AddedAt, IReadOnlyDictionary<string, string> Titles);

/// <summary>Reads documents through the access rule: what the viewer may not see does not exist.</summary>
/// <remarks>The request's context is made on the first read that needs it (issue 21, eighth pass: a search whose
/// re-check and facts are answered without it no longer builds it).</remarks>
public sealed class DocumentQueries(IServiceProvider services, PdfPreviews previews, DataChanges changes, HitFactsCache factsCache, PooledReads reads,
    DocumentVisibility visibility)
{
    private PolisDb? requestDb;

    private PolisDb Db => requestDb ??= services.GetRequiredService<PolisDb>();

    /// <summary>
    /// The document as <see cref="GetAsync"/> reads it, kept until the next change of any data per document and key set
    /// (<see cref="Platform.ChangeAwareCache"/>, as the page's related documents are; issue 21: the document page read
    /// six tables on every view). Whether a PDF's preview exists is asked on every call: it is made just after an upload's
    /// save, or on its first view (an imported PDF's, <see cref="PdfPreviews.EnsureAsync"/>), so it is linked whenever it
    /// exists or can be made.
    /// </summary>
    public async Task<DocumentView?> GetShownAsync(Guid id, Viewer viewer, Platform.ChangeAwareCache cache, CancellationToken ct) =>
        WithPreviews(await cache.GetAsync($"document|{id}|{Platform.ChangeAwareCache.AccessSet(viewer)}", () => ReadAsync(id, viewer, ct)));

    public async Task<DocumentView?> GetAsync(Guid id, Viewer viewer, CancellationToken ct) => WithPreviews(await ReadAsync(id, viewer, ct));

    // A document as read, with its PDFs' content hashes (for their previews, which are not part of what is cached).
    private sealed record ReadView(DocumentView? View, IReadOnlyDictionary<Guid, string> Pdfs);

    private DocumentView? WithPreviews(ReadView read) => read.View is not { } view || read.Pdfs.Count == 0 ? read.View : view with
    {
        Editions = [.. view.Editions.Select(e => e with
        {
            Files = [.. e.Files.Select(f => read.Pdfs.TryGetValue(f.Id, out var sha) && previews.Available(sha) ? f with { PreviewUrl = $"/library/files/{f.Id}/preview" } : f)],
        })],
    };

    private async Task<ReadView> ReadAsync(Guid id, Viewer viewer, CancellationToken ct)
    {
        var db = Db;
        var d = await db.Set<Document>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return new ReadView(null, new Dictionary<Guid, string>());
        // The editions without their extracted texts (issue 21: the page shows titles, summaries and files; the texts,
        // up to megabytes each, were read on every view). The document is visible: its editions are.
        var editions = await db.Set<Edition>().AsNoTracking().Where(e => e.DocumentId == id)
            .Select(e => new { e.Id, e.Language, e.Title, e.Summary, e.Keywords, e.TextStatus, e.CreatedAt, Files = e.Files.ToList() })
            .ToListAsync(ct);

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
        var view = new DocumentView(d.Id, d.Title, d.Symbol, d.Type, d.IssuingBody, d.Series, d.Volume, d.PublishedOn,
            d.Priorities, d.SubAreas, d.Countries, d.Keywords, d.Summary, d.Access,
            [.. restricted.AllowedParties.Select(p => p.ToString())], d.OwnerCode, d.Version,
            [.. editions.OrderBy(e => e.CreatedAt).ThenBy(e => e.Language, StringComparer.Ordinal).Select(e => new EditionView(e.Id, e.Language, e.Title, e.Summary, e.Keywords, e.TextStatus,
                [.. e.Files.OrderBy(f => f.UploadedAt).Select(f => new FileView(f.Id, f.FileName, f.MediaType, f.Size, $"/library/files/{f.Id}"))]))],
            cites, citedBy, d.State, d.WithdrawalReason);
        return new ReadView(view, editions.SelectMany(e => e.Files).Where(f => f.MediaType == "application/pdf").ToDictionary(f => f.Id, f => f.Sha256));
    }

    // The last visibility check of this scope (a request): the search service re-checks a page of hits, then the
    // library asks for those hits' facts; the facts are answered for the ids that check found visible, without a second
    // query, as long as no data changed in between (issue 21: the re-check and the facts were two queries).
    private (Viewer Viewer, long Generation, HashSet<Guid> Asked, HashSet<Guid> Visible)? lastCheck;

    /// <summary>Which of these documents the viewer may read (one query; the search service's re-check of its hits).</summary>
    public async Task<IReadOnlySet<string>> VisibleAsync(IReadOnlyCollection<string> ids, Viewer viewer, CancellationToken ct)
    {
        var visible = await VisibleGuidsAsync(Guids(ids), viewer, ct);
        var shown = new HashSet<string>(visible.Count, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (Guid.TryParse(id, out var g) && visible.Contains(g) && IsCanonical(id, g)) shown.Add(id);
        }
        return shown;
    }

    // Whether the id is the Guid's own text, as the answers have always been keyed (compared without making that text).
    private static bool IsCanonical(string id, Guid g)
    {
        Span<char> text = stackalloc char[36];
        return g.TryFormat(text, out var written) && text[..written].SequenceEqual(id);
    }

    private static List<Guid> Guids(IEnumerable<string> ids)
    {
        var guids = new List<Guid>(ids.TryGetNonEnumeratedCount(out var count) ? count : 20);
        foreach (var id in ids)
        {
            if (Guid.TryParse(id, out var g) && g != Guid.Empty && !guids.Contains(g)) guids.Add(g);
        }
        return guids;
    }

    // Which of these documents the context's reader may read. The access rule is the context's access filter (PolisDb:
    // the same rule as AccessRule.VisibleTo, which a compiled query cannot take per viewer), read for the viewer of the
    // pooled context's lease (test ReadingThroughPooledContexts).
    // Compiled once per model: a compiled query refuses another model than its first, and one process may hold both
    // providers' models (the tests do).
    private static Func<PolisDb, List<Guid>, IAsyncEnumerable<Guid>> VisibleIds(PolisDb db) =>
        VisibleIdsByModel.GetValue(db.Model, static _ =>
            EF.CompileAsyncQuery((PolisDb db, List<Guid> ids) => db.Set<Document>().Where(d => ids.Contains(d.Id)).Select(d => d.Id)));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel,
        Func<PolisDb, List<Guid>, IAsyncEnumerable<Guid>>> VisibleIdsByModel = new();

    private async Task<HashSet<Guid>> VisibleGuidsAsync(List<Guid> guids, Viewer viewer, CancellationToken ct)
    {
        if (guids.Count == 0) return [];
        var generation = changes.Generation;
        if (lastCheck is { } last && ReferenceEquals(last.Viewer, viewer) && last.Generation == generation && guids.All(last.Asked.Contains))
            return [.. guids.Where(last.Visible.Contains)];
        // The database's answer, as long as the database has not changed since it was read (DocumentVisibility; on
        // PostgreSQL always asked).
        var visible = await visibility.VisibleAsync(guids, Platform.ChangeAwareCache.AccessSet(viewer), (ids, token) => ReadVisibleAsync(ids, viewer, token), ct);
        lastCheck = (viewer, generation, [.. guids], visible);
        return visible;
    }

    // A pooled context reading for this viewer, and the query compiled once (issue 21, sixth pass: this one query per
    // search built the request's DbContext, then translated its LINQ and the access rule's expression every time).
    private async Task<HashSet<Guid>> ReadVisibleAsync(List<Guid> guids, Viewer viewer, CancellationToken ct)
    {
        var visible = new HashSet<Guid>(guids.Count);
        using var read = reads.For(viewer);
        await foreach (var id in VisibleIds(read.Db)(read.Db, guids).WithCancellation(ct)) visible.Add(id);
        return visible;
    }

    /// <summary>
    /// The facts of a page of search hits, by id (the hits the viewer may not see are absent): which of them the viewer
    /// may read is checked in the database (or taken from the check the search service just made in this request),
    /// and the facts, which do not depend on the viewer, come from <see cref="HitFactsCache"/>, read once per data change.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, HitFacts>> HitFactsAsync(IEnumerable<string> ids, Viewer viewer, CancellationToken ct)
    {
        var asked = ids as IReadOnlyCollection<string> ?? [.. ids];
        var visible = await VisibleGuidsAsync(Guids(asked), viewer, ct);
        if (visible.Count == 0) return new Dictionary<string, HitFacts>();
        var facts = await factsCache.GetAsync(visible, (missing, token) => LoadFactsAsync(missing, viewer, token), ct);
        var byId = new Dictionary<string, HitFacts>(facts.Count, StringComparer.Ordinal);
        foreach (var id in asked)
        {
            if (Guid.TryParse(id, out var g) && facts.TryGetValue(g, out var f) && IsCanonical(id, g)) byId[id] = f;
        }
        return byId;
    }

    // The facts of documents just found visible, in one query: the documents with their editions' languages, titles and
    // file formats (read through the access rule all the same). They do not depend on who reads them: the cache gives
    // them to any viewer the same ids were found visible to (above), never to another.
    private async Task<Dictionary<Guid, HitFacts>> LoadFactsAsync(List<Guid> guids, Viewer viewer, CancellationToken ct)
    {
        using var read = reads.For(viewer);
        var rows = await read.Db.Set<Document>().AsNoTracking().VisibleTo(viewer).Where(d => guids.Contains(d.Id)).AsSingleQuery()
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
        return rows.ToDictionary(r => r.Id, r =>
        {
            string[] languages = [.. r.Editions.OrderBy(e => e.CreatedAt).Select(e => e.Language).Distinct(StringComparer.Ordinal)];
            var titles = r.Editions.GroupBy(e => e.Language, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Title, StringComparer.Ordinal);
            return new HitFacts(r.Type, r.PublishedOn?.Year, languages, r.Access, titles,
                [.. r.Editions.SelectMany(e => e.Formats).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                [.. languages.Select(l => new HitEdition(l, titles[l], $"/library/documents/{r.Id}#edition-{l}"))]);
        });
    }

    /// <summary>The documents added last that the viewer may read, newest first (by when they were added, not their date).</summary>
    public async Task<IReadOnlyList<RecentDocument>> RecentlyAddedAsync(Viewer viewer, int count, CancellationToken ct)
    {
        var db = Db;
        var rows = await db.Set<Document>().AsNoTracking().VisibleTo(viewer).OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(count)
            .Select(d => new { d.Id, d.Title, d.Symbol, d.CreatedAt, Editions = d.Editions.Select(e => new { e.Language, e.Title }).ToList() })
            .ToListAsync(ct);
        return [.. rows.Select(r => new RecentDocument(r.Id, r.Title, r.Symbol, r.CreatedAt,
            r.Editions.GroupBy(e => e.Language, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Title, StringComparer.Ordinal)))];
    }

    /// <summary>A file the viewer may download, with the document's access applied.</summary>
    public async Task<StoredFile?> FileAsync(Guid fileId, Viewer viewer, CancellationToken ct)
    {
        var db = Db;
        var visible = db.Set<Document>().VisibleTo(viewer).SelectMany(d => d.Editions).SelectMany(e => e.Files);
        return await visible.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId, ct);
    }

    /// <summary>
    /// Cited symbols that match no document the viewer may read, most cited first (for librarians). A symbol held by a
    /// record the viewer cannot read is unresolved here exactly as on the citing document's page.
    /// </summary>
    public async Task<IReadOnlyList<(string Symbol, int Count)>> UnresolvedAsync(Viewer viewer, CancellationToken ct)
    {
        var db = Db;
        var visibleCiting = db.Set<Document>().VisibleTo(viewer).Select(d => d.Id);
        var visibleSymbols = db.Set<Document>().VisibleTo(viewer).Where(d => d.Symbol != null).Select(d => d.Symbol);
        var rows = await db.Set<Citation>()
            .Where(c => visibleCiting.Contains(c.DocumentId) && !visibleSymbols.Contains(c.Symbol))
            .GroupBy(c => c.Symbol).Select(g => new { Symbol = g.Key, Count = g.Count() })
            .OrderByDescending(x => x.Count).ThenBy(x => x.Symbol).Take(500).ToListAsync(ct);
        return [.. rows.Select(r => (r.Symbol, r.Count))];
    }
}
