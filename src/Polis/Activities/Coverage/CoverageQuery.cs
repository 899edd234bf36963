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
        var all = Filtered(filter with { Year = null });
        var year = Filtered(filter);
        List<Aggregate> cells, byState, byPriority;
        if (db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true)
        {
            // SQLite: EF cannot unnest a JSON list in a grouped query (no APPLY), so the unnesting is one fixed SQL
            // source (json_each) and EF composes the rest over it: the grouping, the sums, and the visible activities
            // as an IN subquery of the filtered query (the access rule is its query filter). Never the rows.
            var visible = year.Select(a => a.Id);
            var (from, to) = Span(filter.Year);
            cells = await Grouped(db.Database.SqlQuery<Unnested>($"""
                SELECT DISTINCT a.Id AS ActivityId, s.value AS State, p.value AS Priority, a.ParticipantsTotal AS Participants, a.ParticipantsWomen AS Women
                FROM act_activity a, json_each(a.States) s, json_each(a.Priorities) p WHERE a.StartsOn >= {from} AND a.StartsOn <= {to}
                """).Where(u => visible.Contains(u.ActivityId)), cells: true, byState: true, ct);
            byState = await Grouped(db.Database.SqlQuery<Unnested>($"""
                SELECT DISTINCT a.Id AS ActivityId, s.value AS State, '' AS Priority, a.ParticipantsTotal AS Participants, a.ParticipantsWomen AS Women
                FROM act_activity a, json_each(a.States) s WHERE a.StartsOn >= {from} AND a.StartsOn <= {to}
                """).Where(u => visible.Contains(u.ActivityId)), cells: false, byState: true, ct);
            byPriority = await Grouped(db.Database.SqlQuery<Unnested>($"""
                SELECT DISTINCT a.Id AS ActivityId, '' AS State, p.value AS Priority, a.ParticipantsTotal AS Participants, a.ParticipantsWomen AS Women
                FROM act_activity a, json_each(a.Priorities) p WHERE a.StartsOn >= {from} AND a.StartsOn <= {to}
                """).Where(u => visible.Contains(u.ActivityId)), cells: false, byState: false, ct);
        }
        else
        {
            // Each count is one aggregate in the database (States and priorities are unnested there), never the rows.
            cells = await (from a in year
                           from st in a.States
                           from pr in a.Priorities
                           group a by new { State = st, Priority = pr } into g
                           select new Aggregate(g.Key.State, g.Key.Priority, g.Count(), g.Sum(a => a.ParticipantsTotal ?? 0), g.Sum(a => a.ParticipantsWomen ?? 0)))
                .ToListAsync(ct);
            byState = await (from a in year
                             from st in a.States
                             group a by st into g
                             select new Aggregate(g.Key, "", g.Count(), g.Sum(a => a.ParticipantsTotal ?? 0), g.Sum(a => a.ParticipantsWomen ?? 0)))
                .ToListAsync(ct);
            byPriority = await (from a in year
                                from pr in a.Priorities
                                group a by pr into g
                                select new Aggregate("", g.Key, g.Count(), g.Sum(a => a.ParticipantsTotal ?? 0), g.Sum(a => a.ParticipantsWomen ?? 0)))
                .ToListAsync(ct);
        }
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

    /// <summary>One activity unnested to one State and/or one priority (the SQLite aggregate source).</summary>
    internal sealed class Unnested
    {
        public Guid ActivityId { get; set; }
        public string State { get; set; } = "";
        public string Priority { get; set; } = "";
        public int? Participants { get; set; }
        public int? Women { get; set; }
    }

    private static (DateOnly From, DateOnly To) Span(int? year) =>
        year is { } y ? (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31)) : (DateOnly.MinValue, DateOnly.MaxValue);

    private static Task<List<Aggregate>> Grouped(IQueryable<Unnested> source, bool cells, bool byState, CancellationToken ct) => cells
        ? source.GroupBy(u => new { u.State, u.Priority })
            .Select(g => new Aggregate(g.Key.State, g.Key.Priority, g.Count(), g.Sum(u => u.Participants ?? 0), g.Sum(u => u.Women ?? 0))).ToListAsync(ct)
        : byState
            ? source.GroupBy(u => u.State).Select(g => new Aggregate(g.Key, "", g.Count(), g.Sum(u => u.Participants ?? 0), g.Sum(u => u.Women ?? 0))).ToListAsync(ct)
            : source.GroupBy(u => u.Priority).Select(g => new Aggregate("", g.Key, g.Count(), g.Sum(u => u.Participants ?? 0), g.Sum(u => u.Women ?? 0))).ToListAsync(ct);

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
