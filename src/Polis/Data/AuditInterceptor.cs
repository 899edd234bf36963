using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Polis.Accounts.Contracts;

namespace Polis.Data;

/// <summary>
/// Before each save, by aggregate root: every write to an audited record or to one of its parts (owned entities
/// such as access grants, and <see cref="IAuditedPart"/> dependents such as editions and files) bumps the record's
/// <see cref="IVersioned.Version"/> once (a stale edit then fails with a concurrency error) and adds one
/// <see cref="AuditEntry"/> for the record, in the same transaction, saying what changed.
/// </summary>
internal sealed class AuditInterceptor(CurrentActor actor, TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) Stamp(db, Collect(db, (type, key) => db.Find(type, key)));
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } db) return result;
        // Roots of changed parts that are not tracked are loaded first, so that Collect can stay synchronous.
        foreach (var (type, key) in UntrackedRoots(db))
            await db.FindAsync(type, key, cancellationToken);
        Stamp(db, Collect(db, (type, key) => db.Find(type, key)));
        return result;
    }

    private static bool Written(EntityEntry e) => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;

    /// <summary>The root records of the written parts, as (type, key) pairs; Find answers them from the tracker when it can.</summary>
    private static List<(Type, object?[])> UntrackedRoots(DbContext db) =>
        [.. db.ChangeTracker.Entries().Where(e => Written(e) && e.Entity is IAuditedPart)
            .Select(PrincipalKey).OfType<(Type, object?[])>()];

    private static (Type, object?[])? PrincipalKey(EntityEntry part)
    {
        var fk = part.Metadata.GetForeignKeys().FirstOrDefault(f => IsAuditable(f.PrincipalEntityType.ClrType));
        if (fk is null) return null;
        var values = fk.Properties.Select(p => part.State == EntityState.Deleted ? part.OriginalValues[p] : part.CurrentValues[p]).ToArray();
        return (fk.PrincipalEntityType.ClrType, values);
    }

    private static bool IsAuditable(Type t) => typeof(IAudited).IsAssignableFrom(t) || typeof(IAuditedPart).IsAssignableFrom(t);

    /// <summary>Groups the written entries by the audited record they belong to.</summary>
    private static List<(EntityEntry Root, List<EntityEntry> Parts)> Collect(DbContext db, Func<Type, object?[], object?> find)
    {
        // Keyed by the entity itself: EF hands out a new EntityEntry wrapper on every call.
        var byRoot = new Dictionary<object, (EntityEntry Root, List<EntityEntry> Parts)>(ReferenceEqualityComparer.Instance);
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (!Written(entry)) continue;
            if (RootOf(db, entry, find) is not { } root) continue;
            if (!byRoot.TryGetValue(root.Entity, out var group)) byRoot[root.Entity] = group = (root, []);
            if (!ReferenceEquals(root.Entity, entry.Entity)) group.Parts.Add(entry);
        }
        return [.. byRoot.Values];
    }

    private static EntityEntry? RootOf(DbContext db, EntityEntry entry, Func<Type, object?[], object?> find)
    {
        for (var current = entry; ;)
        {
            if (current.Metadata.FindOwnership() is { } ownership)
            {
                var keys = ownership.Properties.Select(p => current.State == EntityState.Deleted ? current.OriginalValues[p] : current.CurrentValues[p]).ToArray();
                if (find(ownership.PrincipalEntityType.ClrType, keys) is not { } principal) return null;
                current = db.Entry(principal);
                continue;
            }
            if (current.Entity is IAudited) return current;
            if (current.Entity is not IAuditedPart) return null;
            if (PrincipalKey(current) is not var (type, key)) return null;
            if (find(type, key) is not { } parent) return null;
            current = db.Entry(parent);
        }
    }

    private void Stamp(DbContext db, List<(EntityEntry Root, List<EntityEntry> Parts)> byRoot)
    {
        var now = clock.GetUtcNow();
        var entries = new List<AuditEntry>();
        foreach (var (root, parts) in byRoot)
        {
            var action = root.State switch
            {
                EntityState.Added => "Added",
                EntityState.Deleted => "Deleted",
                _ => "Modified",
            };
            var changes = root.State is EntityState.Added or EntityState.Deleted ? "" : Describe(root, parts);
            // Through the entry, so the save sees the bump without scanning for changes again (an import saves with the
            // scan turned off: ImportDocuments).
            if (root.State != EntityState.Added && root.State != EntityState.Deleted && root.Entity is IVersioned versioned)
                root.Property(nameof(IVersioned.Version)).CurrentValue = versioned.Version + 1;
            var key = string.Join("/", root.Metadata.FindPrimaryKey()!.Properties.Select(p => root.Property(p.Name).CurrentValue));
            entries.Add(AuditEntry.Of(now, actor.Viewer.UserId, actor.Viewer.Name ?? "anonymous", action, root.Metadata.ClrType.Name, key, changes));
        }
        db.Set<AuditEntry>().AddRange(entries);
    }

    /// <summary>
    /// What changed in one record: its changed properties by name, the access level, parties and owner with their
    /// old and new values (they are codes, not restricted text), and each changed part by kind and property names.
    /// </summary>
    private static string Describe(EntityEntry root, List<EntityEntry> parts)
    {
        var lines = new List<string>();
        string[] described = [nameof(IVersioned.Version), nameof(IRestricted.Access), nameof(IOwned.OwnerCode)];
        var names = root.Properties.Where(p => p.IsModified && !described.Contains(p.Metadata.Name)).Select(p => p.Metadata.Name).ToList();
        if (names.Count > 0) lines.Add(string.Join(",", names));

        if (root.Entity is IRestricted)
        {
            var grants = parts.Where(p => p.Entity is AccessGrant).ToList();
            var access = root.Property(nameof(IRestricted.Access));
            var unchanged = ((IRestricted)root.Entity).AllowedParties.Where(g => grants.All(p => !ReferenceEquals(p.Entity, g)));
            var before = Keys(unchanged.Concat(grants.Where(g => g.State == EntityState.Deleted).Select(g => (AccessGrant)g.Entity)));
            var after = Keys(((IRestricted)root.Entity).AllowedParties);
            if (access.IsModified || before != after)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"Access: {access.OriginalValue} -> {access.CurrentValue}"));
                lines.Add($"AllowedParties: [{before}] -> [{after}]");
            }
            parts = [.. parts.Where(p => p.Entity is not AccessGrant)];
        }
        if (root.Entity is IOwned && root.Property(nameof(IOwned.OwnerCode)) is { IsModified: true } owner)
            lines.Add($"OwnerCode: {owner.OriginalValue} -> {owner.CurrentValue}");

        foreach (var group in parts.GroupBy(p => (p.Metadata.ClrType.Name, p.State)).OrderBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var changed = group.Key.State == EntityState.Modified
                ? " " + string.Join(",", group.SelectMany(p => p.Properties.Where(x => x.IsModified).Select(x => x.Metadata.Name)).Distinct(StringComparer.Ordinal))
                : "";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{group.Key.Name} {group.Key.State} x{group.Count()}{changed}"));
        }
        return string.Join("; ", lines);
    }

    private static string Keys(IEnumerable<AccessGrant> grants) =>
        string.Join(", ", grants.Select(g => g.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
