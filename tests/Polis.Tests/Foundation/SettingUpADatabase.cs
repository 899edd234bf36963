using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polis.Data;
using Polis.Platform;
using Polis.Reference;
using Polis.Reference.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Foundation;

public abstract class SettingUpADatabase(PolisApp app)
{
    [Fact]
    public async Task Migrations_and_seed_give_the_reference_data_of_the_organisation()
    {
        Assert.Equal(57, await app.QueryAsync(db => db.Set<State>().CountAsync(s => s.Kind == StateKind.ParticipatingState)));
        Assert.Equal(11, await app.QueryAsync(db => db.Set<State>().CountAsync(s => s.Kind != StateKind.ParticipatingState)));
        Assert.Equal(6, await app.QueryAsync(db => db.Set<ThematicPriority>().CountAsync()));
        Assert.Equal(5, await app.QueryAsync(db => db.Set<LineOfAction>().CountAsync()));
        Assert.Equal(15, await app.QueryAsync(db => db.Set<ExecutiveStructure>().CountAsync(s => s.Kind == ExecutiveStructureKind.FieldOperation)));
        var serbia = await app.QueryAsync(db => db.Set<ReferenceName>().Where(n => n.Kind == State.NameKind && n.Code == "RS")
            .ToDictionaryAsync(n => n.Language, n => n.Name));
        Assert.Equal("Serbia", serbia["en"]);
        Assert.Equal("Сербия", serbia["ru"]);
    }

    [Fact]
    public async Task Every_field_operation_names_the_state_it_works_in_or_its_location()
    {
        var operations = await app.QueryAsync(db => db.Set<ExecutiveStructure>()
            .Where(s => s.Kind == ExecutiveStructureKind.FieldOperation).ToListAsync());
        Assert.All(operations, o => Assert.True(o.StateCode is not null || o.Location is not null, o.Code));
        var states = await app.QueryAsync(db => db.Set<State>().Select(s => s.Code).ToListAsync());
        Assert.All(operations.Where(o => o.StateCode is not null), o => Assert.Contains(o.StateCode!, states));
    }

    [Fact]
    public async Task Seeding_again_adds_nothing_and_keeps_local_edits()
    {
        await app.QueryAsync(async db =>
        {
            var kg = await db.Set<ReferenceName>().SingleAsync(n => n.Kind == State.NameKind && n.Code == "KG" && n.Language == "en");
            kg.Name = "Kyrgyz Republic";
            return await db.SaveChangesAsync();
        });
        var before = await app.QueryAsync(db => db.Set<State>().CountAsync());
        var names = await app.QueryAsync(db => db.Set<ReferenceName>().CountAsync());
        var report = await app.WithServiceAsync<PolisSetup, SeedReport>(s => s.SeedAsync(demo: false, TestContext.Current.CancellationToken));
        Assert.Empty(report.Added);
        Assert.Equal(before, await app.QueryAsync(db => db.Set<State>().CountAsync()));
        Assert.Equal(names, await app.QueryAsync(db => db.Set<ReferenceName>().CountAsync()));
        Assert.Equal("Kyrgyz Republic", (await app.QueryAsync(db => db.Set<ReferenceName>()
            .SingleAsync(n => n.Kind == State.NameKind && n.Code == "KG" && n.Language == "en"))).Name);
    }

