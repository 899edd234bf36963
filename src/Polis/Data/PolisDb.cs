using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts;
using Polis.Accounts.Contracts;

namespace Polis.Data;

/// <summary>
/// The one DbContext of Polis. Modules reach their tables with <c>Set&lt;T&gt;()</c>; their mappings are
/// found by <see cref="ModelBuilder.ApplyConfigurationsFromAssembly"/>. Each provider has a subclass that
/// owns its migrations. Reads fail closed: every <see cref="IRestricted"/> entity has the access rule as a
/// query filter keyed on the <see cref="CurrentActor"/>, so a query that forgets <c>VisibleTo</c> still sees only
/// what the request's user may read (docs/adr/0009-reads-fail-closed.md).
/// </summary>
public abstract class PolisDb(DbContextOptions options)
    : IdentityDbContext<PolisUser, PolisRole, Guid>(options)
{
    /// <summary>
    /// Whose reads the access filter allows: set when the scope's context is made (<see cref="DataModule.AddPolisData"/>);
    /// <see cref="Viewer.System"/> without one. A property, not a constructor parameter: EF Core's pool
    /// (<see cref="PooledReads"/>) makes contexts through a constructor that takes only the options.
    /// </summary>
    internal CurrentActor? Actor { get; init; }

    /// <summary>The name of the access-rule query filter.</summary>
    public const string AccessFilter = "access";

    // A pooled read context reads for the viewer of its lease (PooledReads); any other for the current actor.
    private Viewer? readingFor;

    /// <summary>The viewer a pooled read context's access filter reads for (<see cref="PooledReads"/>); null when returned.</summary>
    internal void ReadFor(Viewer? viewer) => readingFor = viewer;

    // Read by the query filter at each query (EF parameterises members of the context).
    private Viewer FilterViewer => readingFor ?? Actor?.Viewer ?? Viewer.System;
    private bool FilterSeesAll => FilterViewer.IsAdministrator;
    private bool FilterSignedIn => FilterViewer.IsSignedIn;
    private bool FilterMember => FilterViewer.IsMember;
    private string[] FilterOrganisations => [.. FilterViewer.OrganisationCodes];
    private string FilterState => FilterViewer.StateCode ?? "-";  // no ISO code is "-"; PostgreSQL refuses NUL in text
    private bool FilterCoordinator => FilterViewer.IsInRole(Role.Coordinator);
    private string[] FilterEditorOrganisations => FilterViewer.IsInRole(Role.Editor) ? [.. FilterViewer.OrganisationCodes] : [];

    /// <summary>
    /// Every record of <typeparamref name="T"/> whatever the current user may read: only for checks that must span
    /// all records (a symbol is unique across the library). The reason is required so that every call site says why
    /// (they are few and reviewed: grep AllRecords); the answer must not reach the user as data.
    /// </summary>
    public IQueryable<T> AllRecords<T>(string reason) where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
#pragma warning disable RS0030 // the one sanctioned way around the access filter
        return Set<T>().IgnoreQueryFilters([AccessFilter]);
#pragma warning restore RS0030
    }

    private void FilterByAccess<T>(ModelBuilder builder) where T : class, IRestricted =>
        builder.Entity<T>().HasQueryFilter(AccessFilter, (Expression<Func<T, bool>>)(r => FilterSeesAll
            || r.Access == AccessLevel.Public
            || (r.Access == AccessLevel.Registered && FilterSignedIn)
            || (r.Access == AccessLevel.Members && FilterMember)
            || (r.Access == AccessLevel.Restricted && r.AllowedParties.Any(p =>
                (p.OrganisationCode != null && FilterOrganisations.Contains(p.OrganisationCode)) || p.StateCode == FilterState))));

    /// <summary>
    /// The same rule for records with a life cycle (<see cref="IPublishable"/>): a draft or withdrawn record is read
    /// only by its writers (administrators, coordinators who could read it at its level, its owner's editors).
    /// </summary>
    private void FilterByAccessAndState<T>(ModelBuilder builder) where T : class, IPublishable =>
        builder.Entity<T>().HasQueryFilter(AccessFilter, (Expression<Func<T, bool>>)(r => FilterSeesAll
            || ((r.State == PublicationState.Published || FilterCoordinator) && (
                r.Access == AccessLevel.Public
                || (r.Access == AccessLevel.Registered && FilterSignedIn)
                || (r.Access == AccessLevel.Members && FilterMember)
                || (r.Access == AccessLevel.Restricted && r.AllowedParties.Any(p =>
                    (p.OrganisationCode != null && FilterOrganisations.Contains(p.OrganisationCode)) || p.StateCode == FilterState))))
            || (r.State != PublicationState.Published && FilterEditorOrganisations.Contains(r.OwnerCode))));

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
        var filter = typeof(PolisDb).GetMethod(nameof(FilterByAccess), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var stateFilter = typeof(PolisDb).GetMethod(nameof(FilterByAccessAndState), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        foreach (var type in builder.Model.GetEntityTypes().Where(t => !t.IsOwned() && typeof(IRestricted).IsAssignableFrom(t.ClrType)).ToList())
            (typeof(IPublishable).IsAssignableFrom(type.ClrType) ? stateFilter : filter).MakeGenericMethod(type.ClrType).Invoke(this, [builder]);
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
