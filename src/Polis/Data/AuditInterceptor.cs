using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Polis.Data;

/// <summary>
/// Before each save: bumps <see cref="IVersioned.Version"/> (a stale edit then fails with a concurrency error)
/// and adds an <see cref="AuditEntry"/> for every audited entity written, in the same transaction.
/// </summary>
internal sealed class AuditInterceptor(CurrentActor actor, TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? db)
    {
        if (db is null) return;
        var now = clock.GetUtcNow();
        var entries = new List<AuditEntry>();
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Entity is IVersioned versioned && entry.State == EntityState.Modified)
                versioned.Version++;
            var root = entry.Metadata.IsOwned() ? null : entry;
            if (root?.Entity is not IAudited) continue;
            var changed = entry.State == EntityState.Modified
                ? string.Join(",", entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name))
                : "";
            var key = string.Join("/", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));
            entries.Add(AuditEntry.Of(now, actor.Viewer.UserId, actor.Viewer.Name ?? "anonymous",
                entry.State.ToString(), entry.Metadata.ClrType.Name, key, changed));
        }
        db.Set<AuditEntry>().AddRange(entries);
    }
}
