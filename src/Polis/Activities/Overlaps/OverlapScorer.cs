using Polis.Search;

namespace Polis.Activities.Overlaps;

/// <summary>
/// What the overlap check needs of an activity: who runs it, for which States and thematic priorities, when, and what it
/// is about (title and description in one language). The activity record maps onto it (OverlapSubjects), so
/// the scorer is tested on its own.
/// </summary>
internal sealed record OverlapSubject(
    Guid Id,
    string Structure,
    IReadOnlySet<string> States,
    IReadOnlySet<string> Priorities,
    DateOnly Start,
    DateOnly End,
    string Text,
    string? Language)
{
    /// <summary>Partner organisations (codes): an activity of the same structure still overlaps when a partner runs the other.</summary>
    public IReadOnlySet<string> Partners { get; init; } = new HashSet<string>();

    /// <summary>Title for lists (the first line of <see cref="Text"/> unless set).</summary>
    public string Title { get; init; } = "";
}

/// <summary>One possibly overlapping activity and why: every figure of the explanation.</summary>
internal sealed record OverlapFinding(
    OverlapSubject Other,
    double Score,
    double ContentSimilarity,
    int DaysApart,
    IReadOnlyList<string> SharedStates,
    IReadOnlyList<string> SharedPriorities,
    string Language,
    string OtherLanguage);

/// <summary>
/// Scores a candidate against an activity. Candidates come from the blocking key (a shared State, a shared priority,
/// dates within <see cref="WindowDays"/>: OverlapCandidates), never from a scan of every activity. The
/// score weighs content similarity across languages (<see cref="ContentConcepts"/>) most, then date proximity, then the
/// share of States and priorities in common. Weights and thresholds were chosen on the labelled set
/// (tests/Polis.Tests/Activities/MeasuringOverlapDetection.cs; figures in docs/activities.md).
/// </summary>
internal sealed class OverlapScorer(ContentConcepts concepts)
{
    /// <summary>Candidates start at most this many days before or after the activity.</summary>
    public const int WindowDays = 60;

    /// <summary>A candidate is reported at or above this score…</summary>
    public const double Threshold = 0.40;

    /// <summary>…and only with at least this content similarity (same place and time alone is co-ordination, not overlap).</summary>
    public const double MinimumContent = 0.25;

    private const double ContentWeight = 0.70;
    private const double TimeWeight = 0.15;
    private const double StateWeight = 0.075;
    private const double PriorityWeight = 0.075;

    /// <summary>The subject's features (<see cref="FeatureVector"/>), analysed now.</summary>
    public FeatureVector Features(OverlapSubject subject) => FeatureVector.Of(concepts.Extract(subject.Text, subject.Language));

    /// <summary>The candidates that overlap, best first (at most <paramref name="limit"/>).</summary>
    public IReadOnlyList<OverlapFinding> Rank(OverlapSubject subject, IEnumerable<OverlapSubject> candidates, int limit = 20)
    {
        var features = Features(subject);
        var findings = new List<OverlapFinding>();
        foreach (var candidate in candidates)
        {
            if (Score(subject, features, candidate, Features(candidate)) is { } finding && Reported(finding))
            {
                findings.Add(finding);
            }
        }
        return [.. findings.OrderByDescending(f => f.Score).ThenBy(f => f.Other.Start).ThenBy(f => f.Other.Id).Take(limit)];
    }

    /// <summary>At or above <see cref="Threshold"/> with at least <see cref="MinimumContent"/>: shown as an overlap.</summary>
    public static bool Reported(OverlapFinding f) => f.Score >= Threshold && f.ContentSimilarity >= MinimumContent;

    /// <summary>The scored comparison from stored or fresh features (null when outside the blocking key or the same record).</summary>
    public static OverlapFinding? Score(OverlapSubject subject, FeatureVector features, OverlapSubject candidate, FeatureVector candidateFeatures) =>
        Score(subject, candidate, () => features.Cosine(candidateFeatures), features.Language, candidateFeatures.Language);

    /// <summary>The same from concept bags (the exact weights, before they are stored: the labelled set compares both).</summary>
    public static OverlapFinding? Score(OverlapSubject subject, ConceptBag bag, OverlapSubject candidate, ConceptBag candidateBag) =>
        Score(subject, candidate, () => bag.Cosine(candidateBag), bag.Language, candidateBag.Language);

    private static OverlapFinding? Score(OverlapSubject subject, OverlapSubject candidate, Func<double> similarity, string language, string otherLanguage)
    {
        if (candidate.Id == subject.Id || !IsOtherParty(subject, candidate))
        {
            return null;
        }
        var states = subject.States.Intersect(candidate.States, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var priorities = subject.Priorities.Intersect(candidate.Priorities, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var days = DaysApart(subject, candidate);
        if (states.Count == 0 || priorities.Count == 0 || days > WindowDays)
        {
            return null;
        }
        var content = similarity();
        var time = 1.0 - ((double)days / WindowDays);
        var score = (ContentWeight * content) + (TimeWeight * time)
            + (StateWeight * Jaccard(subject.States, candidate.States)) + (PriorityWeight * Jaccard(subject.Priorities, candidate.Priorities));
        return new OverlapFinding(candidate, Math.Round(score, 3), Math.Round(content, 2), days, states, priorities, language, otherLanguage);
    }

    /// <summary>Another executive structure, or the same one with a partner organisation that the other does not share.</summary>
    public static bool IsOtherParty(OverlapSubject a, OverlapSubject b) =>
        !string.Equals(a.Structure, b.Structure, StringComparison.Ordinal)
        || !a.Partners.SetEquals(b.Partners);

    /// <summary>Days between the two start dates ("9 days apart").</summary>
    public static int DaysApart(OverlapSubject a, OverlapSubject b) => Math.Abs(a.Start.DayNumber - b.Start.DayNumber);

    private static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        var union = a.Union(b, StringComparer.Ordinal).Count();
        return union == 0 ? 0 : (double)a.Intersect(b, StringComparer.Ordinal).Count() / union;
    }
}
