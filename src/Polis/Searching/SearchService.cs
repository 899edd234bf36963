using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Search;
using Polis.Searching.Contracts;

namespace Polis.Searching;

/// <summary>
/// Searches one module's records for a viewer: the index filters by the viewer's access keys before counting, then
/// the module's source re-checks each hit against the database.
/// <para>
/// The index lags the database by the changes still in the outbox. Those records are re-checked against the
/// database before the search, and the ones the viewer may not read now are left out by the index itself, so hits,
/// total and facets are counted from the same set. A hit the database still does not show (a change committed
/// during the search) makes the service catch up and ask once more, then leave out whatever is still hidden.
/// </para>
/// </summary>
internal sealed class SearchService(SearchIndexHolder index, SearchIndexer indexer, PendingChanges outbox, IServiceProvider services) : ISearchService
{
    /// <summary>Beyond this many pending changes (an import running), only the hits are re-checked.</summary>
    internal const int MaxPendingRechecked = 500;

    public async Task<SearchResults> SearchAsync(ModuleSearch search, Viewer viewer, CancellationToken ct)
    {
        var source = services.GetServices<ISearchSource>().SingleOrDefault(s => s.Module == search.Module)
            ?? throw new InvalidOperationException($"No search source is registered for module '{search.Module}'.");
        var facets = source.Facets.Select(f => f.Field).ToList();
        var query = new SearchQuery(search.Text)
        {
            Access = viewer.IsAdministrator ? SearchAccess.Everything : SearchAccess.Keys(AccessRule.ViewerKeys(viewer) ?? []),
            Module = source.Module,
            FacetFields = facets,
            Filters = search.Filters.Where(f => facets.Contains(f.Key)).ToDictionary(),
            Sort = search.Sort,
            Page = search.Page,
            PageSize = search.PageSize,
            Translate = search.Translate,
            UiLanguage = search.UiLanguage,
        };
        var results = await index.Value.SearchAsync(query with { ExcludeIds = await StaleAndHiddenAsync(source, viewer, ct) }, ct);
        var hidden = await HiddenAsync(source, results, viewer, ct);
        if (hidden.Count == 0) return results;

        // A change was committed during the search (an access level just narrowed): catch up, then ask again.
        if (indexer.IsRunning) await indexer.FlushAsync(ct);
        var excluded = await StaleAndHiddenAsync(source, viewer, ct);
        results = await index.Value.SearchAsync(query with { ExcludeIds = excluded }, ct);
        hidden = await HiddenAsync(source, results, viewer, ct);
        if (hidden.Count == 0) return results;
        // Still hidden: leave those out in the index too, so that total and facets do not count them.
        results = await index.Value.SearchAsync(query with { ExcludeIds = [.. excluded, .. hidden] }, ct);
        hidden = await HiddenAsync(source, results, viewer, ct);
        return hidden.Count == 0 ? results : results with
        {
            Hits = [.. results.Hits.Where(h => !hidden.Contains(h.Id))],
            Total = Math.Max(0, results.Total - hidden.Count),
        };
    }

    // The module's records with a change the index has not applied yet, that the database does not show the viewer.
    private async Task<IReadOnlyCollection<string>> StaleAndHiddenAsync(ISearchSource source, Viewer viewer, CancellationToken ct)
    {
        // Read once per data change (PendingChanges), not per search: the outbox is empty almost always. The request's
        // context is made only when the outbox is read (issue 21, eighth pass).
        var pending = await outbox.OfAsync(services.GetRequiredService<PolisDb>, source.Module, MaxPendingRechecked, ct);
        if (pending.Count is 0 or > MaxPendingRechecked) return [];
        var visible = await source.VisibleAsync(pending, viewer, ct);
        return [.. pending.Where(id => !visible.Contains(id))];
    }

    private static async Task<HashSet<string>> HiddenAsync(ISearchSource source, SearchResults results, Viewer viewer, CancellationToken ct)
    {
        if (results.Hits.Count == 0) return [];
        var ids = results.Hits.Select(h => h.Id).ToList();
        var visible = await source.VisibleAsync(ids, viewer, ct);
        return [.. ids.Where(id => !visible.Contains(id))];
    }