    [Fact]
    public async Task A_seed_is_skipped_while_every_seeded_row_is_there_and_runs_again_when_one_is_deleted()
    {
        var ct = TestContext.Current.CancellationToken;
        // A full seed (or a checked one) leaves the record of what it made sure of.
        await app.WithServiceAsync<PolisSetup, SeedReport>(s => s.SeedAsync(demo: false, ct));
        Assert.True(await CheckHoldsAsync(), "after a seed, every seeded row is there");
        // An organisation's edit is not a key: the check still holds, and the next seed keeps the edit.
        await app.QueryAsync(db => db.Set<ReferenceName>().Where(n => n.Kind == State.NameKind && n.Code == "US" && n.Language == "en")
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.Name, "United States of America (edited)"), ct));
        await app.QueryAsync(db => db.Set<ExecutiveStructure>().Where(s => s.Code == "SPMU").ExecuteUpdateAsync(u => u.SetProperty(s => s.Location, "Vienna (edited)"), ct));
        Assert.True(await CheckHoldsAsync(), "an edit does not make the seed run");
        Assert.Empty((await app.WithServiceAsync<PolisSetup, SeedReport>(s => s.SeedAsync(demo: false, ct))).Added);
        // A deleted record, a deleted name and a deleted role: the check fails, the seed runs and restores them.
        await app.QueryAsync(db => db.Set<State>().Where(s => s.Code == "US").ExecuteDeleteAsync(ct));
        await app.QueryAsync(db => db.Set<ReferenceName>().Where(n => n.Kind == State.NameKind && n.Code == "MD" && n.Language == "ru").ExecuteDeleteAsync(ct));
        await app.QueryAsync(db => db.Set<Polis.Accounts.PolisRole>().Where(r => r.NormalizedName == "EXPERT").ExecuteDeleteAsync(ct));
        Assert.False(await CheckHoldsAsync(), "a deleted seeded row makes the seed run");
        var report = await app.WithServiceAsync<PolisSetup, SeedReport>(s => s.SeedAsync(demo: false, ct));
        Assert.Equal(["2 reference records"], report.Added);
        Assert.True(await app.QueryAsync(db => db.Set<State>().AnyAsync(s => s.Code == "US", ct)));
        Assert.True(await app.QueryAsync(db => db.Set<ReferenceName>().AnyAsync(n => n.Kind == State.NameKind && n.Code == "MD" && n.Language == "ru", ct)));
        Assert.True(await app.QueryAsync(db => db.Set<Polis.Accounts.PolisRole>().AnyAsync(r => r.NormalizedName == "EXPERT", ct)));
        Assert.Equal("United States of America (edited)", await app.QueryAsync(db => db.Set<ReferenceName>()
            .Where(n => n.Kind == State.NameKind && n.Code == "US" && n.Language == "en").Select(n => n.Name).SingleAsync(ct)));
        Assert.Equal("Vienna (edited)", await app.QueryAsync(db => db.Set<ExecutiveStructure>().Where(s => s.Code == "SPMU").Select(s => s.Location).SingleAsync(ct)));
        Assert.True(await CheckHoldsAsync(), "after the seed, the check holds again");
    }

    [Fact]
    public async Task A_seed_check_of_another_build_or_of_a_seed_that_cannot_be_checked_does_not_skip_the_seed()
    {
        var ct = TestContext.Current.CancellationToken;
        await app.WithServiceAsync<PolisSetup, SeedReport>(s => s.SeedAsync(demo: false, ct));
        var file = Path.Combine(app.Services.GetRequiredService<PolisStorage>().DataPath, SeedCheck.FileName);
        var lines = await File.ReadAllLinesAsync(file, ct);
        Assert.Contains(lines, l => l.StartsWith("e\t" + typeof(State).FullName, StringComparison.Ordinal));
        // Another build's record (its fingerprint) is not this build's.
        await File.WriteAllLinesAsync(file, [lines[0], new string('0', 64), .. lines.Skip(2)], ct);
        Assert.False(await CheckHoldsAsync());
        // A seed that does more than add the rows it declares leaves no record.
        await app.WithServiceAsync<PolisSetup, SeedReport>(s => s.SeedAsync(demo: false, ct));
        Assert.True(await CheckHoldsAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var seed = new SeedContext(services, services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), demo: false);
            seed.SeedEveryTime();
            new SeedCheck(services.GetRequiredService<PolisDb>(), services.GetRequiredService<PolisStorage>(), services.GetRequiredService<ModuleCatalog>()).Record(seed);
        }
        Assert.False(File.Exists(file));
        Assert.False(await CheckHoldsAsync());
        await app.WithServiceAsync<PolisSetup, SeedReport>(s => s.SeedAsync(demo: false, ct));
        Assert.True(File.Exists(file));
    }

    private async Task<bool> CheckHoldsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        return await new SeedCheck(services.GetRequiredService<PolisDb>(), services.GetRequiredService<PolisStorage>(), services.GetRequiredService<ModuleCatalog>())
            .HoldsAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Editing_reference_data_is_audited_with_who_and_what()
    {
        await app.QueryAsync(async db =>
        {
            var op = await db.Set<ExecutiveStructure>().SingleAsync(s => s.Code == "MSRB");
            op.Location = "Belgrade (HQ)";
            return await db.SaveChangesAsync();
        });
        var audit = await app.QueryAsync(db => db.Set<AuditEntry>().Where(a => a.Entity == nameof(ExecutiveStructure) && a.RecordId == "MSRB").ToListAsync());
        var entry = Assert.Single(audit, a => a.Action == "Modified");
        Assert.Equal("Location", entry.Changes);
        Assert.Equal("system", entry.Actor);
    }

    [Fact]
    public async Task The_provider_s_migrations_cover_the_whole_model()
    {
        Assert.False(await app.QueryAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())),
            "the model has changes without a migration for this provider: run dotnet ef migrations add for both providers");
        Assert.Empty(await app.QueryAsync(db => db.Database.GetPendingMigrationsAsync()));
    }

    [Fact]
    public async Task Health_reports_the_database_reachable()
    {
        var response = await app.Anonymous().GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class SettingUpADatabaseOnSqlite(SqliteApp app) : SettingUpADatabase(app), IClassFixture<SqliteApp>;
public sealed class SettingUpADatabaseOnPostgres(PostgresApp app) : SettingUpADatabase(app), IClassFixture<PostgresApp>;
