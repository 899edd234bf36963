using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Reference;

/// <summary>A reference record keyed by a stable code; its names, one per language, are <see cref="ReferenceName"/> rows.</summary>
public abstract class ReferenceItem : IAudited
{
    public string Code { get; set; } = "";
}

/// <summary>A reference type whose names are stored under <see cref="NameKind"/> in <c>ref_name</c>.</summary>
public interface INamedReference
{
    /// <summary>The kind of record in <c>ref_name</c> ("state", "line-of-action" …); never change it once data exists.</summary>
    static abstract string NameKind { get; }
}

/// <summary>
/// The name of one reference record in one language (ISO 639-1). Adding a language is adding rows, not columns:
/// a reader whose language has no row for a record sees the English name.
/// </summary>
public sealed class ReferenceName : IAudited
{
    public string Kind { get; set; } = "";
    public string Code { get; set; } = "";
    public string Language { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The ISO 639-1 code names are stored under for a reader's culture ("ru" for ru-RU).</summary>
    public static string LanguageOf(CultureInfo culture) => culture.TwoLetterISOLanguageName;
}

/// <summary>A participating State or a Partner for Co-operation (ISO 3166-1 alpha-2 code).</summary>
public sealed class State : ReferenceItem, INamedReference
{
    public static string NameKind => "state";
    public string Numeric { get; set; } = "";
    public StateKind Kind { get; set; }
}

/// <summary>A Secretariat unit, institution, field operation or training institution.</summary>
public sealed class ExecutiveStructure : ReferenceItem, INamedReference
{
    public static string NameKind => "executive-structure";
    public ExecutiveStructureKind Kind { get; set; }
    public string? ParentCode { get; set; }
    public string? StateCode { get; set; }
    public string? Location { get; set; }
}

public sealed class PartnerOrganisation : ReferenceItem, INamedReference
{
    public static string NameKind => "partner-organisation";
    public string? Url { get; set; }
}

/// <summary>
/// A decision-making body that issues documents but is no executive structure: the Permanent Council (PC), the
/// Ministerial Council (MC), the Forum for Security Co-operation (FSC), a Summit (SUMMIT).
/// </summary>
public sealed class DecisionMakingBody : ReferenceItem, INamedReference
{
    public static string NameKind => "decision-making-body";
}

public sealed class ThematicPriority : ReferenceItem, INamedReference
{
    public static string NameKind => "thematic-priority";
    public int Number { get; set; }
}

public sealed class ThematicSubArea : ReferenceItem, INamedReference
{
    public static string NameKind => "thematic-sub-area";
    public string PriorityCode { get; set; } = "";
    public int Position { get; set; }
}

public sealed class LineOfAction : ReferenceItem, INamedReference
{
    public static string NameKind => "line-of-action";
    public int Number { get; set; }
}

/// <summary>An international instrument whose ratification is tracked per state.</summary>
public sealed class InternationalInstrument : ReferenceItem, INamedReference
{
    public static string NameKind => "instrument";
    public int? Year { get; set; }
    public string? ParentCode { get; set; }
}

internal sealed class ReferenceMappings :
    IEntityTypeConfiguration<State>, IEntityTypeConfiguration<ExecutiveStructure>,
    IEntityTypeConfiguration<PartnerOrganisation>, IEntityTypeConfiguration<ThematicPriority>,
    IEntityTypeConfiguration<ThematicSubArea>, IEntityTypeConfiguration<LineOfAction>,
    IEntityTypeConfiguration<InternationalInstrument>, IEntityTypeConfiguration<ReferenceName>,
    IEntityTypeConfiguration<DecisionMakingBody>
{
    public void Configure(EntityTypeBuilder<DecisionMakingBody> e) => Common(e, "ref_decision_making_body", 32);

    public void Configure(EntityTypeBuilder<ReferenceName> e)
    {
        e.ToTable("ref_name");
        // The key is the lookup: a list asks for one kind in two languages (the reader's and English).
        e.HasKey(n => new { n.Kind, n.Code, n.Language });
        e.Property(n => n.Kind).HasMaxLength(32);
        e.Property(n => n.Code).HasMaxLength(64);
        e.Property(n => n.Language).HasMaxLength(3);
        e.Property(n => n.Name).HasMaxLength(300);
    }

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
    }
}
