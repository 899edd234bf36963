using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Polis.Data;

namespace Polis.Searching;

/// <summary>
/// The records of each module with a change the index has not applied yet (the outbox), as the search service last
/// read them (issue 21: an outbox query on every search, almost always answering "none"). An answer is kept while no
/// data changed in this process (<see cref="DataChanges.Generation"/>: every save, every commit of a transaction that
/// saved, every index update — the indexer's flush also brings the rows another process such as <c>polis import</c>
/// wrote) and for at most <see cref="MaxAge"/>, so that a change made by another process that the indexer has not
/// taken yet is seen within that time. An answer read while a change happened is not kept. What the cache may miss for
/// up to <see cref="MaxAge"/> (another process's change of access) can only make totals and facets count a record
/// the index still shows: the hits themselves are always re-checked against the database.
/// </summary>
internal sealed class PendingChanges(DataChanges changes)
{
    internal static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Known> byModule = new(StringComparer.Ordinal);

    private sealed record Known(long Generation, long ReadAt, IReadOnlyList<string> Ids);

    /// <summary>
    /// The module's pending record ids, at most <paramref name="limit"/> + 1 (more: an import running); the context is
    /// asked for only when the outbox is read.
    /// </summary>
    public async Task<IReadOnlyList<string>> OfAsync(Func<PolisDb> db, string module, int limit, CancellationToken ct)
    {
        var generation = changes.Generation;
        var now = Environment.TickCount64;
        if (byModule.TryGetValue(module, out var known) && known.Generation == generation && now - known.ReadAt < MaxAge.TotalMilliseconds)
            return known.Ids;
        var pending = await db().Set<SearchOutboxEntry>().AsNoTracking().Where(e => e.Module == module)
            .Select(e => e.RecordId).Distinct().OrderBy(id => id).Take(limit + 1).ToListAsync(ct);
        if (changes.Generation == generation) byModule[module] = new Known(generation, now, pending);
        return pending;
    }
}
