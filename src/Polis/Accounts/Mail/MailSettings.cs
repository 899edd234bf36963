using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;
using Polis.Data;

namespace Polis.Accounts.Mail;

/// <summary>
/// How Polis sends e-mail (<c>Polis:Mail:*</c>): into a pickup folder (development and tests: one .eml file per
/// message), or to an SMTP server; neither set, no mail is sent (and the reset page says so).
/// </summary>
internal sealed record MailSettings(string? PickupFolder, string? Host, int Port, SecureSocketOptions Security,
    string? UserName, string? Password, MailboxAddress From)
{
    public const string Section = "Polis:Mail";

    public bool CanSend => PickupFolder is not null || Host is not null;

    public static MailSettings Read(IConfiguration configuration, string dataPath)
    {
        string? Value(string name) => configuration[$"{Section}:{name}"] is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        var pickup = Value("PickupFolder") is { } p ? Path.GetFullPath(p, dataPath) : null;
        var host = Value("Host");
        var port = 587;
        if (Value("Port") is { } portText
            && (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            throw new PolisConfigurationException(Section + ":Port", $"'{portText}' is not a port number (1–65535).");
        var security = SecureSocketOptions.StartTls;
        if (Value("Security") is { } s && !Enum.TryParse(s, ignoreCase: true, out security))
            throw new PolisConfigurationException(Section + ":Security", $"'{s}' is not one of StartTls, SslOnConnect, StartTlsWhenAvailable, Auto, None.");
        var fromText = Value("From") ?? "Polis <polis@localhost>";
        if (!MailboxAddress.TryParse(fromText, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
            throw new PolisConfigurationException(Section + ":From", $"'{fromText}' is not an e-mail address (for example \"Polis <polis@example.org>\").");
        if (host is not null && Value("From") is null)
            throw new PolisConfigurationException(Section + ":From", "set the sender's address when mail goes to an SMTP server.");
        var user = Value("UserName");
        var password = Value("Password");
        if ((user is null) != (password is null))
            throw new PolisConfigurationException(Section + (user is null ? ":UserName" : ":Password"), "give both the user name and the password for the SMTP server, or neither.");
        return new MailSettings(pickup, host, port, security, user, password, from);
    }
}
