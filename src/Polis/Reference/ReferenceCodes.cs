using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Reference;

/// <summary>
/// Scoped (one request): a code found once is remembered for the rest of the request, so that an import of thousands
/// of rows naming the same few codes asks the database once per code, not once per row. Only found codes are
/// remembered: an unknown code is asked again (it may have been added since).
/// </summary>
internal sealed class ReferenceCodes(PolisDb db) : IReferenceCodes
{
    private readonly Dictionary<ReferenceKind, HashSet<string>> found = [];

    public async Task<IReadOnlyList<string>> UnknownAsync(IEnumerable<string> codes, CancellationToken ct, params ReferenceKind[] kinds)
    {
        var wanted = codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return [];
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in kinds.Distinct())
        {
            if (!found.TryGetValue(kind, out var remembered)) found[kind] = remembered = new HashSet<string>(StringComparer.Ordinal);
            known.UnionWith(wanted.Where(remembered.Contains));
            var ask = wanted.Where(c => !known.Contains(c)).ToList();
            if (ask.Count == 0) continue;
            var answer = await KnownAsync(kind, ask, ct);
            remembered.UnionWith(answer);
            known.UnionWith(answer);
        }
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
