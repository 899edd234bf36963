using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Activities.Coverage;

/// <summary>
/// Computes the coverage matrix and the trend for the reader over the activities the reader may see (the access rule
/// is the query filter): the matrix with its totals is one grouped query over the side table
/// <see cref="ActivityCoverageKey"/> (on both providers), the trend one grouped query over the activities; never the rows.
/// </summary>
public sealed class CoverageQuery(PolisDb db, IReferenceDirectory reference)
{
    public async Task<CoverageMatrix> MatrixAsync(CoverageFilter filter, CultureInfo culture, CancellationToken ct)
    {
        var names = await reference.NamesAsync(culture, ct);
        var priorityOrder = (await reference.ThematicPrioritiesAsync(culture, ct)).Select(p => p.Code).ToList();
        var all = Filtered(filter with { Year = null });
        // One grouped query over the side table (ActivityCoverageKey): the cells, and in the same grouping each
        // State's and each priority's total rows (their "" partner), which count each activity once. The keys are
        // those of the filtered activities (structure, type, line of action, year), under the access rule.
        var keys = ActivityCoverageKeys.Of(db, Filtered(filter));
        if (filter.Year is { } y)
        {
            keys = keys.Where(k => k.Year == y);
        }
        var groups = await keys.GroupBy(k => new { k.State, k.Priority })
            .Select(g => new Aggregate(g.Key.State, g.Key.Priority, g.Count(), g.Sum(k => k.Participants), g.Sum(k => k.Women)))
            .ToListAsync(ct);
        var cells = groups.Where(g => g.State.Length > 0 && g.Priority.Length > 0).ToList();
        var byState = groups.Where(g => g.State.Length > 0 && g.Priority.Length == 0).ToList();
        var byPriority = groups.Where(g => g.State.Length == 0 && g.Priority.Length > 0).ToList();
        var trend = await TrendAsync(all, ct);
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
