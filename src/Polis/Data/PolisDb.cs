using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts;

namespace Polis.Data;

/// <summary>
/// The one DbContext of Polis. Modules reach their tables with <c>Set&lt;T&gt;()</c>; their mappings are
/// found by <see cref="ModelBuilder.ApplyConfigurationsFromAssembly"/>. Each provider has a subclass that
/// owns its migrations.
/// </summary>
public abstract class PolisDb(DbContextOptions options)
    : IdentityDbContext<PolisUser, PolisRole, Guid>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<PolisUser>(e =>
        {
            e.ToTable("acc_user");
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.PreferredLanguage).HasMaxLength(8);
        });
        builder.Entity<PolisRole>().ToTable("acc_role");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("acc_user_role");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("acc_user_claim");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("acc_user_login");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("acc_user_token");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("acc_role_claim");
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("acc_audit");
            e.Property(a => a.Actor).HasMaxLength(200);
            e.Property(a => a.Action).HasMaxLength(16);
            e.Property(a => a.Entity).HasMaxLength(100);
            e.Property(a => a.RecordId).HasMaxLength(100);
            e.HasIndex(a => new { a.Entity, a.RecordId });
            e.HasIndex(a => a.At);
        });
        builder.ApplyConfigurationsFromAssembly(typeof(PolisDb).Assembly);
    }
}

/// <summary>The embedded default. Owns Data/Migrations/Sqlite.</summary>
public sealed class SqlitePolisDb(DbContextOptions<SqlitePolisDb> options) : PolisDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; store UTC ticks so date sorting happens in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The production provider. Owns Data/Migrations/Postgres.</summary>
public sealed class PostgresPolisDb(DbContextOptions<PostgresPolisDb> options) : PolisDb(options);
