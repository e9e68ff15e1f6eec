using Platform.ServiceDefaults;

namespace Platform.Networks.Application;

/// <summary>The onboarding invitation's wording.</summary>
public sealed class InvitationMail(MailSender mail)
{
    public Task<bool> SendAsync(string to, string networkName, string link, DateTimeOffset expiresAt, CancellationToken ct) =>
        mail.SendAsync(to, $"You are invited to join {networkName}", $"""
            Hello,

            You are invited to join the improvement network "{networkName}" on Network Health.
            Accept the invitation and choose your password here (the link is personal and works until {expiresAt:yyyy-MM-dd HH:mm} UTC):

            {link}

            If you did not expect this invitation, you can ignore this message.
            """, ct);
}
