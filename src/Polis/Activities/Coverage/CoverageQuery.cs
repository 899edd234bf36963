using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Activities.Coverage;

/// <summary>
/// Computes the coverage matrix and the trend for the reader over the activities the reader may see. Without a
/// structure, type or line-of-action filter (the matrix as first shown, all years or one), both come from the
/// pre-aggregated cells (<see cref="ActivityCoverageCell"/>, a few thousand rows whatever the volume) of the access
/// levels the reader may read, plus the keys of the restricted activities the reader may see (each checked against
/// its activity by the access rule's query filter). With such a filter, the matrix is one grouped query over the keys
/// (<see cref="ActivityCoverageKey"/>) of the filtered activities and the trend one over the activities (the direct
/// path). Never the rows. <c>CountingCoverage</c> proves both paths give the direct query's numbers.
/// </summary>
public sealed class CoverageQuery(PolisDb db, IReferenceDirectory reference, CurrentActor actor)
{
    private static readonly AccessLevel[] Levels = [AccessLevel.Public, AccessLevel.Registered, AccessLevel.Members];

    public async Task<CoverageMatrix> MatrixAsync(CoverageFilter filter, CultureInfo culture, CancellationToken ct)
    {
        var names = await reference.NamesAsync(culture, ct);
        var priorityOrder = (await reference.ThematicPrioritiesAsync(culture, ct)).Select(p => p.Code).ToList();
        var (groups, trend) = filter.Structures.Count == 0 && filter.Types.Count == 0 && filter.Lines.Count == 0
            ? await FromCellsAsync(filter.Year, ct)
            : await DirectAsync(filter, ct);
        var cells = groups.Where(g => g.State.Length > 0 && g.Priority.Length > 0).ToList();
        var byState = groups.Where(g => g.State.Length > 0 && g.Priority.Length == 0).ToList();
        var byPriority = groups.Where(g => g.State.Length == 0 && g.Priority.Length > 0).ToList();
        var total = filter.Year is { } only
            ? trend.FirstOrDefault(y => y.Year == only)?.Counts ?? CoverageCounts.Zero
            : trend.Aggregate(CoverageCounts.Zero, (sum, y) => sum.Add(y.Counts));
        var states = byState.Select(s => new CoverageAxis(s.State, names.State(s.State)))
            .OrderBy(a => a.Name, StringComparer.Create(culture, ignoreCase: true)).ToList();
        var usedPriorities = byPriority.Select(p => p.Priority).ToHashSet(StringComparer.Ordinal);
        var priorities = priorityOrder.Concat(usedPriorities.Where(k => !priorityOrder.Contains(k)).Order(StringComparer.Ordinal))
            .Select(c => new CoverageAxis(c, names.Priority(c))).ToList();
        return new CoverageMatrix(filter, states, priorities,
            [.. cells.Select(c => new CoverageCell(c.State, c.Priority, new CoverageCounts(c.Activities, c.Participants, c.Women)))
                .OrderBy(c => c.State, StringComparer.Ordinal).ThenBy(c => c.Priority, StringComparer.Ordinal)],
            byState.ToDictionary(s => s.State, s => new CoverageCounts(s.Activities, s.Participants, s.Women), StringComparer.Ordinal),
            byPriority.ToDictionary(p => p.Priority, p => new CoverageCounts(p.Activities, p.Participants, p.Women), StringComparer.Ordinal),
            total, trend);
    }

    /// <summary>
    /// The matrix's groups and the trend from the cells of the levels the reader may read (the platform's access rule,
    /// <see cref="AccessRule.Allows(Viewer, AccessLevel, IEnumerable{AccessGrant})"/>, for a record without grants) and
    /// the keys of the restricted activities the reader may see: two grouped queries by year, State and priority,
    /// summed here. The ("", "") rows are the activities themselves: the trend.
    /// </summary>
    private async Task<(List<Aggregate> Groups, List<CoverageYear> Trend)> FromCellsAsync(int? year, CancellationToken ct)
    {
        var viewer = actor.Viewer;
        var levels = Levels.Where(l => AccessRule.Allows(viewer, l, [])).ToList();
        var open = levels.Count == 0 ? [] : await db.Set<ActivityCoverageCell>().AsNoTracking()
            .Where(c => levels.Contains(c.Access) && c.Activities > 0)
            .GroupBy(c => new { c.Year, c.State, c.Priority })
            .Select(g => new Yearly(g.Key.Year, g.Key.State, g.Key.Priority, g.Sum(c => c.Activities), g.Sum(c => c.Participants), g.Sum(c => c.Women)))
            .ToListAsync(ct);
        var restricted = await ActivityCoverageKeys.VisibleCounts(db).Where(k => k.Access == AccessLevel.Restricted)
            .GroupBy(k => new { k.Year, k.State, k.Priority })
            .Select(g => new Yearly(g.Key.Year, g.Key.State, g.Key.Priority, g.Count(), g.Sum(k => k.Participants), g.Sum(k => k.Women)))
            .ToListAsync(ct);
        var all = open.Concat(restricted).ToList();
        var groups = all.Where(r => year is null || r.Year == year)
            .GroupBy(r => (r.State, r.Priority))
            .Select(g => new Aggregate(g.Key.State, g.Key.Priority, g.Sum(r => r.Activities), g.Sum(r => r.Participants), g.Sum(r => r.Women)))
            .ToList();
        var trend = all.Where(r => r.State.Length == 0 && r.Priority.Length == 0).GroupBy(r => r.Year).OrderBy(g => g.Key)
            .Select(g => new CoverageYear(g.Key, new CoverageCounts(g.Sum(r => r.Activities), g.Sum(r => r.Participants), g.Sum(r => r.Women))))
            .ToList();
        return (groups, trend);
    }

