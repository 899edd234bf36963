using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Polis.Data;

namespace Polis.Activities.Overlaps;

/// <summary>A possibly overlapping activity as the save answer, the API and the pages show it.</summary>
/// <param name="Id">The other activity.</param>
/// <param name="Title">Its title in its original language.</param>
/// <param name="Owner">Its executive structure.</param>
/// <param name="StartsOn">Its first day.</param>
/// <param name="Score">0..1: content similarity weighted most, then dates, then States and priorities in common.</param>
/// <param name="ContentSimilarity">0..1, across languages.</param>
/// <param name="DaysApart">Days between the two start dates.</param>
/// <param name="SharedStates">States both are for (ISO codes).</param>
/// <param name="SharedPriorities">Thematic priorities both serve (codes).</param>
/// <param name="Language">The language the checked activity was compared in.</param>
/// <param name="OtherLanguage">The language of the other activity.</param>
/// <param name="Explanation">All of it in a sentence, in the reader's language.</param>
public sealed record OverlapWarning(
    Guid Id, string Title, string Owner, DateOnly StartsOn, double Score, double ContentSimilarity, int DaysApart,
    IReadOnlyList<string> SharedStates, IReadOnlyList<string> SharedPriorities, string Language, string OtherLanguage, string Explanation);

/// <summary>A pair of possibly overlapping activities for the co-ordination page.</summary>
public sealed record OverlapPair(Guid FirstId, string FirstTitle, string FirstOwner, DateOnly FirstStartsOn, OverlapWarning Second);

/// <summary>
/// The overlap check on the database. Candidates come from the blocking key — a shared beneficiary State, a shared
/// thematic priority and a start within <see cref="OverlapScorer.WindowDays"/> days (the side table
/// <see cref="ActivityCoverageKey"/> and its index on State, priority and start date) — and
/// only from activities the reader may see (the access rule is the query filter); then they are scored
/// (<see cref="OverlapScorer"/>) from their stored features (<see cref="ActivityOverlapFeatures"/>, analysed once at
/// save), read in the same query as the candidates' fields; a candidate whose features are missing or of another
/// analysis version is analysed from its text here. Never a scan of every activity.
/// </summary>
public sealed class OverlapCheck(PolisDb db, OverlapFeatureAnalyzer analyzer)
{
    /// <summary>At most this many candidates are scored per activity (nearest start dates first, then by id).</summary>
    public const int MaxCandidates = 300;

    /// <summary>The co-ordination page compares at most this many activities of a period.</summary>
    public const int MaxActivitiesPerPage = 5000;

    /// <summary>Treat every stored feature row as stale (the benchmark's "before": every candidate's text analysed).</summary>
    internal bool AnalyseEveryCandidate { get; init; }

    /// <summary>The overlaps of a saved (or about to be saved) activity.</summary>
    public Task<IReadOnlyList<OverlapWarning>> ForAsync(Activity activity, CancellationToken ct) => ForAsync(activity, null, ct);

    /// <summary>The same, timing its parts into <paramref name="timings"/> when given (the benchmark's profile).</summary>
    internal async Task<IReadOnlyList<OverlapWarning>> ForAsync(Activity activity, OverlapTimings? timings, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var subject = SubjectOf(activity);
        if (subject.States.Count == 0 || subject.Priorities.Count == 0)
        {
            return [];
        }
        var nearest = await CandidateIdsAsync(subject, ct);
        timings?.Add("candidates", watch);
        if (nearest.Count == 0) return [];
        var rows = await OverlapFeatureRows.Of(db, nearest).ToListAsync(ct);
        timings?.Add("loading", watch);
        var features = analyzer.Analyse(subject.Text, subject.Language).Vector;
        var candidates = await FeaturesAsync(rows, ct);
        timings?.Add("analysis", watch);
        var findings = new List<OverlapFinding>();
        foreach (var (candidate, vector) in candidates)
        {
            if (OverlapScorer.Score(subject, features, candidate, vector) is { } f && OverlapScorer.Reported(f))
            {
                findings.Add(f);
            }
        }
        timings?.Add("scoring", watch);
        IReadOnlyList<OverlapWarning> warnings = [.. findings.OrderByDescending(f => f.Score).ThenBy(f => f.Other.Start).ThenBy(f => f.Other.Id).Take(20).Select(Warning)];
        timings?.Add("explanation", watch);
        return warnings;
    }

