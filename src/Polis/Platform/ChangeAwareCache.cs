using System.Collections.Concurrent;
using Polis.Accounts.Contracts;
using Polis.Data;

namespace Polis.Platform;

/// <summary>
/// Answers computed from stored data, kept until the next change of any data (<see cref="DataChanges.Generation"/>):
/// the "related documents" of a document page, the holdings counts of the home page. Keys must name everything the
/// answer depends on, the viewer's access included (<see cref="AccessSet"/>); an answer computed while a change
/// happened is not kept. Bounded: past <see cref="MaxEntries"/> it starts again empty.
/// </summary>
public sealed class ChangeAwareCache(DataChanges changes)
{
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (long Generation, object Value)> entries = new(StringComparer.Ordinal);

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> load) where T : class
    {
        var generation = changes.Generation;
        if (entries.TryGetValue(key, out var hit) && hit.Generation == generation) return (T)hit.Value;
        var value = await load();
        if (changes.Generation == generation)
        {
            if (entries.Count >= MaxEntries) entries.Clear();
            entries[key] = (generation, value);
        }
        return value;
    }

    /// <summary>
    /// What a viewer may read, as a cache key: the access keys the search index and the database filter by
    /// (<see cref="AccessRule.ViewerKeys"/>; the access matrix tests prove them equal), "*" for an administrator.
    /// </summary>
    public static string AccessSet(Viewer viewer) =>
        AccessRule.ViewerKeys(viewer) is { } keys ? string.Join(',', keys.Order(StringComparer.Ordinal)) : "*";
}
