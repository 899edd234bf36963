using System.Threading.Channels;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Polis.Accounts.Mail;

/// <summary>
/// Messages waiting to be sent. A request only queues its message, so answering takes the same time whether a
/// message was queued or not (the reset page must not tell whether an account exists), and a slow SMTP server
/// never holds a request. The queue is in memory: a message not yet sent when Polis stops is lost (the user asks
/// again).
/// </summary>
internal sealed class MailOutbox
{
    private readonly Channel<MimeMessage> queue = Channel.CreateBounded<MimeMessage>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Enqueue(MimeMessage message) => queue.Writer.TryWrite(message);

    internal ChannelReader<MimeMessage> Reader => queue.Reader;
}

/// <summary>Sends what the outbox holds, one message at a time: into the pickup folder, or through SMTP (MailKit).</summary>
internal sealed partial class MailDelivery(MailOutbox outbox, MailSettings settings, ILogger<MailDelivery> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in outbox.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await SendAsync(message, stoppingToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or MailKit.ProtocolException
                                              or MailKit.Security.AuthenticationException or MailKit.CommandException
                                              or System.Net.Sockets.SocketException or InvalidOperationException or TimeoutException)
                {
                    LogNotSent(e, message.Subject ?? "");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        if (settings.PickupFolder is { } folder)
        {
            // Written beside, then renamed: a reader of the folder never sees half a message.
            Directory.CreateDirectory(folder);
            var name = Guid.CreateVersion7().ToString("N");   // time-ordered: files sort in the order sent
            var partial = Path.Combine(folder, name + ".tmp");
            await message.WriteToAsync(partial, ct);
            File.Move(partial, Path.Combine(folder, name + ".eml"));
            return;
        }
        if (settings.Host is null) return;
        using var smtp = new SmtpClient { Timeout = 30_000 };
        await smtp.ConnectAsync(settings.Host, settings.Port, settings.Security, ct);
        if (settings.UserName is not null) await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An e-mail ({Subject}) could not be sent")]
    private partial void LogNotSent(Exception e, string subject);
}
