using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Polis.Accounts.SigningIn;

/// <summary>
/// Slows guessing without locking anyone out. Two counters, each with its free attempts and then an exponential
/// delay (first delay, doubled after each further failure, up to the longest): one per client address (an IPv6
/// address counts by its /64 network), which slows spraying one password over many accounts; one per account
/// <em>and</em> client address, which slows guessing one account's password from one place. An attempt inside a
/// delay is answered "too many attempts, try again in N s" without checking the password, for real and unknown
/// accounts alike (the keys are what was typed, not what exists).
/// <para>
/// There is deliberately no counter per account alone: whatever it did to the attacker it would also do to the owner
/// signing in from elsewhere, which is a lockout by another name (the attacker chooses how long the owner waits).
/// Guessing one account from many addresses is bounded by each address's own counters and the password rules.
/// </para>
/// The counters live in this process's memory: behind several Polis instances each counts on its own (docs/access.md).
/// </summary>
internal sealed class SignInThrottle(SignInSettings settings, TimeProvider clock)
{
    /// <summary>What is being throttled: sign-in (failures count) or reset requests (every request counts).</summary>
    public enum Kind { SignIn, Reset }

    private readonly record struct Count(int Failures, DateTimeOffset Last);

    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Count> counts = new(StringComparer.Ordinal);

    /// <summary>How long the caller must still wait before this attempt may be tried; null: it may be tried now.</summary>
    public TimeSpan? Wait(Kind kind, string client, string account)
    {
        var now = clock.GetUtcNow();
        var wait = Max(Remaining(ClientKey(kind, client), settings.FreeAttemptsPerClient, now),
            Remaining(AccountKey(kind, client, account), settings.FreeAttemptsPerAccount, now));
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Counts a failed attempt (a wrong password, an unknown account, a reset request) against both counters.</summary>
    public void Failed(Kind kind, string client, string account)
    {
        var now = clock.GetUtcNow();
        if (counts.Count >= MaxEntries) Prune(now);
        foreach (var key in (string[])[ClientKey(kind, client), AccountKey(kind, client, account)])
            counts.AddOrUpdate(key, _ => new Count(1, now), (_, c) => new Count(Forgotten(c, now) ? 1 : c.Failures + 1, now));
    }

    /// <summary>
    /// A correct password clears the account's counter for this client; the client's own counter stays (an attacker
    /// with one account of their own must not be able to clear it between guesses at others).
    /// </summary>
    public void Succeeded(Kind kind, string client, string account) => counts.TryRemove(AccountKey(kind, client, account), out _);

    private TimeSpan Remaining(string key, int free, DateTimeOffset now)
    {
        if (!counts.TryGetValue(key, out var c) || Forgotten(c, now) || c.Failures < free) return TimeSpan.Zero;
        return c.Last + Delay(c.Failures - free) - now;
    }

    /// <summary>The delay after the (free + n + 1)th failure: first delay × 2ⁿ, at most the longest.</summary>
    private TimeSpan Delay(int n) =>
        n >= 30 ? settings.MaxDelay : TimeSpan.FromTicks(Math.Min(settings.MaxDelay.Ticks, settings.FirstDelay.Ticks * (1L << n)));

    private bool Forgotten(Count c, DateTimeOffset now) => now - c.Last > settings.ForgetAfter;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string ClientKey(Kind kind, string client) => $"{kind}|{client}";

    private static string AccountKey(Kind kind, string client, string account) =>
        $"{kind}|{client}|{account.Trim().ToUpperInvariant()}";

    // Many keys (random e-mails, many addresses): forget the stale ones, then the per-account ones, whose
    // client still has its own counter.
    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, c) in counts)
            if (Forgotten(c, now)) counts.TryRemove(key, out _);
        if (counts.Count < MaxEntries * 3 / 4) return;
        foreach (var key in counts.Keys)
            if (key.Count(ch => ch == '|') == 2) counts.TryRemove(key, out _);
    }

    /// <summary>The client's address as the throttle counts it: IPv4 as is, IPv6 by its /64 network.</summary>
    public static string ClientOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return "local";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
