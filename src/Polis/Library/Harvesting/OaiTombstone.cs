using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Polis.Accounts.Contracts;

namespace Polis.Library.Harvesting;

/// <summary>
/// What OAI-PMH keeps of a document that harvesters saw and may no longer see (withdrawn, deleted, back to draft, or
/// given a stricter access level): its identifier, when it left the public library, and the sets it was in
/// (deletedRecord = persistent). A document that was never public has none, so nothing about it reaches a harvester.
/// The row goes when the document is public again.
/// </summary>
internal sealed class OaiTombstone
{
    public Guid DocumentId { get; private init; }
    public DateTimeOffset DeletedAt { get; private set; }
    public DocumentType Type { get; private set; }
    public List<string> Priorities { get; private set; } = [];

    public static OaiTombstone For(Guid documentId, DocumentType type, IEnumerable<string> priorities, DateTimeOffset at) =>
        new() { DocumentId = documentId, DeletedAt = at, Type = type, Priorities = [.. priorities] };
}

internal sealed class OaiTombstoneMapping : IEntityTypeConfiguration<OaiTombstone>
{
    public void Configure(EntityTypeBuilder<OaiTombstone> e)
    {
        e.ToTable("lib_oai_tombstone");
        e.HasKey(t => t.DocumentId);
        e.Property(t => t.DocumentId).ValueGeneratedNever();
        e.Property(t => t.Type).HasConversion<string>().HasMaxLength(32);
        e.HasIndex(t => t.DeletedAt);
    }
}

/// <summary>
/// Keeps <see cref="OaiTombstone"/>s in step with every save, whatever wrote it (a page, the API, the life cycle, an
/// import): a document that stops being public gets one in the same transaction, one that becomes public loses it.
/// </summary>
internal sealed class OaiTombstoneInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db)
        {
            var (leaving, returning) = Changes(db);
            Apply(db, leaving, returning.Count == 0 ? [] : [.. db.Set<OaiTombstone>().Where(t => returning.Contains(t.DocumentId))]);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            var (leaving, returning) = Changes(db);
            Apply(db, leaving, returning.Count == 0 ? []
                : await db.Set<OaiTombstone>().Where(t => returning.Contains(t.DocumentId)).ToListAsync(cancellationToken));
        }
        return result;
    }

    private static (List<Document> Leaving, List<Guid> Returning) Changes(DbContext db)
    {
        List<Document> leaving = [];
        List<Guid> returning = [];
        foreach (var entry in db.ChangeTracker.Entries<Document>())
        {
            var wasPublic = entry.State is EntityState.Modified or EntityState.Deleted && IsPublic(entry.OriginalValues);
            var isPublic = entry.State is EntityState.Added or EntityState.Modified && IsPublic(entry.CurrentValues);
            if (wasPublic && !isPublic) leaving.Add(entry.Entity);
            else if (isPublic && !wasPublic && entry.State == EntityState.Modified) returning.Add(entry.Entity.Id);
        }
        return (leaving, returning);
    }

    // Public = what an anonymous harvester reads (AccessRule): published at the Public level.
    private static bool IsPublic(PropertyValues values) =>
        values.GetValue<PublicationState>(nameof(Document.State)) == PublicationState.Published
        && values.GetValue<AccessLevel>(nameof(Document.Access)) == AccessLevel.Public;

    private void Apply(DbContext db, List<Document> leaving, List<OaiTombstone> returned)
    {
        if (leaving.Count > 0)
        {
            var now = clock.GetUtcNow();
            var ids = leaving.Select(d => d.Id).ToList();
            var existing = db.ChangeTracker.Entries<OaiTombstone>().Where(t => ids.Contains(t.Entity.DocumentId)).ToDictionary(t => t.Entity.DocumentId);
            foreach (var document in leaving.Where(d => !existing.ContainsKey(d.Id)))
                db.Set<OaiTombstone>().Add(OaiTombstone.For(document.Id, document.Type, document.Priorities, now));
        }
        db.Set<OaiTombstone>().RemoveRange(returned);
    }
}
