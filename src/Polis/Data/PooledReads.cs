using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Polis.Accounts.Contracts;

namespace Polis.Data;

/// <summary>
/// Pooled contexts for the reads every search makes (issue 21, sixth pass: the re-check of a page of hits). A request's
/// own <see cref="PolisDb"/> builds its options with the request's interceptors and its own internal service scope
/// before its first query: about a third of what an uncached search page allocated, for one query. These contexts come
/// from EF Core's pool with options built once, hold no interceptor but the SQLite pragmas, track nothing and cannot
/// save. The access rule still holds per viewer: each lease sets the viewer the context's access filter reads
/// (<see cref="PolisDb.ReadFor"/>) and clears it when the context goes back to the pool; queries add
/// <see cref="AccessRule.VisibleTo{T}"/> for the same viewer as any other read does.
/// </summary>
public sealed class PooledReads(Func<PolisDb> rent)
{
    /// <summary>The contexts kept for reuse (EF Core's pool size); more leases at once get a fresh context each.</summary>
    internal const int PoolSize = 64;

    /// <summary>A context that reads for <paramref name="viewer"/> until the lease is disposed.</summary>
    public Lease For(Viewer viewer)
    {
        var db = rent();
        db.ReadFor(viewer);
        return new Lease(db);
    }

    /// <summary>One pooled context, reading for one viewer; disposing it returns the context to the pool.</summary>
    public readonly struct Lease(PolisDb db) : IDisposable
    {
        public PolisDb Db { get; } = db;

        public void Dispose()
        {
            Db.ReadFor(null);
            Db.Dispose();
        }
    }

    internal static DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> options) where T : PolisDb =>
        options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).AddInterceptors(new RefuseSaves());

    /// <summary>A pooled read context is for reading: a save through it would bypass the audit and the search outbox.</summary>
    private sealed class RefuseSaves : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
            throw new InvalidOperationException("A pooled read context cannot save; use the request's PolisDb.");

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("A pooled read context cannot save; use the request's PolisDb.");
    }
}
