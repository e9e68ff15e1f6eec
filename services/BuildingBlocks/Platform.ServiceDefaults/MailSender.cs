using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Platform.ServiceDefaults;

/// <summary>Plain-text mail over SMTP (<c>Smtp:Host</c>, <c>Smtp:Port</c>, <c>Smtp:From</c>) with MailKit.</summary>
public sealed class MailSender(IConfiguration config, ILogger<MailSender> logger)
{
    /// <summary>
    /// Sends one message; false when the server could not be reached or refused it (the caller keeps what it stored and
    /// can send again). The body is never logged: it usually carries a personal link, which is a credential.
    /// </summary>
    public async Task<bool> SendAsync(string to, string subject, string text, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(config["Smtp:From"] ?? "Network Health <no-reply@networkhealth.local>"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };
        try
        {
            using var smtp = new SmtpClient();
            await smtp.ConnectAsync(config["Smtp:Host"] ?? "127.0.0.1", config.GetValue("Smtp:Port", 25), SecureSocketOptions.None, ct);
            await smtp.SendAsync(message, ct);
            await smtp.DisconnectAsync(true, ct);
            return true;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.CommandException)
        {
            logger.LogWarning(e, "Mail with subject {Subject} could not be sent", subject);
            return false;
        }
    }
}
