using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Reference;

/// <summary>
/// The reference lists and names in memory, per language: every page reads them (the home page four times, a
/// document page once), and they change rarely. A save that writes any reference record (or an unknown change) drops
/// them all (<see cref="DataChanges"/>); an answer computed while a change happened is not kept. Entries also expire
/// after <see cref="Lifetime"/>, for a change made by another process.
/// </summary>
internal sealed class ReferenceCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (object Value, DateTimeOffset Expires)> entries = new(StringComparer.Ordinal);
    private readonly DataChanges changes;
    private readonly TimeProvider clock;
    private long generation;

    public ReferenceCache(DataChanges changes, TimeProvider clock)
    {
        this.changes = changes;
        this.clock = clock;
        changes.Changed += types =>
        {
            if (!DataChanges.Touches(types, typeof(ReferenceCache).Namespace!)) return;
            Interlocked.Increment(ref generation);
            entries.Clear();
        };
    }

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> load) where T : class
    {
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(key, out var hit) && hit.Expires > now) return (T)hit.Value;
        var before = Interlocked.Read(ref generation);
        var value = await load();
        if (Interlocked.Read(ref generation) == before)
        {
            entries[key] = (value, now + Lifetime);
            // A change that cleared the cache between the check and the store: the stored answer may be old.
            if (Interlocked.Read(ref generation) != before) entries.TryRemove(key, out _);
        }
        return value;
    }

    /// <summary>Drops everything (tests, a change made outside EF).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref generation);
        entries.Clear();
    }
}

/// <summary>The reference directory through <see cref="ReferenceCache"/>; what it answers is the same as the database's.</summary>
/// <remarks>
/// The database's directory (and so the request's <c>PolisDb</c>) is resolved on a miss only (issue 21, ninth pass: an
/// uncached search page built a DbContext on every request for names it found in the cache).
/// </remarks>
internal sealed class CachedReferenceDirectory(IServiceProvider services, ReferenceCache cache) : IReferenceDirectory
{
    private ReferenceDirectory? directory;

    private ReferenceDirectory Inner => directory ??= services.GetRequiredService<ReferenceDirectory>();

    private static string Key(string what, CultureInfo culture) => what + "|" + culture.Name;

    public Task<IReadOnlyList<ReferenceOption>> StatesAsync(CultureInfo culture, bool includePartners, CancellationToken ct) =>
        cache.GetAsync(Key(includePartners ? "states+partners" : "states", culture), () => Inner.StatesAsync(culture, includePartners, ct));

    public Task<IReadOnlyList<ReferenceOption>> ExecutiveStructuresAsync(CultureInfo culture, CancellationToken ct) =>
        cache.GetAsync(Key("structures", culture), () => Inner.ExecutiveStructuresAsync(culture, ct));

    public Task<IReadOnlyList<ReferenceOption>> PartnerOrganisationsAsync(CultureInfo culture, CancellationToken ct) =>
        cache.GetAsync(Key("partners", culture), () => Inner.PartnerOrganisationsAsync(culture, ct));

    public Task<IReadOnlyList<ReferenceOption>> DecisionMakingBodiesAsync(CultureInfo culture, CancellationToken ct) =>
        cache.GetAsync(Key("bodies", culture), () => Inner.DecisionMakingBodiesAsync(culture, ct));

    public Task<IReadOnlyList<ReferenceOption>> ThematicPrioritiesAsync(CultureInfo culture, CancellationToken ct) =>
        cache.GetAsync(Key("priorities", culture), () => Inner.ThematicPrioritiesAsync(culture, ct));

    public Task<IReadOnlyList<ReferenceOption>> LinesOfActionAsync(CultureInfo culture, CancellationToken ct) =>
        cache.GetAsync(Key("lines", culture), () => Inner.LinesOfActionAsync(culture, ct));

    public Task<ReferenceSummary> SummaryAsync(CancellationToken ct) =>
        cache.GetAsync("summary", () => Inner.SummaryAsync(ct));

    public Task<ReferenceNames> NamesAsync(CultureInfo culture, CancellationToken ct) =>
        cache.GetAsync(Key("names", culture), () => Inner.NamesAsync(culture, ct));
}
