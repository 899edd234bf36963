using Polis.Accounts.Contracts;

namespace Polis.Reference.Contracts;

/// <summary>
/// The names of the reference records for one page, each looked up within its own kind: codes of different kinds may
/// be the same (<c>MC</c> is Monaco as a State and the Ministerial Council as a decision-making body). Each name is in
/// the language asked for, else in English; a code no record has comes back as given.
/// </summary>
public sealed class ReferenceNames(IReadOnlyDictionary<ReferenceKind, IReadOnlyDictionary<string, string>> names)
{
    /// <summary>No names: every code comes back as given.</summary>
    public static readonly ReferenceNames None = new(new Dictionary<ReferenceKind, IReadOnlyDictionary<string, string>>());

    /// <summary>The name of a record of <paramref name="kind"/>, or null when there is none.</summary>
    public string? Find(ReferenceKind kind, string code) =>
        names.TryGetValue(kind, out var ofKind) && ofKind.TryGetValue(code.Trim(), out var name) ? name : null;

    /// <summary>The name of the first of <paramref name="kinds"/> that has a record with this code, else the code.</summary>
    public string Of(string code, params ReferenceKind[] kinds)
    {
        foreach (var kind in kinds)
            if (Find(kind, code) is { } name) return name;
        return code;
    }

    /// <summary>A participating State or Partner for Co-operation (ISO 3166-1 alpha-2).</summary>
    public string State(string code) => Of(code, ReferenceKind.State);

    /// <summary>An executive structure (the owner of a record).</summary>
    public string Structure(string code) => Of(code, ReferenceKind.ExecutiveStructure);

    /// <summary>An organisation that may be a party: an executive structure or a partner organisation.</summary>
    public string Organisation(string code) => Of(code, ReferenceKind.ExecutiveStructure, ReferenceKind.PartnerOrganisation);

    /// <summary>An issuing body: a decision-making body (PC, MC, FSC, SUMMIT), executive structure or partner organisation.</summary>
    public string Body(string code) =>
        Of(code, ReferenceKind.DecisionMakingBody, ReferenceKind.ExecutiveStructure, ReferenceKind.PartnerOrganisation);

    /// <summary>A party as written in an access grant (<c>org:SPMU</c>, <c>state:KG</c>); anything else as given.</summary>
    public string Party(string party) => AccessGrant.Parse(party) switch
    {
        { OrganisationCode: { } org } => Organisation(org),
        { StateCode: { } state } => State(state),
        _ => party,
    };

    public string Priority(string code) => Of(code, ReferenceKind.ThematicPriority);
    public string SubArea(string code) => Of(code, ReferenceKind.ThematicSubArea);
    public string LineOfAction(string code) => Of(code, ReferenceKind.LineOfAction);
}
