using System.Globalization;

namespace Polis.Reference.Contracts;

/// <summary>
/// What other modules may ask of the reference data. Names come in the language of <c>culture</c> (its ISO 639-1
/// code), and in English for a record that has no name in that language yet.
/// </summary>
public interface IReferenceDirectory
{
    /// <summary>Participating States (and, when asked, the Partners for Co-operation), by name.</summary>
    Task<IReadOnlyList<ReferenceOption>> StatesAsync(CultureInfo culture, bool includePartners, CancellationToken ct);
    Task<IReadOnlyList<ReferenceOption>> ExecutiveStructuresAsync(CultureInfo culture, CancellationToken ct);
    /// <summary>Organisations outside the executive structures (UNODC, INTERPOL …), by name.</summary>
    Task<IReadOnlyList<ReferenceOption>> PartnerOrganisationsAsync(CultureInfo culture, CancellationToken ct);
    /// <summary>The decision-making bodies that issue documents (Permanent Council, Ministerial Council …), by name.</summary>
    Task<IReadOnlyList<ReferenceOption>> DecisionMakingBodiesAsync(CultureInfo culture, CancellationToken ct);
    Task<IReadOnlyList<ReferenceOption>> ThematicPrioritiesAsync(CultureInfo culture, CancellationToken ct);
    Task<IReadOnlyList<ReferenceOption>> LinesOfActionAsync(CultureInfo culture, CancellationToken ct);
    /// <summary>How many of each kind of reference record there are.</summary>
    Task<ReferenceSummary> SummaryAsync(CancellationToken ct);
    /// <summary>
    /// The names of every kind of coded record (states, structures, partners, bodies, priorities, sub-areas, lines),
    /// each kind apart, for a page to show names instead of codes. One query.
    /// </summary>
    Task<ReferenceNames> NamesAsync(CultureInfo culture, CancellationToken ct);
}

/// <summary>Counts of the reference data, for the home page and the set-up checks.</summary>
public sealed record ReferenceSummary(int ParticipatingStates, int Partners, int ExecutiveStructures, int FieldOperations,
    int PartnerOrganisations, int ThematicPriorities, int SubAreas, int LinesOfAction, int Instruments);
