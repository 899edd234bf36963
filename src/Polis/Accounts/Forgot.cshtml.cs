using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Accounts.Mail;
using Polis.Accounts.SigningIn;

namespace Polis.Accounts;

/// <summary>
/// "Forgot your password?": always the same answer ("if an account exists, a message was sent"), whether or not the
/// e-mail is an account's; the message is only queued (<see cref="MailOutbox"/>), so the answer takes the same time.
/// Every request counts against the throttle, per client address and per e-mail and client.
/// </summary>
[Authorize(AccountPermissions.Public)]
internal sealed class ForgotModel(
    UserManager<PolisUser> users, SignInThrottle throttle, PasswordResetMail mail, MailOutbox outbox, MailSettings settings) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    public bool Sent { get; private set; }
    public string? Problem { get; private set; }
    public bool CanSend => settings.CanSend;

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanSend) return Page();
        var email = Email.Trim();
        if (email.Length is 0 or > 256 || !email.Contains('@', StringComparison.Ordinal))
        {
            Problem = Text.ForgotEmailRequired;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var client = SignInThrottle.ClientOf(HttpContext);
        if (throttle.Wait(SignInThrottle.Kind.Reset, client, email) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            Problem = string.Format(CultureInfo.CurrentCulture, Text.SignInTooManyAttempts, seconds);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Page();
        }
        throttle.Failed(SignInThrottle.Kind.Reset, client, email);
        if (await users.FindByEmailAsync(email) is { } user && !await users.IsLockedOutAsync(user))
            outbox.Enqueue(await mail.WriteAsync(user, Request));
        Sent = true;
        return Page();
    }
}