    /// <summary>The overlaps of an activity by id; null when the reader cannot see it.</summary>
    public async Task<IReadOnlyList<OverlapWarning>?> ForAsync(Guid id, CancellationToken ct)
    {
        var activity = await db.Set<Activity>().AsNoTracking().Include(a => a.Texts).AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, ct);
        return activity is null ? null : await ForAsync(activity, ct);
    }

    /// <summary>
    /// Every pair of possibly overlapping activities starting between <paramref name="from"/> and <paramref name="to"/>:
    /// grouped by State × priority, each compared only with those of its group starting within the window.
    /// </summary>
    public async Task<IReadOnlyList<OverlapPair>> PairsAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var ids = await db.Set<Activity>().AsNoTracking()
            .Where(a => a.StartsOn >= from && a.StartsOn <= to)
            .OrderBy(a => a.StartsOn).ThenBy(a => a.Id).Select(a => a.Id).Take(MaxActivitiesPerPage).ToListAsync(ct);
        var rows = ids.Count == 0 ? [] : await OverlapFeatureRows.Of(db, ids).ToListAsync(ct);
        var scored = (await FeaturesAsync(rows, ct)).OrderBy(c => c.Subject.Start).ThenBy(c => c.Subject.Id).ToList();
        var vectors = scored.ToDictionary(c => c.Subject.Id, c => c.Features);
        var blocks = new Dictionary<(string, string), List<OverlapSubject>>();
        foreach (var (s, _) in scored)
        {
            foreach (var state in s.States)
            {
                foreach (var priority in s.Priorities)
                {
                    if (!blocks.TryGetValue((state, priority), out var list))
                    {
                        blocks[(state, priority)] = list = [];
                    }
                    list.Add(s);
                }
            }
        }
        var seen = new HashSet<(Guid, Guid)>();
        var pairs = new List<(OverlapSubject First, OverlapFinding Finding)>();
        foreach (var block in blocks.Values)
        {
            for (var i = 0; i < block.Count; i++)
            {
                for (var j = i + 1; j < block.Count && block[j].Start.DayNumber - block[i].Start.DayNumber <= OverlapScorer.WindowDays; j++)
                {
                    var (a, b) = (block[i], block[j]);
                    if (!seen.Add((a.Id, b.Id)))
                    {
                        continue;
                    }
                    if (OverlapScorer.Score(a, vectors[a.Id], b, vectors[b.Id]) is { } f && OverlapScorer.Reported(f))
                    {
                        pairs.Add((a, f));
                    }
                }
            }
        }
        return [.. pairs.OrderByDescending(p => p.Finding.Score).ThenBy(p => p.First.Start)
            .Select(p => new OverlapPair(p.First.Id, p.First.Title, p.First.Structure, p.First.Start, Warning(p.Finding)))];
    }

    /// <summary>
    /// Short queries, each under the access rule: from the side table (<see cref="ActivityCoverageKey"/>, its
    /// State × priority × start-date index), the ids and start dates of the activities that share the blocking key,
    /// at most <see cref="MaxCandidates"/> on each side of the start date (so at most twice that, whatever the volume);
    /// of those the ids of the <see cref="MaxCandidates"/> nearest in start date.
    /// </summary>
    private async Task<List<Guid>> CandidateIdsAsync(OverlapSubject subject, CancellationToken ct)
    {
        var from = subject.Start.AddDays(-OverlapScorer.WindowDays);
        var to = subject.Start.AddDays(OverlapScorer.WindowDays);
        var start = subject.Start;
        var states = subject.States.ToList();
        var priorities = subject.Priorities.ToList();
        var id = subject.Id;
        var keys = ActivityCoverageKeys.Visible(db)
            .Where(k => states.Contains(k.State) && priorities.Contains(k.Priority) && k.ActivityId != id)
            .Select(k => new { k.ActivityId, k.StartsOn });
        var before = await keys.Where(k => k.StartsOn >= from && k.StartsOn < start).Distinct()
            .OrderByDescending(k => k.StartsOn).ThenBy(k => k.ActivityId).Take(MaxCandidates).ToListAsync(ct);
        var after = await keys.Where(k => k.StartsOn >= start && k.StartsOn <= to).Distinct()
            .OrderBy(k => k.StartsOn).ThenBy(k => k.ActivityId).Take(MaxCandidates).ToListAsync(ct);
        return [.. before.Concat(after).OrderBy(a => Math.Abs(a.StartsOn.DayNumber - subject.Start.DayNumber)).ThenBy(a => a.ActivityId)
            .Take(MaxCandidates).Select(a => a.ActivityId)];
    }

    /// <summary>
    /// Each row as the scorer sees it with its features: the stored ones when they are of the current analysis, else
    /// (none stored yet, or stored by another glossary or lexicon) analysed now from its original-language text, read
    /// by the <c>ActivityId</c> index for those rows only.
    /// </summary>
    private async Task<List<(OverlapSubject Subject, FeatureVector Features)>> FeaturesAsync(List<CandidateRow> rows, CancellationToken ct)
    {
        var version = analyzer.Version;
        var result = new List<(OverlapSubject, FeatureVector)>(rows.Count);
        var stale = new List<CandidateRow>();
        foreach (var row in rows)
        {
            if (!AnalyseEveryCandidate && row.FeatureVersion == version && row.Vector is { } bytes && FeatureVector.Read(row.FeatureLanguage ?? "", bytes) is { } vector)
            {
                result.Add((SubjectOf(row, row.Title), vector));
            }
            else
            {
                stale.Add(row);
            }
        }
        if (stale.Count > 0)
        {
            var ids = stale.Select(r => r.Id).ToList();
            var texts = (await db.Set<ActivityText>().AsNoTracking().Where(t => ids.Contains(t.ActivityId))
                    .Select(t => new { t.ActivityId, t.Language, t.Title, t.Description, t.Outcomes }).ToListAsync(ct))
                .ToLookup(t => t.ActivityId);
            foreach (var row in stale)
            {
                var text = texts[row.Id].FirstOrDefault(t => t.Language == row.Language) ?? texts[row.Id].FirstOrDefault();
                var subject = SubjectOf(row, text is null ? row.Title : Content(text.Title, text.Description, text.Outcomes));
                result.Add((subject, analyzer.Analyse(subject.Text, subject.Language).Vector));
            }
        }
        return result;
    }

    private static OverlapSubject SubjectOf(CandidateRow a, string content) =>
        new(a.Id, a.OwnerCode, a.States.ToHashSet(StringComparer.Ordinal), a.Priorities.ToHashSet(StringComparer.Ordinal), a.StartsOn, a.EndsOn, content, a.Language)
        {
            Partners = a.Partners.ToHashSet(StringComparer.Ordinal),
            Title = a.Title,
        };

    private static string Content(string title, string? description, string? outcomes) =>
        string.Join("\n", new[] { title, description, outcomes }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>The activity as the scorer sees it: its original-language title, description and outcomes.</summary>
    internal static OverlapSubject SubjectOf(Activity a)
    {
        var text = a.Texts.FirstOrDefault(t => t.Language == a.Language) ?? a.Texts.FirstOrDefault();
        var content = text is null ? a.Title : Content(text.Title, text.Description, text.Outcomes);
        return new OverlapSubject(a.Id, a.OwnerCode, a.States.ToHashSet(StringComparer.Ordinal), a.Priorities.ToHashSet(StringComparer.Ordinal),
            a.StartsOn, a.EndsOn, content, a.Language)
        {
            Partners = a.Partners.ToHashSet(StringComparer.Ordinal),
            Title = a.Title,
        };
    }

    private static OverlapWarning Warning(OverlapFinding f) => new(
        f.Other.Id, f.Other.Title, f.Other.Structure, f.Other.Start, f.Score, f.ContentSimilarity, f.DaysApart,
        f.SharedStates, f.SharedPriorities, f.Language, f.OtherLanguage, OverlapExplanation.Describe(f));
}

