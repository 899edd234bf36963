using Microsoft.EntityFrameworkCore;
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
