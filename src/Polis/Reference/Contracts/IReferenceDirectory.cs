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
    Task<IReadOnlyList<ReferenceOption>> ThematicPrioritiesAsync(CultureInfo culture, CancellationToken ct);
    Task<IReadOnlyList<ReferenceOption>> LinesOfActionAsync(CultureInfo culture, CancellationToken ct);
    /// <summary>How many of each kind of reference record there are.</summary>
    Task<ReferenceSummary> SummaryAsync(CancellationToken ct);
    /// <summary>Names of every reference code (states, structures, partners, priorities, lines), for display.</summary>
    Task<IReadOnlyDictionary<string, string>> NamesAsync(CultureInfo culture, CancellationToken ct);
}

/// <summary>Counts of the reference data, for the home page and the set-up checks.</summary>
public sealed record ReferenceSummary(int ParticipatingStates, int Partners, int ExecutiveStructures, int FieldOperations,
    int PartnerOrganisations, int ThematicPriorities, int SubAreas, int LinesOfAction, int Instruments);
