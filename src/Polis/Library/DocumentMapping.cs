using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Polis.Accounts.Contracts;

namespace Polis.Library;

internal sealed class DocumentMapping : IEntityTypeConfiguration<Document>, IEntityTypeConfiguration<Edition>,
    IEntityTypeConfiguration<StoredFile>, IEntityTypeConfiguration<Citation>
{
    public void Configure(EntityTypeBuilder<Document> e)
    {
        e.ToTable("lib_document");
        // Ids are Guid v7 made by the entity; without this EF takes a new child with an id for an existing row.
        e.Property(d => d.Id).ValueGeneratedNever();
        e.Property(d => d.Title).HasMaxLength(500);
        e.Property(d => d.Symbol).HasMaxLength(80);
        e.HasIndex(d => d.Symbol).IsUnique();
        e.Property(d => d.Type).HasConversion<string>().HasMaxLength(32);
        e.Property(d => d.IssuingBody).HasMaxLength(32);
        e.Property(d => d.OwnerCode).HasMaxLength(32).IsRequired();
        e.HasIndex(d => d.OwnerCode);
        e.Property(d => d.Series).HasMaxLength(200);
        e.Property(d => d.Summary).HasMaxLength(5000);
        e.Property(d => d.Access).HasConversion<string>().HasMaxLength(16);
        // Rows from before the life cycle were all public at once: they are Published.
        e.Property(d => d.State).HasConversion<string>().HasMaxLength(16).HasDefaultValue(PublicationState.Published).HasSentinel((PublicationState)(-1));
        e.Property(d => d.WithdrawalReason).HasMaxLength(500);
        e.Property(d => d.Version).IsConcurrencyToken();
        e.HasIndex(d => d.PublishedOn);
        e.HasIndex(d => d.UpdatedAt);
        e.OwnsMany(d => d.AllowedParties, g =>
        {
            g.ToTable("lib_document_grant");
            g.WithOwner().HasForeignKey("DocumentId");
            g.Property<int>("Id");
            g.HasKey("Id");
            g.Property(x => x.OrganisationCode).HasMaxLength(32);
            g.Property(x => x.StateCode).HasMaxLength(2);
        });
        e.Navigation(d => d.AllowedParties).AutoInclude();
        e.HasMany(d => d.Editions).WithOne().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Edition> e)
    {
        e.ToTable("lib_edition");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Language).HasMaxLength(8);
        e.Property(x => x.Title).HasMaxLength(500);
        e.Property(x => x.Summary).HasMaxLength(5000);
        e.Property(x => x.TextStatus).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(x => new { x.DocumentId, x.Language }).IsUnique();
        e.HasMany(x => x.Files).WithOne().HasForeignKey(f => f.EditionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<StoredFile> e)
    {
        e.ToTable("lib_file");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.FileName).HasMaxLength(255);
        e.Property(x => x.MediaType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        e.HasIndex(x => x.Sha256);
    }

    public void Configure(EntityTypeBuilder<Citation> e)
    {
        e.ToTable("lib_citation");
        e.HasKey(x => new { x.DocumentId, x.Symbol });
        e.Property(x => x.Symbol).HasMaxLength(80);
        e.HasIndex(x => x.Symbol);
        e.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}