    /// <summary>With a structure, type or line filter: the keys of the filtered activities (under the query filter) grouped, and the trend over the activities.</summary>
    private async Task<(List<Aggregate> Groups, List<CoverageYear> Trend)> DirectAsync(CoverageFilter filter, CancellationToken ct)
    {
        // One grouped query over the side table's counts (ActivityCoverageCount): the cells, and in the same grouping
        // each State's and each priority's total, which count each activity once. The keys are those of the filtered
        // activities (structure, type, line of action, year), under the access rule.
        var keys = ActivityCoverageKeys.CountsOf(db, Filtered(filter));
        var groups = await keys.GroupBy(k => new { k.State, k.Priority })
            .Select(g => new Aggregate(g.Key.State, g.Key.Priority, g.Count(), g.Sum(k => k.Participants), g.Sum(k => k.Women)))
            .ToListAsync(ct);
        return (groups, await TrendAsync(Filtered(filter with { Year = null }), ct));
    }

    /// <summary>One group of one year.</summary>
    private sealed record Yearly(int Year, string State, string Priority, int Activities, int Participants, int Women);

    /// <summary>One group's counts: a cell (State and priority), a State ("" priority) or a priority ("" State).</summary>
    private sealed record Aggregate(string State, string Priority, int Activities, int Participants, int Women);

    private static async Task<List<CoverageYear>> TrendAsync(IQueryable<Activity> all, CancellationToken ct)
    {
        var byYear = await all.GroupBy(a => a.StartsOn.Year)
            .Select(g => new { Year = g.Key, Activities = g.Count(), Participants = g.Sum(a => a.ParticipantsTotal ?? 0), Women = g.Sum(a => a.ParticipantsWomen ?? 0) })
            .ToListAsync(ct);
        return [.. byYear.OrderBy(y => y.Year).Select(y => new CoverageYear(y.Year, new CoverageCounts(y.Activities, y.Participants, y.Women)))];
    }

    private IQueryable<Activity> Filtered(CoverageFilter filter)
    {
        IQueryable<Activity> query = db.Set<Activity>().AsNoTracking();
        if (filter.Year is { } year)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            query = query.Where(a => a.StartsOn >= from && a.StartsOn <= to);
        }
        if (filter.Structures.Count > 0)
        {
            var structures = filter.Structures.ToList();
            query = query.Where(a => structures.Contains(a.OwnerCode));
        }
        if (filter.Types.Count > 0)
        {
            var types = filter.Types.Select(t => Enum.Parse<ActivityType>(t, ignoreCase: true)).ToList();
            query = query.Where(a => types.Contains(a.Type));
        }
        if (filter.Lines.Count > 0)
        {
            var lines = filter.Lines.ToList();
            query = query.Where(a => a.LinesOfAction.Any(l => lines.Contains(l)));
        }
        return query;
    }

    /// <summary>The matrix as tables: one per measure (activities, participants, share of women), then the trend.</summary>
    public static ExportTable[] Tables(CoverageMatrix m)
    {
        ExportTable Measure(string name, Func<CoverageCounts, object?> value)
        {
            var headers = new List<string> { Text.CoverageState };
            headers.AddRange(m.Priorities.Select(p => p.Name));
            headers.Add(Text.CoverageTotal);
            var rows = new List<IReadOnlyList<object?>>();
            foreach (var s in m.States)
            {
                var row = new List<object?> { s.Name };
                row.AddRange(m.Priorities.Select(p => value(m[s.Code, p.Code])));
                row.Add(value(m.StateTotals.GetValueOrDefault(s.Code, CoverageCounts.Zero)));
                rows.Add(row);
            }
            var totals = new List<object?> { Text.CoverageTotal };
            totals.AddRange(m.Priorities.Select(p => value(m.PriorityTotals.GetValueOrDefault(p.Code, CoverageCounts.Zero))));
            totals.Add(value(m.Total));
            rows.Add(totals);
            return new ExportTable(name, headers, rows);
        }
        var trend = new ExportTable(Text.CoverageTrendCaption,
            [Text.CoverageYear, Text.CoverageActivities, Text.CoverageParticipants, Text.CoverageWomen, Text.CoverageWomenShare],
            [.. m.Trend.Select(y => (IReadOnlyList<object?>)[y.Year, y.Counts.Activities, y.Counts.Participants, y.Counts.Women, y.Counts.WomenShare])]);
        return
        [
            Measure(Text.CoverageActivities, c => c.Activities),
            Measure(Text.CoverageParticipants, c => c.Participants),
            Measure(Text.CoverageWomenShare, c => c.WomenShare),
            trend,
        ];
    }
}
