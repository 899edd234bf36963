using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Polis.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>A configuration value that Polis cannot start with; the message names the setting.</summary>
public sealed class PolisConfigurationException(string setting, string problem, string? module = null)
    : Exception($"Configuration error in '{setting}'{(module is null ? "" : $" (module '{module}')")}: {problem}")
{
    public string Setting { get; } = setting;
    public string Problem { get; } = problem;
    /// <summary>The module whose setting or declaration is wrong, when it is a module's.</summary>
    public string? Module { get; } = module;
}

/// <summary>Where Polis keeps its database (SQLite), files and index, and which database it uses.</summary>
public sealed record PolisStorage(DatabaseProvider Provider, string ConnectionString, string DataPath)
{
    public const string ProviderSetting = "Polis:Database:Provider";
    public const string ConnectionSetting = "ConnectionStrings:Polis";
    public const string DataPathSetting = "Polis:DataPath";

    public string BlobPath => Path.Combine(DataPath, "blobs");
    public string IndexPath => Path.Combine(DataPath, "index");

    /// <summary>
    /// Reads and checks the settings; throws <see cref="PolisConfigurationException"/> naming the bad one. Creates the data
    /// folder unless <paramref name="create"/> is false (a dry run writes nothing).
    /// </summary>
    public static PolisStorage From(IConfiguration config, string contentRoot, bool create = true)
    {
        var providerText = config[ProviderSetting];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText)) provider = DatabaseProvider.Sqlite;
        else if (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider))
            throw new PolisConfigurationException(ProviderSetting, $"'{providerText}' is not a database provider; use 'Sqlite' or 'Postgres'.");

        var dataPath = config[DataPathSetting] is { Length: > 0 } p ? p : "data";
        dataPath = Path.GetFullPath(Path.IsPathRooted(dataPath) ? dataPath : Path.Combine(contentRoot, dataPath));
        try { if (create) Directory.CreateDirectory(dataPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolisConfigurationException(DataPathSetting, $"the data folder '{dataPath}' cannot be created ({e.Message}).");
        }

        var connection = config[ConnectionSetting];
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connection))
                throw new PolisConfigurationException(ConnectionSetting, "PostgreSQL needs a connection string, e.g. 'Host=127.0.0.1;Database=polis;Username=polis;Password=…'.");
            try { _ = new NpgsqlConnectionStringBuilder(connection); }
            catch (ArgumentException e) { throw new PolisConfigurationException(ConnectionSetting, $"not a valid PostgreSQL connection string ({e.Message})."); }
        }
        else if (string.IsNullOrWhiteSpace(connection))
        {
            connection = $"Data Source={Path.Combine(dataPath, "polis.db")}";
        }
        else
        {
            try { _ = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection); }
            catch (ArgumentException e) { throw new PolisConfigurationException(ConnectionSetting, $"not a valid SQLite connection string ({e.Message})."); }
        }
        return new PolisStorage(provider, connection!, dataPath);
    }
}

