using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Polis.Activities;

internal sealed class ActivityMapping : IEntityTypeConfiguration<Activity>, IEntityTypeConfiguration<ActivityText>,
    IEntityTypeConfiguration<ActivityRevision>, IEntityTypeConfiguration<ActivityCoverageKey>, IEntityTypeConfiguration<ActivityCoverageCount>, IEntityTypeConfiguration<ActivityCoverageCell>,
    IEntityTypeConfiguration<Overlaps.ActivityOverlapFeatures>
{
    public void Configure(EntityTypeBuilder<Activity> e)
    {
        e.ToTable("act_activity");
        e.Property(a => a.Id).ValueGeneratedNever();
        e.Property(a => a.Language).HasMaxLength(8);
        e.Property(a => a.Title).HasMaxLength(500);
        e.Property(a => a.OwnerCode).HasMaxLength(32).IsRequired();
        e.HasIndex(a => a.OwnerCode);
        e.Property(a => a.Type).HasConversion<string>().HasMaxLength(32);
        e.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        e.PrimitiveCollection(a => a.Agencies).ElementType().HasConversion<string>();
        e.PrimitiveCollection(a => a.DocumentRoles).ElementType().HasConversion<string>();
        e.Property(a => a.Location).HasMaxLength(200);
        e.Property(a => a.LocationState).HasMaxLength(2);
        e.HasIndex(a => a.StartsOn);
        e.HasIndex(a => a.EndsOn);
        e.HasIndex(a => a.UpdatedAt);
        e.Property(a => a.Access).HasConversion<string>().HasMaxLength(16);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.OwnsMany(a => a.AllowedParties, g =>
        {
            g.ToTable("act_activity_grant");
            g.WithOwner().HasForeignKey("ActivityId");
            g.Property<int>("Id");
            g.HasKey("Id");
            g.Property(x => x.OrganisationCode).HasMaxLength(32);
            g.Property(x => x.StateCode).HasMaxLength(2);
        });
        e.Navigation(a => a.AllowedParties).AutoInclude();
        e.OwnsMany(a => a.ParticipantsByState, p =>
        {
            p.ToTable("act_participation");
            p.WithOwner().HasForeignKey("ActivityId");
            p.Property<int>("Id");
            p.HasKey("Id");
            p.Property(x => x.StateCode).HasMaxLength(2);
        });
        e.OwnsMany(a => a.BudgetLines, b =>
        {
            b.ToTable("act_budget_line");
            b.WithOwner().HasForeignKey("ActivityId");
            b.Property<int>("Id");
            b.HasKey("Id");
            // Exact money: 18 digits, 4 after the point (ISO 4217 minor units are at most 4).
            b.Property(x => x.Amount).HasPrecision(18, 4);
            b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
            b.Property(x => x.Funding).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.Donor).HasMaxLength(200);
        });
        e.HasMany(a => a.Texts).WithOne().HasForeignKey(t => t.ActivityId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(a => a.CoverageKeys).WithOne().HasForeignKey(k => k.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Overlaps.ActivityOverlapFeatures> e)
    {
        // One row per activity, written in its save's transaction (OverlapFeaturesInterceptor), deleted with it.
        e.ToTable("act_overlap_features");
        e.HasKey(f => f.ActivityId);
        e.Property(f => f.ActivityId).ValueGeneratedNever();
        e.Property(f => f.Language).HasMaxLength(8);
        e.HasOne<Activity>().WithOne().HasForeignKey<Overlaps.ActivityOverlapFeatures>(f => f.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ActivityCoverageKey> e)
    {
        // The triggers keep act_coverage_cell equal to the sums of these rows (migration ActivityCoverageCells); EF must
        // know of them (it then writes this table without RETURNING).
        e.ToTable("act_coverage_key", t =>
        {
            t.HasTrigger("act_coverage_key_insert");
            t.HasTrigger("act_coverage_key_update");
            t.HasTrigger("act_coverage_key_delete");
        });
        e.HasKey(k => new { k.ActivityId, k.State, k.Priority });
        e.Property(k => k.State).HasMaxLength(2);
        e.Property(k => k.Priority).HasMaxLength(64);
        e.Property(k => k.Access).HasConversion<string>().HasMaxLength(16);
        // The overlap check's blocking key. (A filtered coverage matrix reads its activities' keys by the primary key:
        // its year is a filter on the activities.)
        e.HasIndex(k => new { k.State, k.Priority, k.StartsOn });
        // The restricted activities' keys, which the cells do not count: a few, so a partial index (every index here
        // is paid by each of the import's ~8 keys per activity).
        e.HasIndex(k => k.Year, "IX_act_coverage_key_Restricted_Year").HasFilter("\"Access\" = 'Restricted'");
    }

    public void Configure(EntityTypeBuilder<ActivityCoverageCount> e)
    {
        // A view (migration CoverageKeyTotals), never written.
        e.ToView("act_coverage_count");
        e.HasNoKey();
        e.Property(c => c.State).HasMaxLength(2);
        e.Property(c => c.Priority).HasMaxLength(64);
        e.Property(c => c.Access).HasConversion<string>().HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<ActivityCoverageCell> e)
    {
        e.ToTable("act_coverage_cell");
        e.HasKey(c => new { c.Year, c.State, c.Priority, c.Access });
        e.Property(c => c.State).HasMaxLength(2);
        e.Property(c => c.Priority).HasMaxLength(64);
        e.Property(c => c.Access).HasConversion<string>().HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<ActivityText> e)
    {
        e.ToTable("act_activity_text");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Language).HasMaxLength(8);
        e.Property(x => x.Title).HasMaxLength(500);
        e.Property(x => x.Description).HasMaxLength(10000);
        e.Property(x => x.Outcomes).HasMaxLength(5000);
        e.HasIndex(x => new { x.ActivityId, x.Language }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ActivityRevision> e)
    {
        e.ToTable("act_activity_revision");
        e.Property(x => x.Actor).HasMaxLength(200);
        e.HasIndex(x => new { x.ActivityId, x.Version }).IsUnique();
        e.HasOne<Activity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}
