using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Reference;

/// <summary>A reference record named in English and Russian, keyed by a stable code.</summary>
public abstract class ReferenceItem : IAudited
{
    public string Code { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string NameRu { get; set; } = "";

    public string Name(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "ru" && NameRu.Length > 0 ? NameRu : NameEn;
}

/// <summary>A participating State or a Partner for Co-operation (ISO 3166-1 alpha-2 code).</summary>
public sealed class State : ReferenceItem
{
    public string Numeric { get; set; } = "";
    public StateKind Kind { get; set; }
}

/// <summary>A Secretariat unit, institution, field operation or training institution.</summary>
public sealed class ExecutiveStructure : ReferenceItem
{
    public ExecutiveStructureKind Kind { get; set; }
    public string? ParentCode { get; set; }
    public string? StateCode { get; set; }
    public string? Location { get; set; }
}

public sealed class PartnerOrganisation : ReferenceItem
{
    public string? Url { get; set; }
}

/// <summary>
/// A decision-making body that issues documents but is no executive structure: the Permanent Council (PC), the
/// Ministerial Council (MC), the Forum for Security Co-operation (FSC), a Summit (SUMMIT).
/// </summary>
public sealed class DecisionMakingBody : ReferenceItem;

public sealed class ThematicPriority : ReferenceItem
{
    public int Number { get; set; }
}

public sealed class ThematicSubArea : ReferenceItem
{
    public string PriorityCode { get; set; } = "";
    public int Position { get; set; }
}

public sealed class LineOfAction : ReferenceItem
{
    public int Number { get; set; }
}

/// <summary>An international instrument whose ratification is tracked per state.</summary>
public sealed class InternationalInstrument : ReferenceItem
{
    public int? Year { get; set; }
    public string? ParentCode { get; set; }
}

internal sealed class ReferenceMappings :
    IEntityTypeConfiguration<State>, IEntityTypeConfiguration<ExecutiveStructure>,
    IEntityTypeConfiguration<PartnerOrganisation>, IEntityTypeConfiguration<ThematicPriority>,
    IEntityTypeConfiguration<ThematicSubArea>, IEntityTypeConfiguration<LineOfAction>,
    IEntityTypeConfiguration<InternationalInstrument>, IEntityTypeConfiguration<DecisionMakingBody>
{
    public void Configure(EntityTypeBuilder<DecisionMakingBody> e) => Common(e, "ref_decision_making_body", 32);

    public void Configure(EntityTypeBuilder<State> e)
    {
        Common(e, "ref_state", 2);
        e.Property(s => s.Numeric).HasMaxLength(3);
        e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
    }

    public void Configure(EntityTypeBuilder<ExecutiveStructure> e)
    {
        Common(e, "ref_executive_structure", 32);
        e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(s => s.ParentCode).HasMaxLength(32);
        e.Property(s => s.StateCode).HasMaxLength(2);
        e.Property(s => s.Location).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<PartnerOrganisation> e)
    {
        Common(e, "ref_partner_organisation", 32);
        e.Property(s => s.Url).HasMaxLength(300);
    }

    public void Configure(EntityTypeBuilder<ThematicPriority> e) => Common(e, "ref_thematic_priority", 64);

    public void Configure(EntityTypeBuilder<ThematicSubArea> e)
    {
        Common(e, "ref_thematic_sub_area", 64);
        e.Property(s => s.PriorityCode).HasMaxLength(64);
        e.HasIndex(s => s.PriorityCode);
    }

    public void Configure(EntityTypeBuilder<LineOfAction> e) => Common(e, "ref_line_of_action", 64);

    public void Configure(EntityTypeBuilder<InternationalInstrument> e)
    {
        Common(e, "ref_instrument", 32);
        e.Property(s => s.ParentCode).HasMaxLength(32);
    }

    private static void Common<T>(EntityTypeBuilder<T> e, string table, int codeLength) where T : ReferenceItem
    {
        e.ToTable(table);
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(codeLength);
        e.Property(x => x.NameEn).HasMaxLength(300);
        e.Property(x => x.NameRu).HasMaxLength(300);
    }
}
