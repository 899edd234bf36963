namespace Polis.Activities.Coverage;

/// <summary>Counts of one cell (a State × priority, a year, a row of an annex): activities, participants, women.</summary>
public sealed record CoverageCounts(int Activities, int Participants, int Women)
{
    public static CoverageCounts Zero { get; } = new(0, 0, 0);

    /// <summary>Share of women among participants whose sex is recorded, 0..1; null when no participant is counted.</summary>
    public double? WomenShare => Participants == 0 ? null : Math.Round((double)Women / Participants, 3);

    public CoverageCounts Add(CoverageCounts other) => new(Activities + other.Activities, Participants + other.Participants, Women + other.Women);
}

/// <summary>A row or column of the matrix: its code and its name in the reader's language.</summary>
public sealed record CoverageAxis(string Code, string Name);

/// <summary>One non-empty cell of the matrix.</summary>
public sealed record CoverageCell(string State, string Priority, CoverageCounts Counts);

/// <summary>One year of the trend.</summary>
public sealed record CoverageYear(int Year, CoverageCounts Counts);

/// <summary>
/// Participating States × thematic priorities for the activities a viewer may see, with the filters that made it.
/// An activity for two States and two priorities counts in four cells, once in each row total and once in the grand
/// total (row and column totals are distinct activities, not sums of cells).
/// </summary>
public sealed record CoverageMatrix(
    CoverageFilter Filter,
    IReadOnlyList<CoverageAxis> States,
    IReadOnlyList<CoverageAxis> Priorities,
    IReadOnlyList<CoverageCell> Cells,
    IReadOnlyDictionary<string, CoverageCounts> StateTotals,
    IReadOnlyDictionary<string, CoverageCounts> PriorityTotals,
    CoverageCounts Total,
    IReadOnlyList<CoverageYear> Trend)
{
    public CoverageCounts this[string state, string priority] =>
        Cells.FirstOrDefault(c => c.State == state && c.Priority == priority)?.Counts ?? CoverageCounts.Zero;
}

/// <summary>The filters of the coverage page and API (all optional; several values of one filter are OR-ed).</summary>
public sealed record CoverageFilter(int? Year, IReadOnlyList<string> Structures, IReadOnlyList<string> Lines, IReadOnlyList<string> Types)
{
    public static CoverageFilter None { get; } = new(null, [], [], []);
}
