using System.Security.Cryptography;
using Platform.Data;
using Platform.ServiceDefaults;
using Platform.Surveys.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Application;

/// <summary>
/// Personal survey links. The token's secret is derived from the invitation id with the service's link key
/// (<c>Surveys:LinkSecret</c>), so a reminder re-sends the same link while the database stores only its hash.
/// </summary>
public sealed class SurveyLinks(IConfiguration config)
{
    private readonly byte[] _key = System.Text.Encoding.UTF8.GetBytes(config["Surveys:LinkSecret"] is { Length: >= 16 } secret ? secret
        : throw new InvalidOperationException("Surveys:LinkSecret (at least 16 characters) is not configured"));

    public const string ResponsePurpose = "survey-response";

    public string TokenFor(Guid tenantId, Guid invitationId) => TenantToken.Create(tenantId, HMACSHA256.HashData(_key, invitationId.ToByteArray()));

    public string LinkFor(string token) => $"{(config["Identity:Issuer"] ?? "").TrimEnd('/')}/survey/{token}";

    /// <summary>The anonymous response's key: reachable from the token, not from the invitation row.</summary>
    public static byte[] ResponseKey(string token) => TenantToken.Derive(token, ResponsePurpose);
}

/// <summary>Survey invitation and reminder mail: one personal link each, sent after the wave's changes are committed.</summary>
public sealed class SurveyMail(MailSender mail, PeopleDirectory contacts, SurveyLinks links, Database db, InvitationStore invitationStore, TimeProvider clock,
    ILogger<SurveyMail> logger)
{
    /// <summary>Mails each invitation its link (after the caller's commit) and records which went; returns how many.</summary>
    public async Task<int> SendAndRecordAsync(Guid tenantId, string networkName, SurveyWave wave, IReadOnlyList<(Guid InvitationId, Guid PersonId)> invitations,
        bool reminder, CancellationToken ct)
    {
        var sent = await SendAsync(tenantId, networkName, wave, invitations, reminder, ct);
        await using var uow = await db.BeginAsync(tenantId, ct);
        await invitationStore.MarkMailedAsync(uow, sent, clock.GetUtcNow(), ct);
        await uow.CommitAsync(ct);
        return sent.Count;
    }

    /// <summary>Mails each invitation its link; returns the ids of those that went out.</summary>
    private async Task<IReadOnlyList<Guid>> SendAsync(Guid tenantId, string networkName, SurveyWave wave, IReadOnlyList<(Guid InvitationId, Guid PersonId)> invitations,
        bool reminder, CancellationToken ct)
    {
        var closesOn = wave.ClosesOn;
        Dictionary<Guid, PersonContact> addresses;
        try
        {
            addresses = (await contacts.ContactsAsync(tenantId, invitations.Select(i => i.PersonId).ToList(), ct)).ToDictionary(c => c.PersonId);
        }
        catch (HttpRequestException e)
        {
            // The invitations are stored; a reminder sends the same links once Networks answers again.
            logger.LogWarning(e, "Addresses for {Count} survey invitations could not be fetched from Networks; no mail was sent", invitations.Count);
            return [];
        }
        var outgoing = invitations.Where(i => addresses.ContainsKey(i.PersonId)).Select(i =>
        {
            var to = addresses[i.PersonId];
            var link = links.LinkFor(links.TokenFor(tenantId, i.InvitationId));
            // The person's language when the wave is offered in it; otherwise English.
            return (i.InvitationId, Mail: to.PreferredLanguage == "es" && wave.OffersLanguage("es")
                ? Spanish(to, $"{link}?lang=es", networkName, closesOn, reminder)
                : English(to, link, networkName, closesOn, reminder));
        }).ToList();
        var delivered = await mail.SendManyAsync(outgoing.Select(o => o.Mail).ToList(), ct);
        var sent = outgoing.Where((_, index) => delivered[index]).Select(o => o.InvitationId).ToList();
        if (sent.Count < invitations.Count) logger.LogWarning("{Failed} of {Total} survey mails were not sent", invitations.Count - sent.Count, invitations.Count);
        return sent;
    }

    private static OutgoingMail English(PersonContact to, string link, string networkName, DateOnly closesOn, bool reminder) => new(to.Email,
        reminder ? $"Reminder: the {networkName} network survey closes on {closesOn:MMMM d}" : $"Your {networkName} network survey",
        $"""
        Hello {to.GivenName},

        {(reminder ? "You have not submitted the network survey yet. " : "")}Your network, {networkName}, asks every member a few questions each year about how the network is working. It takes about 8 minutes.

        Your answers are confidential: reports show only group results, never what one person said. You can stop and come back later with the same link.

        {link}

        The link is personal; please do not forward it. The survey closes on {closesOn:yyyy-MM-dd}.
        """);

    // For members whose roster line asked for Spanish; the survey opens in Spanish (draft translation, see README).
    private static OutgoingMail Spanish(PersonContact to, string link, string networkName, DateOnly closesOn, bool reminder) => new(to.Email,
        reminder ? $"Recordatorio: la encuesta de la red {networkName} cierra el {closesOn:yyyy-MM-dd}" : $"Su encuesta de la red {networkName}",
        $"""
        Hola, {to.GivenName}:

        {(reminder ? "Todavía no ha enviado la encuesta de la red. " : "")}Su red, {networkName}, hace cada año unas preguntas a todos sus miembros sobre cómo está funcionando la red. Se tarda unos 8 minutos.

        Sus respuestas son confidenciales: los informes muestran solo resultados de grupos, nunca lo que dijo una persona. Puede parar y continuar más tarde con el mismo enlace.

        {link}

        El enlace es personal; por favor, no lo reenvíe. La encuesta cierra el {closesOn:yyyy-MM-dd}.
        """);
}
