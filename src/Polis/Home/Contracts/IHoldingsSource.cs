using Polis.Accounts.Contracts;

namespace Polis.Home.Contracts;

/// <summary>A count that a module adds to the home page ("1,204 documents in the library").</summary>
public sealed record Holding(string Key, long Count, string Label);

/// <summary>Modules that have something to count on the home page implement this; the count passes the access rule.</summary>
public interface IHoldingsSource
{
    Task<Holding> CountAsync(Viewer viewer, CancellationToken ct);
}
