using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Activities;
using Polis.Activities.Coverage;
using Polis.Activities.Demo;
using Polis.Data;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Activities;

/// <summary>
/// The coverage matrix from the pre-aggregated cells (no structure, type or line filter) and from the side table (with
/// one) gives, for every reader, the numbers of a direct count over the activities that reader may read (the
/// activities' own query filter, counted here in memory): every cell, row and column total, the total and the trend,
/// for all years, one year, a structure, a type and a line of action. A restricted activity, stored by the bulk path
/// (whose keys move the cells through the database's triggers), changes nothing for a reader who may not see it and
/// counts for one who may.
/// </summary>
public abstract class CountingCoverage(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly Viewer Member = Viewer.Of(Guid.NewGuid(), "member", [Role.Member], ["TNTD"]);
    private static readonly Viewer Registered = Viewer.Of(Guid.NewGuid(), "registered", []);
    private static readonly Viewer SpmuMember = Viewer.Of(Guid.NewGuid(), "spmu", [Role.Member], ["SPMU"]);
    private static readonly Viewer KgOfficial = Viewer.Of(Guid.NewGuid(), "kg", [Role.Member], [], "KG");
    private static readonly Viewer Admin = Viewer.Of(Guid.NewGuid(), "admin", [Role.Administrator]);

    [Fact]
    public async Task The_matrix_gives_the_direct_count_for_every_reader_and_filter_and_a_restricted_activity_moves_only_its_readers_cells()
    {
        await WithAsync(Viewer.System, sp => sp.GetRequiredService<ActivityGenerator>().GenerateAsync(400, 5, null, Ct));
        var filters = new[]
        {
            CoverageFilter.None,
            CoverageFilter.None with { Year = 2019 },
            CoverageFilter.None with { Structures = ["SPMU", "TNTD"] },
            CoverageFilter.None with { Year = 2021, Types = ["Conference"] },
            CoverageFilter.None with { Lines = ["Training"] },
        };
        Viewer[] readers = [Viewer.Anonymous, Registered, Member, SpmuMember, KgOfficial, Admin];
        var before = new Dictionary<(string, int), string>();
        foreach (var reader in readers)
            for (var f = 0; f < filters.Length; f++)
            {
                var matrix = await MatrixAsync(reader, filters[f]);
                Assert.Equal(await DirectAsync(reader, filters[f]), Describe(matrix));
                before[(reader.Name ?? "anonymous", f)] = Describe(matrix);
            }
        Assert.True((await MatrixAsync(Viewer.Anonymous, CoverageFilter.None)).Total.Activities > 100);

        // Restricted to SPMU and to the officials of KG: in 2019, for KG and a priority the public ones have too.
        var restricted = Activity.Create(new ActivityValues
        {
            Language = "en",
            Texts = [new ActivityTextValues("en", "Restricted coverage workshop", null, null)],
            Owner = "SPMU",
            Type = ActivityType.Workshop,
            Priorities = ["OrganizedCrime"],
            LinesOfAction = ["Training"],
            States = ["KG", "TJ"],
            StartsOn = new DateOnly(2019, 5, 6),
            EndsOn = new DateOnly(2019, 5, 8),
            ParticipantsTotal = 1000,
            ParticipantsWomen = 500,
            Access = AccessLevel.Restricted,
            AllowedParties = [AccessGrant.ToOrganisation("SPMU"), AccessGrant.ToState("KG")],
        }, Viewer.System, app.Clock.GetUtcNow());
        await WithAsync(Viewer.System, async sp =>
        {
            await sp.GetRequiredService<StoreActivities>().AddManyAsync([restricted], Viewer.System, app.Clock.GetUtcNow(), Ct);
            return 0;
        });
        foreach (var reader in readers)
            for (var f = 0; f < filters.Length; f++)
            {
                var now = Describe(await MatrixAsync(reader, filters[f]));
                Assert.Equal(await DirectAsync(reader, filters[f]), now);
                var sees = reader == SpmuMember || reader == KgOfficial || reader == Admin;
                var touched = f != 3;   // the activity is SPMU's, of 2019, a workshop for Training: not in the conferences of 2021
                if (!sees || !touched) Assert.Equal(before[(reader.Name ?? "anonymous", f)], now);
                else Assert.NotEqual(before[(reader.Name ?? "anonymous", f)], now);
            }
        var forKg = await MatrixAsync(KgOfficial, CoverageFilter.None with { Year = 2019 });
        var forMember = await MatrixAsync(Member, CoverageFilter.None with { Year = 2019 });
        Assert.Equal(forMember["KG", "OrganizedCrime"].Participants + 1000, forKg["KG", "OrganizedCrime"].Participants);
    }

    private Task<CoverageMatrix> MatrixAsync(Viewer reader, CoverageFilter filter) =>
        WithAsync(reader, sp => sp.GetRequiredService<CoverageQuery>().MatrixAsync(filter, CultureInfo.GetCultureInfo("en"), Ct));

    /// <summary>The matrix counted in memory from the activities the reader may read (the query filter of Activity).</summary>
    private Task<string> DirectAsync(Viewer reader, CoverageFilter filter) => WithAsync(reader, async sp =>
    {
        var rows = await sp.GetRequiredService<PolisDb>().Set<Activity>().AsNoTracking()
            .Select(a => new { a.OwnerCode, a.Type, a.LinesOfAction, a.States, a.Priorities, a.StartsOn, a.ParticipantsTotal, a.ParticipantsWomen })
            .ToListAsync(Ct);
        var kept = rows.Where(a => (filter.Structures.Count == 0 || filter.Structures.Contains(a.OwnerCode))
            && (filter.Types.Count == 0 || filter.Types.Contains(a.Type.ToString()))
            && (filter.Lines.Count == 0 || a.LinesOfAction.Any(filter.Lines.Contains))).ToList();
        var inYear = kept.Where(a => filter.Year is null || a.StartsOn.Year == filter.Year).ToList();
        var cells = inYear.SelectMany(a => a.States.SelectMany(s => a.Priorities.Select(p => (s, p, a))))
            .GroupBy(x => (x.s, x.p)).Where(g => g.Any())
            .ToDictionary(g => $"{g.Key.s}/{g.Key.p}", g => Sum(g, x => x.a.ParticipantsTotal, x => x.a.ParticipantsWomen));
        var states = inYear.SelectMany(a => a.States.Select(s => (s, a))).GroupBy(x => x.s)
            .ToDictionary(g => g.Key, g => Sum(g, x => x.a.ParticipantsTotal, x => x.a.ParticipantsWomen));
        var priorities = inYear.SelectMany(a => a.Priorities.Select(p => (p, a))).GroupBy(x => x.p)
            .ToDictionary(g => g.Key, g => Sum(g, x => x.a.ParticipantsTotal, x => x.a.ParticipantsWomen));
        var trend = kept.GroupBy(a => a.StartsOn.Year).OrderBy(g => g.Key)
            .Select(g => new CoverageYear(g.Key, Sum(g, a => a.ParticipantsTotal, a => a.ParticipantsWomen))).ToList();
        return Describe(cells, states, priorities, Sum(inYear, a => a.ParticipantsTotal, a => a.ParticipantsWomen), trend);
    });

    private static CoverageCounts Sum<T>(IEnumerable<T> items, Func<T, int?> total, Func<T, int?> women)
    {
        var list = items.ToList();
        return new(list.Count, list.Sum(i => total(i) ?? 0), list.Sum(i => women(i) ?? 0));
    }

    private static string Describe(CoverageMatrix m) =>
        Describe(m.Cells.ToDictionary(c => $"{c.State}/{c.Priority}", c => c.Counts), m.StateTotals, m.PriorityTotals, m.Total, m.Trend);

    private static string Describe(IReadOnlyDictionary<string, CoverageCounts> cells, IReadOnlyDictionary<string, CoverageCounts> states,
        IReadOnlyDictionary<string, CoverageCounts> priorities, CoverageCounts total, IReadOnlyList<CoverageYear> trend)
    {
        static string Lines(IReadOnlyDictionary<string, CoverageCounts> d) =>
            string.Join("; ", d.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value.Activities},{kv.Value.Participants},{kv.Value.Women}"));
        return $"cells {Lines(cells)}\nstates {Lines(states)}\npriorities {Lines(priorities)}\ntotal {total}\ntrend "
            + string.Join("; ", trend.Select(y => $"{y.Year}={y.Counts.Activities},{y.Counts.Participants},{y.Counts.Women}"));
    }

    private async Task<T> WithAsync<T>(Viewer viewer, Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAs(viewer, "a test reads as this viewer");
        return await use(scope.ServiceProvider);
    }
}

public sealed class CountingCoverageOnSqlite(SqliteApp app) : CountingCoverage(app), IClassFixture<SqliteApp>;

public sealed class CountingCoverageOnPostgres(PostgresApp app) : CountingCoverage(app), IClassFixture<PostgresApp>;
