using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Polis.Activities.Coverage;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Activities.Reporting;

/// <summary>
/// Writes "Annual Report on Police-Related Activities in YEAR" from the data, for the reader: only the activities the
/// reader may see are listed or counted (the access rule is the query filter; the previous year's figures too). The
/// structure of the real report: an executive summary with totals and the change from the previous year; then per
/// executive structure, per thematic priority, the activities with dates, places, participants and outcomes; annexes
/// with tables by State and by line of action, and the charts.
/// </summary>
public sealed class AnnualReportComposer(PolisDb db, IReferenceDirectory reference)
{
    public const int FirstYear = 1990;
    public const int LastYear = 2100;

    /// <summary>At most this many activities are listed in one report (the counts include every one).</summary>
    public const int MaxListed = 20000;

    public async Task<ReportDocument> ComposeAsync(int year, CultureInfo culture, CancellationToken ct)
    {
        var language = culture.TwoLetterISOLanguageName;
        var names = await reference.NamesAsync(culture, ct);
        var priorityOrder = (await reference.ThematicPrioritiesAsync(culture, ct)).Select(p => p.Code).ToList();
        var lineOrder = (await reference.LinesOfActionAsync(culture, ct)).Select(p => p.Code).ToList();
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        // Only what the report shows (no full entities): the columns it lists and counts; then, in a second flat query, the
        // title and outcomes of the texts it can show (the reader's language and the original), joined here by id.
        var inYear = db.Set<Activity>().AsNoTracking().Where(a => a.StartsOn >= from && a.StartsOn <= to);
        var activities = await inYear
            .OrderBy(a => a.StartsOn).ThenBy(a => a.Id).Take(MaxListed)
            .Select(a => new ReportRow(a.Id, a.Title, a.Language, a.OwnerCode, a.States, a.Priorities, a.LinesOfAction, a.StartsOn, a.EndsOn,
                a.Location, a.LocationState, a.ParticipantsTotal, a.ParticipantsWomen))
            .ToListAsync(ct);
        var texts = await inYear
            .Join(db.Set<ActivityText>(), a => a.Id, t => t.ActivityId, (a, t) => new { t.ActivityId, t.Language, t.Title, t.Outcomes, Original = a.Language })
            .Where(x => x.Language == language || x.Language == x.Original)
            .ToListAsync(ct);
        var byActivity = new Dictionary<Guid, List<ReportText>>(activities.Count);
        foreach (var t in texts)
        {
            if (!byActivity.TryGetValue(t.ActivityId, out var list))
            {
                byActivity[t.ActivityId] = list = [];
            }
            list.Add(new ReportText(t.Language, t.Title, t.Outcomes));
        }
        var previousFrom = from.AddYears(-1);
        var previousTo = to.AddYears(-1);
        var previousYear = db.Set<Activity>().AsNoTracking().Where(a => a.StartsOn >= previousFrom && a.StartsOn <= previousTo);
        var previousCount = await previousYear.CountAsync(ct);
        var previousParticipants = await previousYear.SumAsync(a => a.ParticipantsTotal ?? 0, ct);

        var title = string.Format(culture, Text.ReportTitle, year);
        var blocks = new List<ReportBlock> { new ReportContents(Text.ReportContents) };
        var total = Sum(activities);

        blocks.Add(new ReportHeading(1, Text.ReportSummary, "summary"));
        if (activities.Count == 0)
        {
            blocks.Add(new ReportParagraph(Text.ReportNoActivities));
        }
        else
        {
            blocks.Add(new ReportParagraph(string.Format(culture, Text.ReportSummaryTotals, year, activities.Count,
                activities.SelectMany(a => a.States).Distinct().Count(), activities.Select(a => a.OwnerCode).Distinct().Count(),
                total.Participants, total.Women)));
        }
        blocks.Add(new ReportParagraph(string.Format(culture, Text.ReportSummaryChange, year - 1,
            activities.Count, Change(activities.Count, previousCount, culture), total.Participants, Change(total.Participants, previousParticipants, culture))));
        var byPriority = priorityOrder.Select(p => (Code: p, Count: activities.Count(a => a.Priorities.Contains(p)))).Where(p => p.Count > 0).ToList();
        if (byPriority.Count > 0)
        {
            blocks.Add(new ReportParagraph(string.Format(culture, Text.ReportSummaryPriorities,
                string.Join("; ", byPriority.Select(p => $"{names.Priority(p.Code)}: {p.Count.ToString(culture)}")))));
        }

        blocks.Add(new ReportHeading(1, Text.ReportByStructure, "structures"));
        var comparer = StringComparer.Create(culture, ignoreCase: true);
        // An activity of two priorities is listed under both: its line is written once.
        var lines = new Dictionary<Guid, IReadOnlyList<object?>>(activities.Count);
        IReadOnlyList<object?> LineOf(ReportRow a)
        {
            if (!lines.TryGetValue(a.Id, out var line))
            {
                lines[a.Id] = line = Line(a, language, byActivity, names, culture);
            }
            return line;
        }
        foreach (var structure in activities.GroupBy(a => a.OwnerCode).OrderBy(g => names.Structure(g.Key), comparer))
        {
            var structureName = names.Structure(structure.Key);
            blocks.Add(new ReportHeading(2, structureName, "s-" + structure.Key));
            var priorities = priorityOrder.Concat(structure.SelectMany(a => a.Priorities).Distinct().Where(p => !priorityOrder.Contains(p)).Order(StringComparer.Ordinal));
            foreach (var priority in priorities)
            {
                var listed = structure.Where(a => a.Priorities.Contains(priority)).ToList();
                if (listed.Count == 0)
                {
                    continue;
                }
                var priorityName = names.Priority(priority);
                blocks.Add(new ReportHeading(3, priorityName, $"s-{structure.Key}-{priority}"));
                blocks.Add(new ReportTable(string.Format(culture, Text.ReportActivitiesOf, structureName, priorityName), new ExportTable(priorityName,
                    [Text.ReportColumnActivity, Text.ReportColumnDates, Text.ReportColumnPlace, Text.ReportColumnStates, Text.ReportColumnParticipants, Text.ReportColumnOutcomes],
                    [.. listed.Select(LineOf)])));
            }
        }

        blocks.Add(new ReportHeading(1, Text.ReportAnnexes, "annexes"));
        blocks.Add(new ReportHeading(2, Text.ReportAnnexByState, "annex-states"));
        var byState = activities.SelectMany(a => a.States.Distinct().Select(s => (State: s, Activity: a))).GroupBy(x => x.State)
            .Select(g => (Name: names.State(g.Key), Counts: Sum(g.Select(x => x.Activity)))).OrderBy(x => x.Name, comparer).ToList();
        blocks.Add(new ReportTable(Text.ReportAnnexByState, CountsTable(Text.CoverageState, byState)));
        blocks.Add(new ReportHeading(2, Text.ReportAnnexByLine, "annex-lines"));
        var byLine = lineOrder.Concat(activities.SelectMany(a => a.LinesOfAction).Distinct().Where(l => !lineOrder.Contains(l)).Order(StringComparer.Ordinal))
            .Select(l => (Name: names.LineOfAction(l), Counts: Sum(activities.Where(a => a.LinesOfAction.Contains(l))))).Where(x => x.Counts.Activities > 0).ToList();
        blocks.Add(new ReportTable(Text.ReportAnnexByLine, CountsTable(Text.ReportLineOfAction, byLine)));

        blocks.Add(new ReportHeading(2, Text.ReportAnnexCharts, "annex-charts"));
        blocks.Add(new ReportParagraph(Text.ReportChartsNote));
        var priorityBars = byPriority.Select(p => (names.Priority(p.Code), p.Count)).ToList();
        blocks.Add(new ReportChart(CoverageCharts.Bars(priorityBars, Text.ReportByPriorityChart, Text.ReportByPriorityDescription),
            new ReportTable(Text.ReportByPriorityChart, new ExportTable(Text.ReportByPriorityChart, [Text.CoveragePriority, Text.CoverageActivities],
                [.. priorityBars.Select(b => (IReadOnlyList<object?>)[b.Item1, b.Count])]))));
        var stateBars = byState.Select(s => (s.Name, s.Counts.Activities)).ToList();
        blocks.Add(new ReportChart(CoverageCharts.Bars(stateBars, Text.ReportByStateChart, Text.ReportByStateDescription),
            new ReportTable(Text.ReportByStateChart, new ExportTable(Text.ReportByStateChart, [Text.CoverageState, Text.CoverageActivities],
                [.. stateBars.Select(b => (IReadOnlyList<object?>)[b.Name, b.Activities])]))));
        return new ReportDocument(title, language, blocks);
    }