public static class DataModule
{
    public static IServiceCollection AddPolisData(this IServiceCollection services, PolisStorage storage)
    {
        services.AddSingleton(storage);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        // Every interceptor a module registers (the audit here, the search outbox in Searching) joins each DbContext.
        services.AddScoped<IInterceptor, AuditInterceptor>();
        // Caches in this process (reference data, anonymous pages) drop what a save changed (DataChanges).
        services.AddSingleton<DataChanges>();
        services.AddSingleton<DatabaseVersion>();
        services.AddScoped<IInterceptor, DataChangesInterceptor>();
        // A bulk writer's saves (an import's batches) go in set-based; it runs after every interceptor above, added last below.
        services.AddScoped<BulkSave>();
        services.AddScoped<BulkSaveInterceptor>();
        services.AddScoped<RefusedWrites>();
        // A list in a query (ids.Contains(x.Id), an access rule's organisations) goes to the database as one parameter (an
        // array on PostgreSQL, json_each on SQLite). EF Core 10's default expands it into one parameter per element,
        // which makes the query's SQL uncacheable: every search regenerated its SQL under a lock (issue 21's profile).
        // The request's context is built from the provider's options, made once, plus the scope's interceptors (issue 21,
        // sixth pass: building the options per request, with UseSqlite's warnings configuration, was a tenth of what a
        // search page allocated). Registered before AddDbContext, which keeps it; AddDbContext still registers the rest.
        // The pooled read contexts (PooledReads) start from the same options.
        if (storage.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton(sp => new ProviderOptions<PostgresPolisDb>(Postgres(new DbContextOptionsBuilder<PostgresPolisDb>(), storage).UseApplicationServiceProvider(sp).Options));
            services.AddScoped(sp => new PostgresPolisDb(new DbContextOptionsBuilder<PostgresPolisDb>(sp.GetRequiredService<ProviderOptions<PostgresPolisDb>>().Options)
                .AddInterceptors([.. sp.GetServices<IInterceptor>(), sp.GetRequiredService<BulkSaveInterceptor>()]).Options)
            { Actor = sp.GetRequiredService<CurrentActor>() });
            services.AddDbContext<PostgresPolisDb>((sp, o) => Postgres(o, storage).AddInterceptors([.. sp.GetServices<IInterceptor>(), sp.GetRequiredService<BulkSaveInterceptor>()]));
            services.AddScoped<PolisDb>(sp => sp.GetRequiredService<PostgresPolisDb>());
            services.AddSingleton(sp => new PooledReads(new PooledDbContextFactory<PostgresPolisDb>(
                PooledReads.Configure(new DbContextOptionsBuilder<PostgresPolisDb>(sp.GetRequiredService<ProviderOptions<PostgresPolisDb>>().Options)).Options,
                PooledReads.PoolSize).CreateDbContext));
        }
        else
        {
            var pragmas = new SqlitePragmas();
            services.AddSingleton(sp => new ProviderOptions<SqlitePolisDb>(Sqlite(new DbContextOptionsBuilder<SqlitePolisDb>(), storage).UseApplicationServiceProvider(sp).Options));
            services.AddScoped(sp => new SqlitePolisDb(new DbContextOptionsBuilder<SqlitePolisDb>(sp.GetRequiredService<ProviderOptions<SqlitePolisDb>>().Options)
                .AddInterceptors([.. sp.GetServices<IInterceptor>(), sp.GetRequiredService<BulkSaveInterceptor>(), pragmas]).Options)
            { Actor = sp.GetRequiredService<CurrentActor>() });
            services.AddDbContext<SqlitePolisDb>((sp, o) => Sqlite(o, storage).AddInterceptors([.. sp.GetServices<IInterceptor>(), sp.GetRequiredService<BulkSaveInterceptor>(), pragmas]));
            services.AddScoped<PolisDb>(sp => sp.GetRequiredService<SqlitePolisDb>());
            services.AddSingleton(sp => new PooledReads(new PooledDbContextFactory<SqlitePolisDb>(
                PooledReads.Configure(new DbContextOptionsBuilder<SqlitePolisDb>(sp.GetRequiredService<ProviderOptions<SqlitePolisDb>>().Options)).AddInterceptors(pragmas).Options,
                PooledReads.PoolSize).CreateDbContext));
        }
        return services;
    }

    // The provider's options without interceptors, built once per host.
    private sealed record ProviderOptions<T>(DbContextOptions<T> Options) where T : PolisDb;

    // The provider's settings, the same for a request's context and the pooled read contexts (PooledReads).
    private static T Postgres<T>(T o, PolisStorage storage) where T : DbContextOptionsBuilder
    {
        o.UseNpgsql(storage.ConnectionString, n => n.MigrationsHistoryTable("__ef_migrations").UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        return o;
    }

    private static T Sqlite<T>(T o, PolisStorage storage) where T : DbContextOptionsBuilder
    {
        o.UseSqlite(storage.ConnectionString, s => s.MigrationsHistoryTable("__ef_migrations").UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        return o;
    }
}

/// <summary>WAL lets readers go on while an import writes; the busy timeout makes writers wait instead of failing.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(System.Data.Common.DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
    }
}
