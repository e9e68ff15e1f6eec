using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Platform.ServiceDefaults;

public sealed record OutgoingMail(string To, string Subject, string Text);

/// <summary>Plain-text mail over SMTP (<c>Smtp:Host</c>, <c>Smtp:Port</c>, <c>Smtp:From</c>) with MailKit.</summary>
public sealed class MailSender(IConfiguration config, ILogger<MailSender> logger)
{
    /// <summary>How long one SMTP operation may take before the server counts as unreachable.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Sends one message; false when the server could not be reached or refused it (the caller keeps what it stored and
    /// can send again). The body is never logged: it usually carries a personal link, which is a credential.
    /// </summary>
    public async Task<bool> SendAsync(string to, string subject, string text, CancellationToken ct) =>
        (await SendManyAsync([new OutgoingMail(to, subject, text)], ct))[0];

    /// <summary>
    /// Sends many messages over one connection (a wave's invitations: hundreds at once); per message, whether it went
    /// out. A message the server refuses is skipped; when the server cannot be reached or stops answering, the rest of
    /// the batch is left unsent (the callers keep what they stored and can send again) instead of waiting on each one.
    /// </summary>
    public async Task<bool[]> SendManyAsync(IReadOnlyList<OutgoingMail> messages, CancellationToken ct)
    {
        var sent = new bool[messages.Count];
        using var smtp = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                if (!smtp.IsConnected)
                    await smtp.ConnectAsync(config["Smtp:Host"] ?? "127.0.0.1", config.GetValue("Smtp:Port", 25), SecureSocketOptions.None, ct);
                await smtp.SendAsync(Compose(messages[i]), ct);
                sent[i] = true;
            }
            catch (Exception e) when (e is MailKit.CommandException or ParseException)
            {
                logger.LogWarning(e, "Mail with subject {Subject} was refused", messages[i].Subject);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or TimeoutException)
            {
                logger.LogWarning(e, "The mail server could not be reached; {Unsent} of {Count} messages were not sent", messages.Count - i, messages.Count);
                break;
            }
        }
        if (smtp.IsConnected) await smtp.DisconnectAsync(true, ct);
        return sent;
    }

    private MimeMessage Compose(OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(config["Smtp:From"] ?? "Network Health <no-reply@networkhealth.local>"));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.Text };
        return message;
    }
}
