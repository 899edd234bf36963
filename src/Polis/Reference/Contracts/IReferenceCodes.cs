using Polis.Accounts.Contracts;

namespace Polis.Reference.Contracts;

/// <summary>The kinds of coded reference record that a content record may name.</summary>
public enum ReferenceKind
{
    State, ExecutiveStructure, PartnerOrganisation, DecisionMakingBody, ThematicPriority, ThematicSubArea, LineOfAction,
}

/// <summary>
/// Checks codes that a write names against the reference data, for every module: an owner is an executive
/// structure, an issuing body an executive structure, partner organisation or decision-making body, a party
/// <c>org:CODE</c> an executive structure or partner organisation and <c>state:CC</c> a State.
/// </summary>
public interface IReferenceCodes
{
    /// <summary>The codes (as given) that are not a record of any of the kinds; empty when all are known.</summary>
    Task<IReadOnlyList<string>> UnknownAsync(IEnumerable<string> codes, CancellationToken ct, params ReferenceKind[] kinds);

    /// <summary>The parties (as <c>org:CODE</c> / <c>state:CC</c>) that name no known organisation or State.</summary>
    Task<IReadOnlyList<string>> UnknownPartiesAsync(IEnumerable<AccessGrant> parties, CancellationToken ct);
}
