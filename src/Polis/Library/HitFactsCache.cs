using System.Collections.Concurrent;
using Polis.Data;

namespace Polis.Library;

/// <summary>
/// The facts search hits show (type, year, editions' languages and titles, access level, file formats), per document,
/// kept until the next change of any data (<see cref="DataChanges.Generation"/>; issue 21). They do not depend on the
/// viewer; which documents a viewer gets facts for does, and <see cref="DocumentQueries.HitFactsAsync"/> asks only for
/// the documents it has just found visible to that viewer. Facts read while a change happened are not kept. Bounded:
/// past <see cref="MaxEntries"/> it starts again empty.
/// </summary>
public sealed class HitFactsCache(DataChanges changes)
{
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<Guid, (long Generation, HitFacts Facts)> entries = new();

    /// <summary>The facts of <paramref name="ids"/>; those not known at the current generation are loaded at once by <paramref name="load"/>.</summary>
    internal async Task<Dictionary<Guid, HitFacts>> GetAsync(IReadOnlyCollection<Guid> ids,
        Func<List<Guid>, CancellationToken, Task<Dictionary<Guid, HitFacts>>> load, CancellationToken ct)
    {
        var generation = changes.Generation;
        var found = new Dictionary<Guid, HitFacts>(ids.Count);
        List<Guid>? missing = null;
        foreach (var id in ids)
        {
            if (entries.TryGetValue(id, out var hit) && hit.Generation == generation) found[id] = hit.Facts;
            else (missing ??= []).Add(id);
        }
        if (missing is null) return found;
        var loaded = await load(missing, ct);
        var keep = changes.Generation == generation;
        if (keep && entries.Count + loaded.Count > MaxEntries) entries.Clear();
        foreach (var (id, facts) in loaded)
        {
            found[id] = facts;
            if (keep) entries[id] = (generation, facts);
        }
        return found;
    }
}
