using System.Collections.Concurrent;
using Polis.Data;

namespace Polis.Library;

/// <summary>
/// Which documents each access set may read, as the database last answered (issue 21, eighth pass: the re-check of a
/// page of search hits was the one query of an uncached search, and about 40 % of its time on SQLite: a pooled
/// connection, its pragmas, a statement prepared and run). An answer is served only while the database is exactly as
/// it was when it was read: no change in this process (<see cref="DataChanges.Generation"/>) and no commit by any
/// connection of any process (<see cref="DatabaseVersion"/>, SQLite's data_version), so it is the answer the database
/// would give. Where the version cannot be told (PostgreSQL), nothing is kept and every re-check asks the database.
/// Keyed by the access set the database's filter reads (<see cref="Platform.ChangeAwareCache.AccessSet"/>; the access
/// matrix tests prove them equal): one viewer's answer is never given to a viewer with other keys. Bounded: past
/// <see cref="MaxEntries"/> documents or access sets it starts again empty.
/// </summary>
public sealed class DocumentVisibility(DataChanges changes, DatabaseVersion database)
{
    public const int MaxEntries = 10_000;

    private sealed record Known(long Generation, long Version)
    {
        public ConcurrentDictionary<Guid, bool> Visible { get; } = new();
    }

    private readonly ConcurrentDictionary<string, Known> byAccessSet = new(StringComparer.Ordinal);

    /// <summary>
    /// Which of <paramref name="guids"/> <paramref name="accessSet"/> may read; those not known for the database as it is
    /// now are asked at once by <paramref name="load"/> (which answers the visible ones among those it is given).
    /// </summary>
    internal async Task<HashSet<Guid>> VisibleAsync(List<Guid> guids, string accessSet,
        Func<List<Guid>, CancellationToken, Task<HashSet<Guid>>> load, CancellationToken ct)
    {
        // The generation first, then the version: an answer loaded after both were read is at least that new.
        var generation = changes.Generation;
        if (database.Current() is not { } version) return await load(guids, ct);
        var known = byAccessSet.TryGetValue(accessSet, out var k) && k.Generation == generation && k.Version == version ? k : null;
        var visible = new HashSet<Guid>(guids.Count);
        List<Guid>? missing = null;
        foreach (var id in guids)
        {
            if (known is not null && known.Visible.TryGetValue(id, out var shown))
            {
                if (shown) visible.Add(id);
            }
            else (missing ??= []).Add(id);
        }
        if (missing is null) return visible;
        var loaded = await load(missing, ct);
        visible.UnionWith(loaded);
        // Kept only when no change of this process happened meanwhile; a commit elsewhere changes the version, so what
        // is kept under the version read before is never served after it.
        if (changes.Generation != generation) return visible;
        if (known is null)
        {
            if (byAccessSet.Count >= MaxEntries) byAccessSet.Clear();
            known = byAccessSet.AddOrUpdate(accessSet, _ => new Known(generation, version),
                (_, old) => old.Generation == generation && old.Version == version ? old : new Known(generation, version));
            if (known.Generation != generation || known.Version != version) return visible;
        }
        if (known.Visible.Count + missing.Count > MaxEntries) known.Visible.Clear();
        foreach (var id in missing) known.Visible[id] = loaded.Contains(id);
        return visible;
    }
}