    /// <summary>An activity as the report needs it.</summary>
    private sealed record ReportRow(Guid Id, string Title, string Language, string OwnerCode, List<string> States, List<string> Priorities,
        List<string> LinesOfAction, DateOnly StartsOn, DateOnly EndsOn, string? Location, string? LocationState, int? ParticipantsTotal,
        int? ParticipantsWomen);

    /// <summary>As <see cref="Activity.TextIn"/>: the reader's language, else the original (of the texts loaded for the report).</summary>
    private static ReportText? TextIn(ReportRow a, string language, Dictionary<Guid, List<ReportText>> texts) =>
        texts.TryGetValue(a.Id, out var list) ? list.Find(t => t.Language == language) ?? list.Find(t => t.Language == a.Language) : null;

    private sealed record ReportText(string Language, string Title, string? Outcomes);

    private static IReadOnlyList<object?> Line(ReportRow a, string language, Dictionary<Guid, List<ReportText>> texts, ReferenceNames names, CultureInfo culture)
    {
        var text = TextIn(a, language, texts);
        var dates = a.StartsOn == a.EndsOn
            ? a.StartsOn.ToString("d MMM yyyy", culture)
            : $"{a.StartsOn.ToString("d MMM yyyy", culture)} – {a.EndsOn.ToString("d MMM yyyy", culture)}";
        var place = string.Join(", ", new[] { a.Location, a.LocationState is { } s ? names.State(s) : null }.Where(x => !string.IsNullOrWhiteSpace(x)));
        var participants = a.ParticipantsTotal is { } n
            ? (a.ParticipantsWomen is { } w ? $"{n.ToString(culture)} ({w.ToString(culture)})" : n.ToString(culture))
            : "—";
        return [text?.Title ?? a.Title, dates, place.Length == 0 ? "—" : place, string.Join(", ", a.States.Select(names.State)), participants,
            string.IsNullOrWhiteSpace(text?.Outcomes) ? "—" : text.Outcomes];
    }

