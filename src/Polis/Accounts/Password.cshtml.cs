using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Accounts.SigningIn;

namespace Polis.Accounts;

/// <summary>
/// Changing one's password (the cookie only, like the rest of /account). The change gives the account a new
/// security stamp, which ends its other sessions; this one is signed in again with the new stamp. A wrong current
/// password counts as a failed sign-in of the account from this client (<see cref="SignInThrottle"/>), so a borrowed
/// session cannot guess the password here faster than at the sign-in form.
/// </summary>
[Authorize(AccountPermissions.ManageTokens)]
internal sealed class PasswordModel(UserManager<PolisUser> users, SignInManager<PolisUser> signIn, Sessions sessions, AccountEvents events,
    SignInThrottle throttle) : PageModel
{
    [BindProperty] public string Current { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string Confirm { get; set; } = "";
    public string? Problem { get; private set; }
    public bool Done { get; private set; }

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (Password != Confirm)
            return Refuse(Text.ResetPasswordsDiffer);
        var client = SignInThrottle.ClientOf(HttpContext);
        var account = user.Email ?? user.Id.ToString();
        if (throttle.Wait(SignInThrottle.Kind.SignIn, client, account) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var page = Refuse(string.Format(System.Globalization.CultureInfo.CurrentCulture, Text.SignInTooManyAttempts, seconds));
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return page;
        }
        var result = await users.ChangePasswordAsync(user, Current, Password);
        if (!result.Succeeded)
        {
            var mismatch = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch));
            if (mismatch) throttle.Failed(SignInThrottle.Kind.SignIn, client, account);
            return Refuse(mismatch ? Text.PasswordCurrentWrong : Text.PasswordRules);
        }
        throttle.Succeeded(SignInThrottle.Kind.SignIn, client, account);
        sessions.Changed(user.Id);
        await signIn.RefreshSignInAsync(user);
        await events.RecordAsync(user, "PasswordChanged", HttpContext);
        Done = true;
        return Page();
    }

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
