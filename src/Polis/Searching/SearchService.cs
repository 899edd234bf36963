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
internal sealed class SearchService(SearchIndexHolder index, SearchIndexer indexer, PolisDb db, IServiceProvider services) : ISearchService
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
        var pending = await db.Set<SearchOutboxEntry>().AsNoTracking().Where(e => e.Module == source.Module)
            .Select(e => e.RecordId).Distinct().Take(MaxPendingRechecked + 1).ToListAsync(ct);
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

    public Task<bool> CatchUpAsync(CancellationToken ct) => indexer.CatchUpAsync(ct);
}
