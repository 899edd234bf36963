using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polis.Data;

namespace Polis.Web;

internal sealed class DatabaseHealthCheck(PolisDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("database reachable")
            : HealthCheckResult.Unhealthy("database unreachable");
}
