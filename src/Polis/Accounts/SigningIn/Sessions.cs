using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polis.Data;

namespace Polis.Accounts.SigningIn;

/// <summary>
/// Ends sessions on the server: a sign-in cookie carries the account's security stamp, and a request whose stamp is
/// no longer the account's (signed out, password changed or reset, account locked) is treated as anonymous and its
/// cookie removed. The check is one query by primary key (two columns); its answer is reused for
/// <see cref="SignInSettings.SessionCheck"/> (5 s by default; 0: every request) and dropped at once when this
/// process changes the stamp. So a copied cookie stops working at once on this instance, and within that time on
/// the others. Replaces Identity's SecurityStampValidator, which with a short interval re-reads the user, roles and
/// claims and re-issues the cookie on every request.
/// </summary>
internal sealed class Sessions(SignInSettings settings, TimeProvider clock, IOptions<IdentityOptions> identity)
{
    private readonly record struct Known(string? Stamp, DateTimeOffset At);

    private readonly ConcurrentDictionary<Guid, Known> known = new();

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var claims = identity.Value.ClaimsIdentity;
        var principal = context.Principal;
        var stamp = principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (principal?.FindFirstValue(claims.UserIdClaimType) is not { } text || !Guid.TryParse(text, out var id)
            || stamp is null || stamp != await CurrentStampAsync(id, context.HttpContext.RequestServices, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>Forgets what this process knows of the account's stamp (call after changing it).</summary>
    public void Changed(Guid userId) => known.TryRemove(userId, out _);

    /// <summary>Gives the account a new stamp, which ends every session it has (the caller's too, unless it signs in again).</summary>
    public async Task EndAllAsync(UserManager<PolisUser> users, PolisUser user)
    {
        await users.UpdateSecurityStampAsync(user);
        Changed(user.Id);
    }

    private async Task<string?> CurrentStampAsync(Guid id, IServiceProvider services, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (settings.SessionCheck > TimeSpan.Zero && known.TryGetValue(id, out var k) && now - k.At < settings.SessionCheck)
            return k.Stamp;
        var db = services.GetRequiredService<PolisDb>();
        var row = await db.Set<PolisUser>().AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.LockoutEnd }).SingleOrDefaultAsync(ct);
        // An account locked by an administrator has no valid session either.
        var stamp = row is null || (row.LockoutEnd is { } end && end > now) ? null : row.SecurityStamp;
        if (settings.SessionCheck > TimeSpan.Zero) known[id] = new Known(stamp, now);
        return stamp;
    }
}
