using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Polis.Data;

/// <summary>
/// Tells this process's caches (reference data, anonymous pages) that stored data changed: after every successful
/// save of any <see cref="PolisDb"/> of the process (of any host in it), again when a transaction that saved commits, and when the search
/// index takes in changes (which also brings changes another process, such as <c>polis import</c>, made to searchable
/// records). A cache keyed by <see cref="Generation"/> or cleared on <see cref="Changed"/> never serves what was read
/// before a change it was told of.
/// </summary>
public sealed class DataChanges : IDisposable
{
    // Every host of the process hears every change: a production process has one host, but tests run several on one
    // database (a second host with other settings), and a cache that drops too often is only slower.
    private static event Action<IReadOnlyCollection<Type>>? InProcess;

    private long generation;

    public DataChanges() => InProcess += Heard;

    /// <summary>Grows by one or more on every change; a value read before computing something tells whether it is still current.</summary>
    public long Generation => Interlocked.Read(ref generation);

    /// <summary>Raised after each change, with the entity types written (empty when not known, e.g. an index update).</summary>
    public event Action<IReadOnlyCollection<Type>>? Changed;

    /// <summary>Records a change of the given entity types (none: of anything), for every host of the process.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Callers hold the injected service; every host hears it.")]
    public void Notify(IReadOnlyCollection<Type> types) => InProcess?.Invoke(types);

    private void Heard(IReadOnlyCollection<Type> types)
    {
        Interlocked.Increment(ref generation);
        try
        {
            Changed?.Invoke(types);
        }
        catch (ObjectDisposedException)
        {
            // A host being stopped: its caches are going away anyway.
        }
    }

    public void Dispose() => InProcess -= Heard;

    /// <summary>Whether a change of <paramref name="types"/> may touch types of the namespace given (an unknown change may touch anything).</summary>
    public static bool Touches(IReadOnlyCollection<Type> types, string namespacePrefix) =>
        types.Count == 0 || types.Any(t => t.Namespace is { } ns && ns.StartsWith(namespacePrefix, StringComparison.Ordinal));
}

/// <summary>Reports each successful save (and each commit of a transaction that saved) to <see cref="DataChanges"/>.</summary>
internal sealed class DataChangesInterceptor(DataChanges changes) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private List<Type>? saving;
    private HashSet<Type>? inTransaction;

    private void Collect(DbContext? db)
    {
        saving = db is null ? null : [.. db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Metadata.ClrType).Distinct()];
    }

    private void Saved(DbContext? db)
    {
        if (saving is not { Count: > 0 } types) return;
        saving = null;
        if (db?.Database.CurrentTransaction is not null) (inTransaction ??= []).UnionWith(types);
        changes.Notify(types);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => saving = null;

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        saving = null;
        return Task.CompletedTask;
    }

    // A save inside a transaction is told at once (a cache may drop early) and again at commit, so that nothing read
    // between the save and the commit (the old rows) stays cached.
    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed();

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed();
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => inTransaction = null;

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        inTransaction = null;
        return Task.CompletedTask;
    }

    private void Committed()
    {
        if (inTransaction is not { Count: > 0 } types) return;
        inTransaction = null;
        changes.Notify([.. types]);
    }
}
