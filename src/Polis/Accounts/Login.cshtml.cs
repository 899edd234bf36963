using System.Globalization;
using Polis.Accounts.Contracts;
using Polis.Accounts.SigningIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Polis.Accounts;

/// <summary>
/// Sign-in. A wrong password and an unknown e-mail get the same page, status and message in about the same time
/// (<see cref="Passwords"/>); repeated failures are slowed per client address and per account and client
/// (<see cref="SignInThrottle"/>), never locked: an attempt inside a delay answers 429 with "try again in N s".
/// </summary>
[Authorize(AccountPermissions.Public)]
internal sealed class LoginModel(
    SignInManager<PolisUser> signIn, UserManager<PolisUser> users, Passwords passwords, SignInThrottle throttle, AccountEvents events)
    : PageModel
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
        var email = Email.Trim();
        var client = SignInThrottle.ClientOf(HttpContext);
        if (throttle.Wait(SignInThrottle.Kind.SignIn, client, email) is { } wait)
            return TooMany(wait);

        var user = await passwords.CheckAsync(email, Password);
        if (user is null)
        {
            throttle.Failed(SignInThrottle.Kind.SignIn, client, email);
            Problem = Text.LoginFailed;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        throttle.Succeeded(SignInThrottle.Kind.SignIn, client, email);
        // Only who knows the password learns that the account is closed (an administrator's lock).
        if (await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            Problem = Text.LoginAccountClosed;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        await signIn.SignInAsync(user, Remember);
        await events.RecordAsync(user, "SignedIn", HttpContext);
        return LocalRedirect(Platform.ReturnUrls.Safe(ReturnUrl));
    }

    private PageResult TooMany(TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        Problem = string.Format(CultureInfo.CurrentCulture, Text.SignInTooManyAttempts, seconds);
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Page();
    }
}
