using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Polis.Data;

namespace Polis.Platform;

/// <summary>Brings a database to the current schema and lets every module seed it. Every step is idempotent.</summary>
public sealed class PolisSetup(PolisDb db, ModuleCatalog modules, IServiceProvider services, IConfiguration configuration, PolisStorage storage)
{
    /// <summary>Applies pending migrations; each runs in its own transaction, so a failure leaves no half-applied one.</summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        // A database at the current schema is left alone: Migrate itself would take the migration lock and compare the
        // model with the last migration's snapshot, seconds of a command's start-up (polis import) for nothing.
        if (await IsCurrentAsync(ct)) return;
        await db.Database.MigrateAsync(ct);
    }

    /// <summary>
    /// Whether the database exists and is at the current schema, found without creating or changing anything (a SQLite
    /// file that is not there is not created).
    /// </summary>
    public async Task<bool> IsCurrentAsync(CancellationToken ct) =>
        await Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>(db.Database).ExistsAsync(ct)
        && !(await db.Database.GetPendingMigrationsAsync(ct)).Any();

    /// <summary>
    /// Each module's reference data and, in demo mode, its demo data, in the order of <see cref="PolisModules.All"/>.
    /// Outside demo mode the seeds are skipped while every row they made sure of at their last run by this build is still
    /// in the database (<see cref="SeedCheck"/>: one SQL statement instead of the seeds' reads).
    /// </summary>
    public async Task<SeedReport> SeedAsync(bool demo, CancellationToken ct)
    {
        var check = new SeedCheck(db, storage, modules);
        if (!demo && await check.HoldsAsync(ct)) return new SeedReport([], []);
        var seed = new SeedContext(services, configuration, demo);
        foreach (var module in modules.Modules) await module.SeedAsync(seed, ct);
        check.Record(seed);
        return new SeedReport(seed.Added, seed.Notes);
    }
}

/// <summary>What a seed added ("57 reference records", "7 demo users"); empty when it added nothing.</summary>
public sealed record SeedReport(IReadOnlyList<string> Added, IReadOnlyList<string> Notes)
{
    public override string ToString() => Added.Count == 0 ? "nothing" : string.Join(", ", Added);
}
