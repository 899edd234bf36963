using Microsoft.EntityFrameworkCore;
using Polis.Accounts;
using Polis.Reference;

namespace Polis.Data;

/// <summary>Brings a database to the current schema and seeds it. Every step is idempotent.</summary>
internal sealed class PolisSetup(PolisDb db, ReferenceSeeder reference, UserDirectory users)
{
    /// <summary>Applies pending migrations; each runs in its own transaction, so a failure leaves no half-applied one.</summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
    }

    public async Task<SeedReport> SeedAsync(bool demo, CancellationToken ct)
    {
        var added = await reference.SeedAsync(ct);
        await users.EnsureRolesAsync();
        var demoUsers = demo ? await DemoUsers.EnsureAsync(users) : 0;
        return new SeedReport(added, demoUsers);
    }
}

public sealed record SeedReport(int ReferenceRecordsAdded, int DemoUsersAdded);
