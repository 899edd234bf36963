using Polis.Accounts.Contracts;
using Polis.Accounts.SigningIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Polis.Accounts;

// Sign-out is a POST with an antiforgery token, so another site cannot sign a user out. It ends the session on the
// server too: the account gets a new security stamp, so a copy of the cookie no longer works (Sessions), nor do the
// account's other sessions. Personal access tokens are not sessions and keep working.
[Authorize(AccountPermissions.Public)]
internal sealed class LogoutModel(SignInManager<PolisUser> signIn, UserManager<PolisUser> users, Sessions sessions, AccountEvents events) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme && await users.GetUserAsync(User) is { } user)
        {
            await sessions.EndAllAsync(users, user);
            await events.RecordAsync(user, "SignedOut", HttpContext);
        }
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
