using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Reference;

internal sealed class ReferenceDirectory(PolisDb db) : IReferenceDirectory
{
    public async Task<IReadOnlyList<ReferenceOption>> StatesAsync(CultureInfo culture, bool includePartners, CancellationToken ct)
    {
        var states = await db.Set<State>().AsNoTracking()
            .Where(s => includePartners || s.Kind == StateKind.ParticipatingState).ToListAsync(ct);
        return Options(states, culture);
    }

    public async Task<IReadOnlyList<ReferenceOption>> ExecutiveStructuresAsync(CultureInfo culture, CancellationToken ct) =>
        Options(await db.Set<ExecutiveStructure>().AsNoTracking().ToListAsync(ct), culture);

    public async Task<IReadOnlyList<ReferenceOption>> ThematicPrioritiesAsync(CultureInfo culture, CancellationToken ct) =>
        [.. (await db.Set<ThematicPriority>().AsNoTracking().OrderBy(p => p.Number).ToListAsync(ct))
            .Select(p => new ReferenceOption(p.Code, p.Name(culture)))];

    public async Task<IReadOnlyList<ReferenceOption>> LinesOfActionAsync(CultureInfo culture, CancellationToken ct) =>
        [.. (await db.Set<LineOfAction>().AsNoTracking().OrderBy(p => p.Number).ToListAsync(ct))
            .Select(p => new ReferenceOption(p.Code, p.Name(culture)))];

    public async Task<ReferenceSummary> SummaryAsync(CancellationToken ct) => new(
        await db.Set<State>().CountAsync(s => s.Kind == StateKind.ParticipatingState, ct),
        await db.Set<State>().CountAsync(s => s.Kind != StateKind.ParticipatingState, ct),
        await db.Set<ExecutiveStructure>().CountAsync(ct),
        await db.Set<ExecutiveStructure>().CountAsync(s => s.Kind == ExecutiveStructureKind.FieldOperation, ct),
        await db.Set<PartnerOrganisation>().CountAsync(ct),
        await db.Set<ThematicPriority>().CountAsync(ct),
        await db.Set<ThematicSubArea>().CountAsync(ct),
        await db.Set<LineOfAction>().CountAsync(ct),
        await db.Set<InternationalInstrument>().CountAsync(ct));

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(CultureInfo culture, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Add(IEnumerable<ReferenceItem> items) { foreach (var i in items) names.TryAdd(i.Code, i.Name(culture)); }
        Add(await db.Set<State>().AsNoTracking().ToListAsync(ct));
        Add(await db.Set<ExecutiveStructure>().AsNoTracking().ToListAsync(ct));
        Add(await db.Set<PartnerOrganisation>().AsNoTracking().ToListAsync(ct));
        Add(await db.Set<DecisionMakingBody>().AsNoTracking().ToListAsync(ct));
        Add(await db.Set<ThematicPriority>().AsNoTracking().ToListAsync(ct));
        Add(await db.Set<ThematicSubArea>().AsNoTracking().ToListAsync(ct));
        Add(await db.Set<LineOfAction>().AsNoTracking().ToListAsync(ct));
        return names;
    }

    private static ReferenceOption[] Options(IEnumerable<ReferenceItem> items, CultureInfo culture) =>
        [.. items.Select(i => new ReferenceOption(i.Code, i.Name(culture))).OrderBy(o => o.Name, StringComparer.Create(culture, true))];
}