    public async Task<CombinedSearchResults> SearchAllAsync(CombinedSearch search, Viewer viewer, CancellationToken ct)
    {
        var sources = services.GetServices<ISearchSource>().ToList();
        var byModule = sources.ToDictionary(s => s.Module, StringComparer.Ordinal);
        var kind = search.Kind is { } k && byModule.ContainsKey(k) ? k : null;
        var query = new SearchQuery(search.Text)
        {
            Access = viewer.IsAdministrator ? SearchAccess.Everything : SearchAccess.Keys(AccessRule.ViewerKeys(viewer) ?? []),
            Module = kind,
            Page = search.Page,
            PageSize = search.PageSize,
            Translate = search.Translate,
            UiLanguage = search.UiLanguage,
        };
        var excluded = new List<string>();
        foreach (var source in sources) excluded.AddRange(await StaleAndHiddenAsync(source, viewer, ct));
        var results = await index.Value.SearchAsync(query with { ExcludeIds = excluded }, ct);
        var hidden = await HiddenAsync(byModule, results, viewer, ct);
        if (hidden.Count > 0)
        {
            // A change was committed during the search: catch up, then ask again leaving out what is still hidden.
            if (indexer.IsRunning) await indexer.FlushAsync(ct);
            excluded.Clear();
            foreach (var source in sources) excluded.AddRange(await StaleAndHiddenAsync(source, viewer, ct));
            excluded.AddRange(hidden);
            results = await index.Value.SearchAsync(query with { ExcludeIds = excluded }, ct);
            hidden = await HiddenAsync(byModule, results, viewer, ct);
            excluded.AddRange(hidden);
        }
        // The kind facet: the same query per module, counted by the index over the same exclusions.
        var kinds = new List<KindCount>();
        foreach (var source in sources)
        {
            var total = source.Module == kind && hidden.Count == 0 ? results.Total
                : (await index.Value.SearchAsync(query with { Module = source.Module, Page = 1, PageSize = 1, ExcludeIds = excluded }, ct)).Total;
            kinds.Add(new KindCount(source.Module, source.KindLabel, total));
        }
        var hits = results.Hits.Where(h => !hidden.Contains(h.Id) && byModule.ContainsKey(h.Module)).Select(h =>
        {
            var source = byModule[h.Module];
            return new CombinedHit(h.Id, h.Module, source.KindLabel, source.PathOf(h.Id), h.Title, h.Language, h.Date, h.Snippet);
        }).ToList();
        return new CombinedSearchResults(kind is null ? kinds.Sum(c => c.Count) : kinds.Single(c => c.Kind == kind).Count, hits,
            [.. kinds.OrderByDescending(c => c.Count).ThenBy(c => c.Kind, StringComparer.Ordinal)], results.Translations, results.Error);
    }

    // The hits that their own module's source does not show the viewer.
    private static async Task<HashSet<string>> HiddenAsync(Dictionary<string, ISearchSource> sources, SearchResults results, Viewer viewer, CancellationToken ct)
    {
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in results.Hits.GroupBy(h => h.Module, StringComparer.Ordinal))
        {
            var ids = group.Select(h => h.Id).ToList();
            if (!sources.TryGetValue(group.Key, out var source))
            {
                hidden.UnionWith(ids);   // no module answers for it: never shown
                continue;
            }
            var visible = await source.VisibleAsync(ids, viewer, ct);
            hidden.UnionWith(ids.Where(id => !visible.Contains(id)));
        }
        return hidden;
    }

    public Task<bool> CatchUpAsync(CancellationToken ct) => indexer.CatchUpAsync(ct);

    public Task<bool> CatchUpAndCompactAsync(CancellationToken ct) => indexer.CatchUpAsync(ct, compactNow: true);

    public IReadOnlyList<long> SavedOutboxRows(DbContext db, string module, IReadOnlySet<string> recordIds)
    {
        // Read without a change scan: the save has just run one.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. db.ChangeTracker.Entries<SearchOutboxEntry>()
                .Where(e => e.State == EntityState.Unchanged && e.Entity.Module == module && recordIds.Contains(e.Entity.RecordId))
                .Select(e => e.Entity.Id)];
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public Task<bool> IndexSavedAsync(IReadOnlyCollection<SearchDocument> documents, IReadOnlyCollection<long> outboxRows, CancellationToken ct) =>
        indexer.IndexSavedAsync(documents, outboxRows, ct);
}
