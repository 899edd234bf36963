using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Search;
using Polis.Searching.Contracts;

namespace Polis.Searching;

/// <summary>
/// Searches one module's records for a viewer: the index filters by the viewer's access keys before counting, then
/// the module's source re-checks each hit against the database. A hit the database does not show means the index
/// lags a change: the service catches up and asks once more, and drops (and stops counting) whatever is still hidden.
/// </summary>
internal sealed class SearchService(SearchIndexHolder index, SearchIndexer indexer, IServiceProvider services) : ISearchService
{
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
        var results = await index.Value.SearchAsync(query, ct);
        var hidden = await HiddenAsync(source, results, viewer, ct);
        if (hidden.Count == 0) return results;

        // The index lags a change (an access level just narrowed): catch up, then ask again.
        if (indexer.IsRunning) await indexer.FlushAsync(ct);
        results = await index.Value.SearchAsync(query, ct);
        hidden = await HiddenAsync(source, results, viewer, ct);
        return hidden.Count == 0 ? results : results with
        {
            Hits = [.. results.Hits.Where(h => !hidden.Contains(h.Id))],
            Total = Math.Max(0, results.Total - hidden.Count),
        };
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
