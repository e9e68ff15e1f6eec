using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Platform.Networks;

/// <summary>Sends invitation mail over SMTP (<c>Smtp:Host</c>, <c>Smtp:Port</c>, <c>Smtp:From</c>) with MailKit.</summary>
public sealed class InvitationMail(IConfiguration config, ILogger<InvitationMail> logger)
{
    public async Task<bool> SendAsync(string to, string networkName, string link, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(config["Smtp:From"] ?? "Network Health <no-reply@networkhealth.local>"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"You are invited to join {networkName}";
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Hello,

                You are invited to join the improvement network "{networkName}" on Network Health.
                Accept the invitation and choose your password here (the link is personal and works until {expiresAt:yyyy-MM-dd HH:mm} UTC):

                {link}

                If you did not expect this invitation, you can ignore this message.
                """,
        };
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
            // The invitation is stored; the hub admin can send it again. Never log the link: it is a credential.
            logger.LogWarning(e, "Invitation mail to the network's invitee could not be sent");
            return false;
        }
    }
}
