using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Reference;

internal sealed class ReferenceCodes(PolisDb db) : IReferenceCodes
{
    public async Task<IReadOnlyList<string>> UnknownAsync(IEnumerable<string> codes, CancellationToken ct, params ReferenceKind[] kinds)
    {
        var wanted = codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return [];
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in kinds.Distinct())
            known.UnionWith(await KnownAsync(kind, wanted, ct));
        return [.. wanted.Where(c => !known.Contains(c))];
    }

    public async Task<IReadOnlyList<string>> UnknownPartiesAsync(IEnumerable<AccessGrant> parties, CancellationToken ct)
    {
        var list = parties.ToList();
        var orgs = await UnknownAsync(list.Select(p => p.OrganisationCode).OfType<string>(), ct, ReferenceKind.ExecutiveStructure, ReferenceKind.PartnerOrganisation);
        var states = await UnknownAsync(list.Select(p => p.StateCode).OfType<string>(), ct, ReferenceKind.State);
        return [.. orgs.Select(o => "org:" + o), .. states.Select(s => "state:" + s)];
    }

    private Task<List<string>> KnownAsync(ReferenceKind kind, List<string> wanted, CancellationToken ct) => kind switch
    {
        ReferenceKind.State => Codes<State>(wanted, ct),
        ReferenceKind.ExecutiveStructure => Codes<ExecutiveStructure>(wanted, ct),
        ReferenceKind.PartnerOrganisation => Codes<PartnerOrganisation>(wanted, ct),
        ReferenceKind.DecisionMakingBody => Codes<DecisionMakingBody>(wanted, ct),
        ReferenceKind.ThematicPriority => Codes<ThematicPriority>(wanted, ct),
        ReferenceKind.ThematicSubArea => Codes<ThematicSubArea>(wanted, ct),
        ReferenceKind.LineOfAction => Codes<LineOfAction>(wanted, ct),
    };

    private Task<List<string>> Codes<T>(List<string> wanted, CancellationToken ct) where T : ReferenceItem =>
        db.Set<T>().Where(x => wanted.Contains(x.Code)).Select(x => x.Code).ToListAsync(ct);
}
