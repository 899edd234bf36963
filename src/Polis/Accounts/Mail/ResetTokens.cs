using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Polis.Accounts.SigningIn;

namespace Polis.Accounts.Mail;

/// <summary>
/// Password reset tokens: the account's id, the purpose, the security stamp and the time of issue, protected with the
/// site's Data Protection keys. Like Identity's DataProtectorTokenProvider, but on the app's <see cref="TimeProvider"/>
/// (that one reads the system clock, so its expiry could not be tested or follow a fixed clock). A token works once:
/// the reset changes the stamp it carries.
/// </summary>
internal sealed class ResetTokens(IDataProtectionProvider protection, SignInSettings settings, TimeProvider clock) : IUserTwoFactorTokenProvider<PolisUser>
{
    public const string Name = "PolisReset";

    private readonly IDataProtector protector = protection.CreateProtector("Polis.Accounts.ResetTokens");

    public async Task<string> GenerateAsync(string purpose, UserManager<PolisUser> manager, PolisUser user)
    {
        var stamp = await manager.GetSecurityStampAsync(user);
        var text = string.Join('\n', clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture), user.Id.ToString("D"), purpose, stamp);
        return protector.Protect(text);
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<PolisUser> manager, PolisUser user)
    {
        string text;
        try
        {
            text = protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
        var parts = text.Split('\n');
        if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)) return false;
        var age = clock.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero);
        return age >= TimeSpan.Zero && age <= settings.ResetLinkLifetime
            && parts[1] == user.Id.ToString("D") && parts[2] == purpose
            && parts[3] == await manager.GetSecurityStampAsync(user);
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PolisUser> manager, PolisUser user) => Task.FromResult(false);
}
