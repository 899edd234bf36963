using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Polis.Data;

/// <summary>
/// Asks for the saves of one scope's context (a <c>polis import</c> batch) to be written set-based
/// (<see cref="BulkSaveInterceptor"/>) rather than row by row through EF Core's update pipeline. Off by default.
/// </summary>
public sealed class BulkSave
{
    public bool Requested { get; set; }
}

/// <summary>
/// Writes a save that only adds rows with <see cref="BulkInsert"/> (one JSON parameter per thousand rows on SQLite)
/// instead of EF Core's update pipeline, which on an import's batch spent most of the save building, preparing and
/// binding a command per row (issue 21, sixth pass). It runs after every other interceptor, so the audit entries,
/// search outbox rows and OAI tombstones they add are in the tracker and written with the rest: exactly the rows
/// an EF save writes (tested: <c>SavingAnImportInBulk</c>). Only when <see cref="BulkSave.Requested"/>, on SQLite,
/// and when every written entry is new; anything else (an edit, a delete, PostgreSQL, whose identity ids this
/// does not read back) goes through EF as before. Ids the database numbers (audit, outbox, grants) are read back
/// in the transaction, which holds SQLite's write lock, so they are the ones EF would have set.
/// </summary>
internal sealed class BulkSaveInterceptor(BulkSave bulk) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (!bulk.Requested || result.HasResult || eventData.Context is not PolisDb db
            || db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) != true) return result;
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var written = db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged && e.State != EntityState.Detached).ToList();
            if (written.Count == 0 || written.Any(e => e.State != EntityState.Added)) return result;
            try
            {
                if (db.Database.CurrentTransaction is not null) await InsertAsync(db, written, cancellationToken);
                else await BulkInsert.InTransactionAsync(db, () => InsertAsync(db, written, cancellationToken), cancellationToken);
            }
            catch (DbException e)
            {
                // What EF's own save throws for a refused row, so callers handle both paths alike (an import saves a refused
                // batch again row by row).
                throw new DbUpdateException(e.Message, e);
            }
            db.ChangeTracker.AcceptAllChanges();
            return InterceptionResult<int>.SuppressWithResult(written.Count);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>The new rows, table by table, principals before their dependents (documents before editions before files).</summary>
    private static async Task InsertAsync(PolisDb db, List<EntityEntry> written, CancellationToken ct)
    {
        var byType = written.GroupBy(e => e.Metadata).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var type in PrincipalsFirst(byType.Keys))
        {
            var entries = byType[type];
            var rows = entries.Select(e => e.Entity).ToList();
            var entryOf = entries.ToDictionary(e => e.Entity, ReferenceEqualityComparer.Instance);
            var identity = BulkInsert.IdentityKey(type);
            long before = identity is null ? 0 : await BulkInsert.MaxIdAsync(db, type, identity, ct);
            await BulkInsert.InsertAsync(db, type, rows, (row, property) => entryOf[row].Property(property.Name).CurrentValue, ct);
            if (identity is null) continue;
            // The ids SQLite numbered, in the order the rows went in (one statement per chunk, rowid = max + 1 each).
            var ids = await BulkInsert.IdsAfterAsync(db, type, identity, before, ct);
            if (ids.Count != entries.Count)
                throw new InvalidOperationException($"{type.DisplayName()}: {entries.Count} rows written, {ids.Count} ids read back.");
            for (var i = 0; i < entries.Count; i++)
            {
                var key = entries[i].Property(identity.Name);
                key.CurrentValue = Convert.ChangeType(ids[i], identity.ClrType, System.Globalization.CultureInfo.InvariantCulture);
                key.IsTemporary = false;
            }
        }
    }

    /// <summary>The entity types in an order where each comes after the types its foreign keys point to (among these).</summary>
    private static List<IEntityType> PrincipalsFirst(IEnumerable<IEntityType> types)
    {
        var set = types.ToHashSet();
        var ordered = new List<IEntityType>();
        var visiting = new HashSet<IEntityType>();
        void Visit(IEntityType t)
        {
            if (ordered.Contains(t) || !visiting.Add(t)) return;
            foreach (var fk in t.GetForeignKeys())
                if (fk.PrincipalEntityType != t && set.Contains(fk.PrincipalEntityType)) Visit(fk.PrincipalEntityType);
            ordered.Add(t);
        }
        foreach (var t in set.OrderBy(t => t.Name, StringComparer.Ordinal)) Visit(t);
        return ordered;
    }
}
