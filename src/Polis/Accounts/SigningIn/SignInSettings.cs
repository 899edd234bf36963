using Microsoft.Extensions.Configuration;
using Polis.Data;

namespace Polis.Accounts.SigningIn;

/// <summary>
/// The sign-in throttle, session checks and reset links (<c>Polis:SignIn:*</c>), read and checked at start-up
/// (docs/access.md, "Signing in").
/// </summary>
internal sealed record SignInSettings(
    int FreeAttemptsPerClient,
    int FreeAttemptsPerAccount,
    TimeSpan FirstDelay,
    TimeSpan MaxDelay,
    TimeSpan ForgetAfter,
    TimeSpan SessionCheck,
    TimeSpan ResetLinkLifetime)
{
    public const string Section = "Polis:SignIn";

    public static SignInSettings Default { get; } = new(20, 5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5),
        TimeSpan.FromHours(1), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(60));

    public static SignInSettings From(IConfiguration configuration)
    {
        var d = Default;
        var settings = new SignInSettings(
            Number(configuration, "FreeAttemptsPerClient", d.FreeAttemptsPerClient, 1, 10_000, "failed attempts from one client address before the delays start"),
            Number(configuration, "FreeAttemptsPerAccount", d.FreeAttemptsPerAccount, 1, 1_000, "failed attempts on one account from one client address before the delays start"),
            TimeSpan.FromSeconds(Number(configuration, "FirstDelaySeconds", (int)d.FirstDelay.TotalSeconds, 1, 3_600, "seconds of the first delay")),
            TimeSpan.FromSeconds(Number(configuration, "MaxDelaySeconds", (int)d.MaxDelay.TotalSeconds, 1, 86_400, "seconds of the longest delay")),
            TimeSpan.FromMinutes(Number(configuration, "ForgetAfterMinutes", (int)d.ForgetAfter.TotalMinutes, 1, 10_080, "minutes after the last failure when the failures are forgotten")),
            TimeSpan.FromSeconds(Number(configuration, "SessionCheckSeconds", (int)d.SessionCheck.TotalSeconds, 0, 300, "seconds a session's check is reused")),
            TimeSpan.FromMinutes(Number(configuration, "ResetLinkMinutes", (int)d.ResetLinkLifetime.TotalMinutes, 5, 10_080, "minutes a password reset link stays valid")));
        if (settings.FirstDelay > settings.MaxDelay)
            throw new PolisConfigurationException(Section + ":FirstDelaySeconds", "the first delay is longer than the longest (MaxDelaySeconds).");
        if (settings.ForgetAfter < settings.MaxDelay)
            throw new PolisConfigurationException(Section + ":ForgetAfterMinutes", "failures would be forgotten before the longest delay ends (MaxDelaySeconds).");
        return settings;
    }

    private static int Number(IConfiguration configuration, string name, int fallback, int min, int max, string meaning)
    {
        var key = Section + ":" + name;
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            throw new PolisConfigurationException(key, $"'{text}' is not a whole number; use {min} to {max} ({meaning}).");
        if (value < min || value > max)
            throw new PolisConfigurationException(key, $"{value} is out of range; use {min} to {max} ({meaning}).");
        return value;
    }
}
