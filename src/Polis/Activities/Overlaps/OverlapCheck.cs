using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Polis.Data;
using Polis.Search;

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
/// (<see cref="OverlapScorer"/>). Never a scan of every activity.
/// </summary>
public sealed class OverlapCheck(PolisDb db, LexiconSource lexicon)
{
    /// <summary>At most this many candidates are scored per activity (nearest start dates first, then by id).</summary>
    public const int MaxCandidates = 300;

    /// <summary>The co-ordination page compares at most this many activities of a period.</summary>
    public const int MaxActivitiesPerPage = 5000;

    private readonly OverlapScorer scorer = new(new ContentConcepts(lexicon));

    /// <summary>The overlaps of a saved (or about to be saved) activity.</summary>
    public async Task<IReadOnlyList<OverlapWarning>> ForAsync(Activity activity, CancellationToken ct)
    {
        var subject = SubjectOf(activity);
        if (subject.States.Count == 0 || subject.Priorities.Count == 0)
        {
            return [];
        }
        var candidates = await CandidatesAsync(subject, ct);
        var bag = scorer.Bag(subject);
        var findings = new List<OverlapFinding>();
        foreach (var candidate in candidates)
        {
            if (OverlapScorer.Score(subject, bag, candidate, scorer.Bag(candidate)) is { } f && Reported(f))
            {
                findings.Add(f);
            }
        }
        return [.. findings.OrderByDescending(f => f.Score).ThenBy(f => f.Other.Start).Take(20).Select(Warning)];
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
        var activities = await db.Set<Activity>().AsNoTracking().Include(a => a.Texts)
            .Where(a => a.StartsOn >= from && a.StartsOn <= to)
            .OrderBy(a => a.StartsOn).ThenBy(a => a.Id).Take(MaxActivitiesPerPage).AsSplitQuery().ToListAsync(ct);
        var subjects = activities.Select(SubjectOf).ToList();
        var bags = new Dictionary<Guid, ConceptBag>();
        ConceptBag BagOf(OverlapSubject s) => bags.TryGetValue(s.Id, out var b) ? b : bags[s.Id] = scorer.Bag(s);
        var blocks = new Dictionary<(string, string), List<OverlapSubject>>();
        foreach (var s in subjects)
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
                    if (OverlapScorer.Score(a, BagOf(a), b, BagOf(b)) is { } f && Reported(f))
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
    /// of those the <see cref="MaxCandidates"/> nearest in start date are then loaded with only what the scorer reads
    /// (codes, dates and the original-language text; not every text, not every column).
    /// </summary>
    private async Task<List<OverlapSubject>> CandidatesAsync(OverlapSubject subject, CancellationToken ct)
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
        var nearest = before.Concat(after).OrderBy(a => Math.Abs(a.StartsOn.DayNumber - subject.Start.DayNumber)).ThenBy(a => a.ActivityId)
            .Take(MaxCandidates).Select(a => a.ActivityId).ToList();
        if (nearest.Count == 0) return [];
        var rows = await db.Set<Activity>().AsNoTracking().Where(a => nearest.Contains(a.Id))
            .Select(a => new { a.Id, a.OwnerCode, a.States, a.Priorities, a.Partners, a.StartsOn, a.EndsOn, a.Language, a.Title })
            .ToListAsync(ct);
        // The texts of the visible candidates only (by the ActivityId index), the original language picked here.
        var visible = rows.Select(a => a.Id).ToList();
        var texts = (await db.Set<ActivityText>().AsNoTracking().Where(t => visible.Contains(t.ActivityId))
                .Select(t => new { t.ActivityId, t.Language, t.Title, t.Description, t.Outcomes }).ToListAsync(ct))
            .ToLookup(t => t.ActivityId);
        string ContentOf(Guid activity, string language, string title) =>
            (texts[activity].FirstOrDefault(t => t.Language == language) ?? texts[activity].FirstOrDefault()) is { } t ? Content(t.Title, t.Description, t.Outcomes) : title;
        return [.. rows.Select(a => new OverlapSubject(a.Id, a.OwnerCode, a.States.ToHashSet(StringComparer.Ordinal), a.Priorities.ToHashSet(StringComparer.Ordinal),
            a.StartsOn, a.EndsOn, ContentOf(a.Id, a.Language, a.Title), a.Language)
        {
            Partners = a.Partners.ToHashSet(StringComparer.Ordinal),
            Title = a.Title,
        }).OrderBy(s => Math.Abs(s.Start.DayNumber - subject.Start.DayNumber)).ThenBy(s => s.Id)];
    }

    private static string Content(string title, string? description, string? outcomes) =>
        string.Join("\n", new[] { title, description, outcomes }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private static bool Reported(OverlapFinding f) => f.Score >= OverlapScorer.Threshold && f.ContentSimilarity >= OverlapScorer.MinimumContent;

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
