using Microsoft.AspNetCore.Http;
using Polis.Data;

namespace Polis.Accounts.SigningIn;

/// <summary>
/// Audits what happens to an account's sessions and password (entity "Account", the record id is the user's id):
/// SignedIn, SignedOut, PasswordChanged, PasswordReset. Never a password, a token or a typed e-mail.
/// </summary>
internal sealed class AccountEvents(PolisDb db, TimeProvider clock)
{
    public const string Entity = "Account";

    public async Task RecordAsync(PolisUser user, string action, HttpContext http)
    {
        db.Set<AuditEntry>().Add(AuditEntry.Of(clock.GetUtcNow(), user.Id, user.DisplayName, action, Entity, user.Id.ToString(),
            "client " + SignInThrottle.ClientOf(http)));
        await db.SaveChangesAsync(http.RequestAborted);
    }
}