/// <summary>Milliseconds spent in each part of overlap checks (the benchmark's profile), summed over the checks timed.</summary>
internal sealed class OverlapTimings
{
    public Dictionary<string, List<double>> Spans { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds the watch's elapsed time to <paramref name="span"/> and restarts it.</summary>
    public void Add(string span, System.Diagnostics.Stopwatch watch)
    {
        if (!Spans.TryGetValue(span, out var list))
        {
            Spans[span] = list = [];
        }
        list.Add(watch.Elapsed.TotalMilliseconds);
        watch.Restart();
    }

    /// <summary>"candidates 1.2 / 3.4 ms, …": median and p95 of each span.</summary>
    public string Describe() => string.Join(", ", Spans.Select(s =>
    {
        var sorted = s.Value.Order().ToList();
        var p95 = sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.95) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"{s.Key} {sorted[sorted.Count / 2]:0.0} / {p95:0.0} ms");
    }));
}

/// <summary>"same state, same priority, 9 days apart, 0.72 content similarity, English ↔ Russian", in the reader's language.</summary>
internal static class OverlapExplanation
{
    public static string Describe(OverlapFinding f)
    {
        var culture = CultureInfo.CurrentCulture;
        var parts = new List<string>
        {
            f.SharedStates.Count == 1 ? Text.OverlapSameState : string.Format(culture, Text.OverlapSameStates, f.SharedStates.Count),
            f.SharedPriorities.Count == 1 ? Text.OverlapSamePriority : string.Format(culture, Text.OverlapSamePriorities, f.SharedPriorities.Count),
            f.DaysApart == 0 ? Text.OverlapSameDay : string.Format(culture, Text.OverlapDaysApart, f.DaysApart),
            string.Format(culture, Text.OverlapContentSimilarity, f.ContentSimilarity.ToString("0.00", culture)),
            f.Language == f.OtherLanguage ? LanguageName(f.Language) : $"{LanguageName(f.Language)} ↔ {LanguageName(f.OtherLanguage)}",
        };
        return string.Join(", ", parts);
    }

    public static string LanguageName(string code) => code switch
    {
        "en" => Text.OverlapLanguageEn,
        "ru" => Text.OverlapLanguageRu,
        "fr" => Text.OverlapLanguageFr,
        "de" => Text.OverlapLanguageDe,
        "es" => Text.OverlapLanguageEs,
        _ => code,
    };
}
