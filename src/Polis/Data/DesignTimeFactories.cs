using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Polis.Data;

// Used only by `dotnet ef migrations add`; the connection is never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePolisDb>
{
    public SqlitePolisDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePolisDb>().UseSqlite("Data Source=design.db", s => s.MigrationsHistoryTable("__ef_migrations")).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPolisDb>
{
    public PostgresPolisDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPolisDb>().UseNpgsql("Host=127.0.0.1;Database=design", n => n.MigrationsHistoryTable("__ef_migrations")).Options);
}
