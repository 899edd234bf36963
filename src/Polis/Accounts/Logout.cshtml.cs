using Polis.Accounts.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Polis.Accounts;

// Sign-out is a POST with an antiforgery token, so another site cannot sign a user out.
[Authorize(AccountPermissions.Public)]
public sealed class LogoutModel(SignInManager<PolisUser> signIn) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
