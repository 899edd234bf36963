using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Polis.Data;
using Polis.Searching.Contracts;

namespace Polis.Searching;

/// <summary>
/// A record whose search form is out of date. Written in the same transaction as the change, removed once the
/// index has it: a crash between the two leaves the entry, and the next flush catches up.
/// </summary>
public sealed class SearchOutboxEntry
{
    public long Id { get; private init; }
    public string Module { get; private init; } = "";
    public string RecordId { get; private init; } = "";
    public DateTimeOffset EnqueuedAt { get; private init; }

    internal static SearchOutboxEntry For(string module, string id, DateTimeOffset at) => new() { Module = module, RecordId = id, EnqueuedAt = at };
}

internal sealed class SearchOutboxMapping : IEntityTypeConfiguration<SearchOutboxEntry>
{
    public void Configure(EntityTypeBuilder<SearchOutboxEntry> e)
    {
        e.ToTable("srch_outbox");
        e.Property(x => x.Module).HasMaxLength(32);
        e.Property(x => x.RecordId).HasMaxLength(64);
    }
}

internal sealed class SearchOutbox(PolisDb db, TimeProvider clock) : ISearchOutbox
{
    public void RecordChanged(string module, string id) =>
        db.Set<SearchOutboxEntry>().Add(SearchOutboxEntry.For(module, id, clock.GetUtcNow()));
}
