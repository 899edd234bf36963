using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Accounts.SigningIn;

namespace Polis.Accounts;

/// <summary>
/// The page a reset link opens: a new password, twice. The token is Identity's (bound to the security stamp, so it
/// works once); a reset gives the account a new stamp, which ends every session it had.
/// </summary>
[Authorize(AccountPermissions.Public)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
internal sealed class ResetModel(UserManager<PolisUser> users, Sessions sessions, SignInThrottle throttle, AccountEvents events) : PageModel
{
    [BindProperty(Name = "user", SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(Name = "token", SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string Confirm { get; set; } = "";
    public string? Problem { get; private set; }
    public bool LinkInvalid { get; private set; }
    public bool Done { get; private set; }

    public async Task OnGetAsync()
    {
        if (await UserAsync() is not { } user
            || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<PolisUser>.ResetPasswordTokenPurpose, Token!))
            Invalid();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await UserAsync() is not { } user)
        {
            Invalid();
            return Page();
        }
        if (Password != Confirm)
        {
            Problem = Text.ResetPasswordsDiffer;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, Token!, Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
                Invalid();
            else
            {
                Problem = Text.PasswordRules;
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
            return Page();
        }
        sessions.Changed(user.Id);
        if (user.Email is { } email) throttle.Succeeded(SignInThrottle.Kind.SignIn, SignInThrottle.ClientOf(HttpContext), email);
        await events.RecordAsync(user, "PasswordReset", HttpContext);
        Done = true;
        return Page();
    }

    private async Task<PolisUser?> UserAsync() =>
        Guid.TryParse(UserId, out var id) && !string.IsNullOrEmpty(Token) ? await users.FindByIdAsync(id.ToString()) : null;

    private void Invalid()
    {
        LinkInvalid = true;
        Problem = Text.ResetLinkInvalid;
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
