using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Activities;
using Polis.Activities.Demo;
using Polis.Data;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Activities;

/// <summary>
/// The bulk store (CSV import, generator) writes, column for column, what a save through EF Core writes for the same
/// input: the activity, its texts, grants, participation, budget lines, coverage keys, overlap features and first
/// revision. The bulk path builds its parameters itself (values converted by the columns' type mappings, JSON
/// collections by their writers), so a difference in a list, an enum, a date, a decimal or a null would show here.
/// </summary>
public abstract class StoringActivitiesInBulk(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly (string Table, string Key)[] Tables =
    [
        ("act_activity", "Id"), ("act_activity_text", "ActivityId"), ("act_activity_grant", "ActivityId"), ("act_participation", "ActivityId"),
        ("act_budget_line", "ActivityId"), ("act_coverage_key", "ActivityId"), ("act_overlap_features", "ActivityId"), ("act_activity_revision", "ActivityId"),
    ];

    [Fact]
    public async Task A_bulk_stored_activity_has_the_rows_of_the_same_activity_saved_through_EF_Core()
    {
        var earlier = await WithAsync(sp => sp.GetRequiredService<PolisDb>().Set<Activity>().AsNoTracking().Select(a => a.Id).ToListAsync(Ct));
        await WithAsync(sp => sp.GetRequiredService<ActivityGenerator>().GenerateAsync(12, 3, null, Ct));
        var generated = await WithAsync(sp => sp.GetRequiredService<PolisDb>().Set<Activity>().AsNoTracking().Where(a => !earlier.Contains(a.Id))
            .Include(a => a.Texts).Include(a => a.BudgetLines).AsSplitQuery().OrderBy(a => a.Id).ToListAsync(Ct));
        var compared = 0;
        foreach (var (source, i) in generated.Select((a, i) => (a, i)))
        {
            var input = InputOf(source, i);
            var now = app.Clock.GetUtcNow();
            var saved = await WithAsync(sp => sp.GetRequiredService<SaveActivity>().CreateAsync(input, Viewer.System, Ct));
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
            var bulkId = await WithAsync(async sp =>
            {
                var (result, built) = await sp.GetRequiredService<SaveActivity>().CheckNewAsync(input, Viewer.System, now, auditRefusal: false, Ct);
                Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
                await sp.GetRequiredService<StoreActivities>().AddManyAsync([built!], Viewer.System, now, Ct);
                return built!.Id;
            });
            foreach (var (table, key) in Tables)
            {
                var viaEf = await RowsAsync(table, key, saved.Id!.Value);
                var viaBulk = await RowsAsync(table, key, bulkId);
                if (table is "act_activity" or "act_activity_text" or "act_coverage_key" or "act_overlap_features" or "act_activity_revision") Assert.NotEmpty(viaEf);
                Assert.Equal(viaEf, viaBulk);
            }
            compared++;
        }
        Assert.Equal(12, compared);
    }

    [Fact]
    public async Task Every_table_of_the_bulk_store_is_written_as_JSON_rows_on_SQLite_and_as_column_arrays_on_PostgreSQL_not_value_by_value()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
        var types = new[] { typeof(Activity), typeof(ActivityText), typeof(ActivityCoverageKey), typeof(ActivityRevision), typeof(AuditEntry) }
            .Select(t => db.Model.FindEntityType(t)!)
            .Concat(new[] { nameof(Activity.AllowedParties), nameof(Activity.ParticipantsByState), nameof(Activity.BudgetLines) }.Select(n => BulkInsert.Owned<Activity>(db, n)))
            .Append(db.Model.FindEntityType(typeof(Polis.Activities.Overlaps.ActivityOverlapFeatures))!).ToList();
        var sqlite = db.Database.ProviderName!.Contains("Sqlite", StringComparison.Ordinal);
        foreach (var type in types) Assert.True(BulkInsert.WritesAsJson(db, type) == sqlite, $"{type.DisplayName()}: JSON rows {!sqlite} expected {sqlite}");
        // On PostgreSQL one array per column (the activity's list columns as array literals).
        foreach (var type in types) Assert.True(BulkInsert.WritesAsArrays(db, type) == !sqlite, $"{type.DisplayName()}: arrays");
    }

    /// <summary>
    /// The cells of the coverage matrix after bulk writes are the sums of the keys (on SQLite the write sums its own keys
    /// instead of the per-row trigger, ActivityCoverageKeys.AddNewAsync); a write stopped after its keys leaves neither a
    /// key, nor a cell's count, nor SQLite's mark that tells the trigger to skip them.
    /// </summary>
    [Fact]
    public async Task A_bulk_write_adds_its_keys_to_the_coverage_cells_and_a_stopped_one_changes_no_cell()
    {
        await WithAsync(sp => sp.GetRequiredService<ActivityGenerator>().GenerateAsync(40, 5, null, Ct));
        var cells = await CellsAsync();
        Assert.Equal(await KeySumsAsync(), cells);
        Assert.NotEmpty(cells);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var templates = await WithAsync(sp => sp.GetRequiredService<PolisDb>().Set<Activity>().AsNoTracking().Include(a => a.Texts).Include(a => a.BudgetLines)
            .AsSplitQuery().OrderBy(a => a.Id).Take(20).ToListAsync(Ct));
        var built = new List<Activity>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => WithAsync<int>(async sp =>
        {
            // Three new activities from generated ones (a generated one's input may not pass the form's rules as copied).
            foreach (var (template, i) in templates.Select((t, i) => (t, i)))
            {
                var (result, activity) = await sp.GetRequiredService<SaveActivity>().CheckNewAsync(InputOf(template, i) with { ParticipantsByState = [] }, Viewer.System,
                    app.Clock.GetUtcNow(), auditRefusal: false, Ct);
                if (activity is not null && built.Count < 3) built.Add(activity);
            }
            Assert.Equal(3, built.Count);
            await sp.GetRequiredService<StoreActivities>().AddManyAsync(built, Viewer.System, app.Clock.GetUtcNow(), stop.Token,
                step => { if (step == "coverage keys") stop.Cancel(); });
            return 0;
        }));
        Assert.Equal(3, built.Count);
        foreach (var a in built) Assert.Empty(await RowsAsync("act_coverage_key", "ActivityId", a.Id));
        Assert.Equal(cells, await CellsAsync());
        if (app.Provider == DatabaseProvider.Sqlite)
            Assert.Equal(0, await app.QueryAsync(db => db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM act_coverage_bulk").SingleAsync(Ct)));
    }

    private async Task<List<string>> CellsAsync() =>
        [.. (await app.QueryAsync(db => db.Set<ActivityCoverageCell>().AsNoTracking().Where(c => c.Activities != 0 || c.Participants != 0 || c.Women != 0).ToListAsync(Ct)))
            .Select(c => $"{c.Year} {c.State} {c.Priority} {c.Access}: {c.Activities} {c.Participants} {c.Women}").Order(StringComparer.Ordinal)];

    /// <summary>The cells as this test counts them from the keys: each key in its own cell, and in its State's and its priority's totals by its flags.</summary>
    private async Task<List<string>> KeySumsAsync() =>
        [.. (await app.QueryAsync(db => db.Set<ActivityCoverageKey>().AsNoTracking().Where(k => k.Access != AccessLevel.Restricted).ToListAsync(Ct)))
            .SelectMany(k => new[] { (k, k.State, k.Priority, true), (k, k.State, "", k.InStateTotal), (k, "", k.Priority, k.InPriorityTotal) })
            .Where(c => c.Item4)
            .GroupBy(c => (c.k.Year, c.Item2, c.Item3, c.k.Access))
            .Select(g => $"{g.Key.Year} {g.Key.Item2} {g.Key.Item3} {g.Key.Access}: {g.Count()} {g.Sum(c => c.k.Participants)} {g.Sum(c => c.k.Women)}").Order(StringComparer.Ordinal)];

    /// <summary>A generated activity as input, with a translation, participation by State, a budget line with cents, and every third one restricted.</summary>
    private static ActivityInput InputOf(Activity a, int i) => SeedingAndSearchingActivities.ToInput(a) with
    {
        Title = a.Title + " (copy)",
        Description = a.Texts.FirstOrDefault(t => t.Language == a.Language)?.Description,
        Outcomes = i % 2 == 0 ? "Curriculum adopted; 12 trainers certified." : null,
        Translations = [new ActivityTranslationInput { Language = a.Language == "ru" ? "en" : "ru", Title = "Перевод " + i, Description = i % 2 == 0 ? "Описание" : null }],
        Location = i % 3 == 1 ? null : a.Location,
        LocationState = a.States.FirstOrDefault(),
        ParticipantsByState = [.. a.States.Select((s, k) => new ParticipationInput { State = s, Count = 3 + k })],
        BudgetLines = [.. a.BudgetLines.Select(b => new BudgetLineInput { Amount = b.Amount, Currency = b.Currency, Funding = b.Funding, Donor = b.Donor }),
            new BudgetLineInput { Amount = 1234.56m, Currency = "EUR", Funding = FundingSource.ExtraBudgetary, Donor = "Donor " + i }],
        Access = i % 3 == 0 ? AccessLevel.Restricted : a.Access,
        AllowedParties = i % 3 == 0 ? ["org:SPMU", "state:KG"] : null,
    };

    /// <summary>The rows of a table for one activity as text, column by column, without the rows' own ids, sorted.</summary>
    private async Task<List<string>> RowsAsync(string table, string key, Guid activity) => await WithAsync(async sp =>
    {
        var db = sp.GetRequiredService<PolisDb>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        var sqlite = db.Database.ProviderName!.Contains("Sqlite", StringComparison.Ordinal);
        command.CommandText = $"SELECT * FROM {table} WHERE \"{key}\" = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = sqlite ? activity.ToString().ToUpperInvariant() : activity;
        command.Parameters.Add(parameter);
        var rows = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            var cells = new List<string>();
            for (var c = 0; c < reader.FieldCount; c++)
            {
                if (reader.GetName(c) is "Id" or "ActivityId") continue;
                var value = reader.GetValue(c);
                // The value's type too: SQLite keeps "12.0" as text and 12 as an integer, which print alike.
                cells.Add(reader.GetName(c) + "=" + value.GetType().Name + ":" + (value is Array array ? string.Join("|", array.Cast<object>()) : Convert.ToString(value, CultureInfo.InvariantCulture)));
            }
            rows.Add(string.Join("; ", cells).Replace(activity.ToString(), "<id>", StringComparison.OrdinalIgnoreCase));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    });

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAs(Viewer.System, "a test writes as the system");
        return await use(scope.ServiceProvider);
    }
}

