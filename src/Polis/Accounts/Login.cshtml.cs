using Polis.Accounts.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Polis.Accounts;

[Authorize(AccountPermissions.Public)]
public sealed class LoginModel(SignInManager<PolisUser> signIn) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public bool Remember { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Problem { get; private set; }

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Problem = Text.LoginFailed;
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, Remember, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Platform.ReturnUrls.Safe(ReturnUrl));
        Problem = result.IsLockedOut ? Text.LoginLockedOut : Text.LoginFailed;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