    private static ExportTable CountsTable(string first, IReadOnlyList<(string Name, CoverageCounts Counts)> rows) => new(first,
        [first, Text.CoverageActivities, Text.CoverageParticipants, Text.CoverageWomen, Text.CoverageWomenShare],
        [.. rows.Select(r => (IReadOnlyList<object?>)[r.Name, r.Counts.Activities, r.Counts.Participants, r.Counts.Women,
            r.Counts.WomenShare is { } share ? share.ToString("P0", CultureInfo.CurrentCulture) : "—"])]);

    private static CoverageCounts Sum(IEnumerable<ReportRow> activities) =>
        activities.Aggregate(CoverageCounts.Zero, (c, a) => c.Add(new CoverageCounts(1, a.ParticipantsTotal ?? 0, a.ParticipantsWomen ?? 0)));

    // "+12 %", "−3 %", "no change"; against zero the change has no percentage: "+5".
    private static string Change(int now, int before, CultureInfo culture)
    {
        var difference = now - before;
        var sign = difference > 0 ? "+" : difference < 0 ? "−" : "±";
        if (before == 0)
        {
            return sign + Math.Abs(difference).ToString(culture);
        }
        var percent = Math.Abs(difference) * 100.0 / before;
        return $"{sign}{Math.Abs(difference).ToString(culture)}, {sign}{percent.ToString("0", culture)} %";
    }
}
