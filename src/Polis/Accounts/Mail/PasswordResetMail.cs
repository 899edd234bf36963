using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using MimeKit;
using Polis.Accounts.SigningIn;

namespace Polis.Accounts.Mail;

/// <summary>
/// Writes the password reset message: a link to /account/reset with the account's id and a token from Polis's
/// token provider (valid for <see cref="SignInSettings.ResetLinkLifetime"/>, and only once: it is bound to the
/// security stamp, which the reset changes; <see cref="ResetTokens"/>), in the account's own language.
/// </summary>
internal sealed class PasswordResetMail(UserManager<PolisUser> users, MailSettings mail, SignInSettings settings, IConfiguration configuration)
{
    /// <summary>The canonical address of the site (<c>Polis:PublicUrl</c>); links in e-mails never take the request's Host header when it is set.</summary>
    public const string PublicUrlSetting = "Polis:PublicUrl";

    public async Task<MimeMessage> WriteAsync(PolisUser user, HttpRequest request)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{BaseUrl(request)}/account/reset?user={user.Id:D}&token={Uri.EscapeDataString(token)}";
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

    private string BaseUrl(HttpRequest request) =>
        configuration[PublicUrlSetting] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
}
