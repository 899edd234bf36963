using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Activities.Coverage;

/// <summary>
/// Computes the coverage matrix and the trend for the reader over the activities the reader may see (the access rule
/// is the query filter). PostgreSQL: four aggregates in the database (cells, States, priorities, years), never the rows.
/// SQLite (no APPLY for unnesting its JSON lists in a grouped query): one query reading only the counted columns.
/// </summary>
public sealed class CoverageQuery(PolisDb db, IReferenceDirectory reference)
{
    public async Task<CoverageMatrix> MatrixAsync(CoverageFilter filter, CultureInfo culture, CancellationToken ct)
    {
        var names = await reference.NamesAsync(culture, ct);
        var priorityOrder = (await reference.ThematicPrioritiesAsync(culture, ct)).Select(p => p.Code).ToList();
        if (db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true)
        {
            // SQLite cannot unnest a JSON list inside a grouped query (no APPLY): it reads the few columns and counts here.
            // Every year: one read gives the cells and the trend; one year: that year's rows, and the trend grouped in the database.
            var rows = await RowsAsync(filter, ct);
            var built = Build(filter, rows, names, priorityOrder, culture);
            return filter.Year is null ? built : built with { Trend = await TrendAsync(Filtered(filter with { Year = null }), ct) };
        }
        var all = Filtered(filter with { Year = null });
        var year = Filtered(filter);

        // Each count is one aggregate in the database (States and priorities are unnested there), never the rows.
        var cells = await (from a in year
                           from st in a.States
                           from pr in a.Priorities
                           group a by new { State = st, Priority = pr } into g
                           select new { g.Key.State, g.Key.Priority, Activities = g.Count(), Participants = g.Sum(a => a.ParticipantsTotal ?? 0), Women = g.Sum(a => a.ParticipantsWomen ?? 0) })
            .ToListAsync(ct);
        var byState = await (from a in year
                             from st in a.States
                             group a by st into g
                             select new { Code = g.Key, Activities = g.Count(), Participants = g.Sum(a => a.ParticipantsTotal ?? 0), Women = g.Sum(a => a.ParticipantsWomen ?? 0) })
            .ToListAsync(ct);
        var byPriority = await (from a in year
                                from pr in a.Priorities
                                group a by pr into g
                                select new { Code = g.Key, Activities = g.Count(), Participants = g.Sum(a => a.ParticipantsTotal ?? 0), Women = g.Sum(a => a.ParticipantsWomen ?? 0) })
            .ToListAsync(ct);
        var trend = await TrendAsync(all, ct);
        var total = filter.Year is { } only
            ? trend.FirstOrDefault(y => y.Year == only)?.Counts ?? CoverageCounts.Zero
            : trend.Aggregate(CoverageCounts.Zero, (sum, y) => sum.Add(y.Counts));
        var states = byState.Select(s => new CoverageAxis(s.Code, names.State(s.Code)))
            .OrderBy(a => a.Name, StringComparer.Create(culture, ignoreCase: true)).ToList();
        var usedPriorities = byPriority.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var priorities = priorityOrder.Concat(usedPriorities.Where(k => !priorityOrder.Contains(k)).Order(StringComparer.Ordinal))
            .Select(c => new CoverageAxis(c, names.Priority(c))).ToList();
        return new CoverageMatrix(filter, states, priorities,
            [.. cells.Select(c => new CoverageCell(c.State, c.Priority, new CoverageCounts(c.Activities, c.Participants, c.Women)))
                .OrderBy(c => c.State, StringComparer.Ordinal).ThenBy(c => c.Priority, StringComparer.Ordinal)],
            byState.ToDictionary(s => s.Code, s => new CoverageCounts(s.Activities, s.Participants, s.Women), StringComparer.Ordinal),
            byPriority.ToDictionary(p => p.Code, p => new CoverageCounts(p.Activities, p.Participants, p.Women), StringComparer.Ordinal),
            total, trend);
    }

    /// <summary>One activity as the counts need it.</summary>
    internal sealed record Row(Guid Id, string Owner, List<string> States, List<string> Priorities, List<string> Lines, ActivityType Type,
        int Year, int? Participants, int? Women);

    /// <summary>The visible activities matching every filter but the year (the trend needs every year).</summary>
    internal async Task<List<Row>> RowsAsync(CoverageFilter filter, CancellationToken ct)
    {
        var query = Filtered(filter);
        var raw = await query
            .Select(a => new { a.Id, a.OwnerCode, a.States, a.Priorities, a.LinesOfAction, a.Type, a.StartsOn, a.ParticipantsTotal, a.ParticipantsWomen })
            .ToListAsync(ct);
        return [.. raw.Select(a => new Row(a.Id, a.OwnerCode, a.States, a.Priorities, a.LinesOfAction, a.Type, a.StartsOn.Year, a.ParticipantsTotal, a.ParticipantsWomen))];
    }

    internal static CoverageMatrix Build(CoverageFilter filter, IReadOnlyList<Row> all, ReferenceNames names, IReadOnlyList<string> priorityOrder, CultureInfo culture)
    {
        var rows = filter.Year is { } year ? all.Where(r => r.Year == year).ToList() : [.. all];
        var cells = new Dictionary<(string, string), CoverageCounts>();
        var stateTotals = new Dictionary<string, CoverageCounts>(StringComparer.Ordinal);
        var priorityTotals = new Dictionary<string, CoverageCounts>(StringComparer.Ordinal);
        var total = CoverageCounts.Zero;
        foreach (var r in rows)
        {
            var one = new CoverageCounts(1, r.Participants ?? 0, r.Women ?? 0);
            total = total.Add(one);
            foreach (var s in r.States.Distinct(StringComparer.Ordinal))
            {
                stateTotals[s] = stateTotals.GetValueOrDefault(s, CoverageCounts.Zero).Add(one);
                foreach (var p in r.Priorities.Distinct(StringComparer.Ordinal))
                {
                    cells[(s, p)] = cells.GetValueOrDefault((s, p), CoverageCounts.Zero).Add(one);
                }
            }
            foreach (var p in r.Priorities.Distinct(StringComparer.Ordinal))
            {
                priorityTotals[p] = priorityTotals.GetValueOrDefault(p, CoverageCounts.Zero).Add(one);
            }
        }
        var states = stateTotals.Keys.Select(c => new CoverageAxis(c, names.State(c)))
            .OrderBy(a => a.Name, StringComparer.Create(culture, ignoreCase: true)).ToList();
        var priorities = priorityOrder.Concat(priorityTotals.Keys.Where(k => !priorityOrder.Contains(k)).Order(StringComparer.Ordinal))
            .Select(c => new CoverageAxis(c, names.Priority(c))).ToList();
        var trend = all.GroupBy(r => r.Year).OrderBy(g => g.Key)
            .Select(g => new CoverageYear(g.Key, new CoverageCounts(g.Count(), g.Sum(r => r.Participants ?? 0), g.Sum(r => r.Women ?? 0)))).ToList();
        return new CoverageMatrix(filter, states, priorities,
            [.. cells.Select(c => new CoverageCell(c.Key.Item1, c.Key.Item2, c.Value)).OrderBy(c => c.State, StringComparer.Ordinal).ThenBy(c => c.Priority, StringComparer.Ordinal)],
            stateTotals, priorityTotals, total, trend);
    }

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
