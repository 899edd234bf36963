using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using MimeKit;
using Polis.Accounts.SigningIn;
using Polis.Platform;

namespace Polis.Accounts.Mail;

/// <summary>
/// Writes the password reset message: a link to /account/reset with the account's id and a token from Polis's
/// token provider (valid for <see cref="SignInSettings.ResetLinkLifetime"/>, and only once: it is bound to the
/// security stamp, which the reset changes; <see cref="ResetTokens"/>), in the account's own language.
/// </summary>
internal sealed class PasswordResetMail(UserManager<PolisUser> users, MailSettings mail, SignInSettings settings, PublicUrl site)
{
    public async Task<MimeMessage> WriteAsync(PolisUser user, HttpRequest request)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        // The site's canonical address (Polis:PublicUrl), never a Host header a stranger chose: a reset link must not point elsewhere.
        var link = $"{site.For(request)}/account/reset?user={user.Id:D}&token={Uri.EscapeDataString(token)}";
        var culture = CultureInfo.GetCultureInfo(user.PreferredLanguage is { Length: > 0 } l ? l : "en");
        string T(string key) => Text.ResourceManager.GetString(key, culture) ?? key;

        var message = new MimeMessage();
        message.From.Add(mail.From);
        message.To.Add(new MailboxAddress(user.DisplayName, user.Email ?? throw new InvalidOperationException("the account has no e-mail")));
        message.Subject = T(nameof(Text.ResetMailSubject));
        message.Body = new TextPart("plain")
        {
            Text = string.Join("\n\n",
                string.Format(culture, T(nameof(Text.ResetMailGreeting)), user.DisplayName),
                string.Format(culture, T(nameof(Text.ResetMailAction)), (int)settings.ResetLinkLifetime.TotalMinutes),
                link,
                T(nameof(Text.ResetMailIgnore))) + "\n",
        };
        return message;
    }
}
