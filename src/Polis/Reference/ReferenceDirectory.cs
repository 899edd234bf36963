using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Reference;

/// <summary>
/// Answers in the reader's language with English where a name is missing: each list is one query that joins the
/// records to their names in the two languages (the key of <c>ref_name</c> serves both joins).
/// </summary>
internal sealed class ReferenceDirectory(PolisDb db) : IReferenceDirectory
{
    private const string English = Shared.PolisLanguages.Fallback;

    // The kinds NamesAsync answers for, each under its own kind: codes of two kinds may be the same (MC).
    private static readonly Dictionary<string, ReferenceKind> DisplayKinds = new(StringComparer.Ordinal)
    {
        [State.NameKind] = ReferenceKind.State,
        [ExecutiveStructure.NameKind] = ReferenceKind.ExecutiveStructure,
        [PartnerOrganisation.NameKind] = ReferenceKind.PartnerOrganisation,
        [DecisionMakingBody.NameKind] = ReferenceKind.DecisionMakingBody,
        [ThematicPriority.NameKind] = ReferenceKind.ThematicPriority,
        [ThematicSubArea.NameKind] = ReferenceKind.ThematicSubArea,
        [LineOfAction.NameKind] = ReferenceKind.LineOfAction,
    };

    public async Task<IReadOnlyList<ReferenceOption>> StatesAsync(CultureInfo culture, bool includePartners, CancellationToken ct) =>
        ByName(await Named(db.Set<State>().Where(s => includePartners || s.Kind == StateKind.ParticipatingState), culture)
            .Select(n => new ReferenceOption(n.Item.Code, n.Name)).ToListAsync(ct), culture);

    public async Task<IReadOnlyList<ReferenceOption>> ExecutiveStructuresAsync(CultureInfo culture, CancellationToken ct) =>
        ByName(await Named(db.Set<ExecutiveStructure>(), culture).Select(n => new ReferenceOption(n.Item.Code, n.Name)).ToListAsync(ct), culture);

    public async Task<IReadOnlyList<ReferenceOption>> PartnerOrganisationsAsync(CultureInfo culture, CancellationToken ct) =>
        ByName(await Named(db.Set<PartnerOrganisation>(), culture).Select(n => new ReferenceOption(n.Item.Code, n.Name)).ToListAsync(ct), culture);

    public async Task<IReadOnlyList<ReferenceOption>> DecisionMakingBodiesAsync(CultureInfo culture, CancellationToken ct) =>
        ByName(await Named(db.Set<DecisionMakingBody>(), culture).Select(n => new ReferenceOption(n.Item.Code, n.Name)).ToListAsync(ct), culture);

    public async Task<IReadOnlyList<ReferenceOption>> ThematicPrioritiesAsync(CultureInfo culture, CancellationToken ct) =>
        await Named(db.Set<ThematicPriority>(), culture).OrderBy(n => n.Item.Number)
            .Select(n => new ReferenceOption(n.Item.Code, n.Name)).ToListAsync(ct);

    public async Task<IReadOnlyList<ReferenceOption>> LinesOfActionAsync(CultureInfo culture, CancellationToken ct) =>
        await Named(db.Set<LineOfAction>(), culture).OrderBy(n => n.Item.Number)
            .Select(n => new ReferenceOption(n.Item.Code, n.Name)).ToListAsync(ct);

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

    public async Task<ReferenceNames> NamesAsync(CultureInfo culture, CancellationToken ct)
    {
        var language = ReferenceName.LanguageOf(culture);
        var kinds = DisplayKinds.Keys.ToList();
        var rows = await db.Set<ReferenceName>().AsNoTracking()
            .Where(n => kinds.Contains(n.Kind) && (n.Language == language || n.Language == English))
            .Select(n => new { n.Kind, n.Code, n.Language, n.Name }).ToListAsync(ct);
        var names = new Dictionary<ReferenceKind, IReadOnlyDictionary<string, string>>();
        foreach (var kind in rows.GroupBy(r => r.Kind))
        {
            var ofKind = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var record in kind.GroupBy(r => r.Code, StringComparer.OrdinalIgnoreCase))
                ofKind[record.Key] = (record.FirstOrDefault(r => r.Language == language) ?? record.First()).Name;
            names[DisplayKinds[kind.Key]] = ofKind;
        }
        return new ReferenceNames(names);
    }

    /// <summary>
    /// The records with their name in the reader's language, else in English, else their code (a record nobody
    /// named yet still shows up in a pick list).
    /// </summary>
    private IQueryable<NamedItem<T>> Named<T>(IQueryable<T> items, CultureInfo culture) where T : ReferenceItem, INamedReference
    {
        var kind = T.NameKind;
        var language = ReferenceName.LanguageOf(culture);
        var names = db.Set<ReferenceName>().Where(n => n.Kind == kind);
        return from item in items.AsNoTracking()
               join reader in names.Where(n => n.Language == language) on item.Code equals reader.Code into readers
               from reader in readers.DefaultIfEmpty()
               join english in names.Where(n => n.Language == English) on item.Code equals english.Code into englishes
               from english in englishes.DefaultIfEmpty()
               select new NamedItem<T> { Item = item, Name = reader != null ? reader.Name : english != null ? english.Name : item.Code };
    }

    private static ReferenceOption[] ByName(IEnumerable<ReferenceOption> options, CultureInfo culture) =>
        [.. options.OrderBy(o => o.Name, StringComparer.Create(culture, true))];

    private sealed class NamedItem<T>
    {
        public required T Item { get; init; }
        public required string Name { get; init; }
    }
}