public sealed class StoringActivitiesInBulkOnSqlite(SqliteApp app) : StoringActivitiesInBulk(app), IClassFixture<SqliteApp>;

public sealed class StoringActivitiesInBulkOnPostgres(PostgresApp app) : StoringActivitiesInBulk(app), IClassFixture<PostgresApp>
{
    /// <summary>A list column goes to PostgreSQL as its array literal (BulkInsert.ArrayLiteral): it reads back as the same list, whatever the text.</summary>
    [Fact]
    public async Task A_list_column_s_array_literal_reads_back_as_the_same_list()
    {
        string?[][] lists = [[], ["KG"], ["a \"quoted\" word", "back\\slash", "comma, {brace}", "NULL", " spaced ", "кириллица"]];
        foreach (var list in lists)
        {
            var read = await app.QueryAsync(async db =>
            {
                var element = db.Model.FindEntityType(typeof(Activity))!.FindProperty(nameof(Activity.Partners))!.GetRelationalTypeMapping().ElementTypeMapping!;
                var literal = BulkInsert.ArrayLiteral(list.ToList(), element);
                return await db.Database.SqlQuery<string[]>($"SELECT {literal}::text[] AS \"Value\"").SingleAsync(TestContext.Current.CancellationToken);
            });
            Assert.Equal(list, read);
        }
    }
}
