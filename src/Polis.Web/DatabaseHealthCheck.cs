using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polis.Data;

namespace Polis.Web;

/// <summary>
/// Readiness: can Polis reach its database? The answer is kept for <see cref="Freshness"/>, so a load balancer or
/// monitor polling <c>/health</c> many times a second opens one connection per interval, not one per request.
/// Liveness (<c>/health/live</c>) runs no check at all.
/// </summary>
internal sealed class DatabaseHealthCheck(IServiceScopeFactory scopes, TimeProvider clock) : IHealthCheck, IDisposable
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);
    public const string ReadyTag = "ready";

    private readonly SemaphoreSlim probing = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } cached) return cached;
        await probing.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } again) return again;   // another request probed while this one waited
            await using var scope = scopes.CreateAsyncScope();
            var reachable = await scope.ServiceProvider.GetRequiredService<PolisDb>().Database.CanConnectAsync(cancellationToken);
            var result = reachable ? HealthCheckResult.Healthy("database reachable") : HealthCheckResult.Unhealthy("database unreachable");
            last = (result, clock.GetUtcNow());
            return result;
        }
        finally
        {
            probing.Release();
        }
    }

    public void Dispose() => probing.Dispose();

    private HealthCheckResult? Fresh() =>
        last is { } l && clock.GetUtcNow() - l.At < Freshness ? l.Result : null;
}
