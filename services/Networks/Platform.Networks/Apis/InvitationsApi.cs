using Platform.Networks.Application;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Networks.Data;
using Platform.Networks.Domain;
using Platform.ServiceDefaults;

namespace Platform.Networks.Apis;

public sealed record InviteRequest([property: Required, EmailAddress, StringLength(254)] string Email, MemberRole Role, Guid? TeamId = null);

public sealed record InvitationView(Guid Id, string Email, MemberRole Role, Guid? TeamId, DateTimeOffset ExpiresAt, bool Mailed, bool Accepted);

public sealed record InvitationPreview(string Network, string Email, MemberRole Role, DateTimeOffset ExpiresAt);

public sealed record AcceptInvitationRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string GivenName,
    [property: Required, StringLength(100, MinimumLength = 1)] string FamilyName,
    [property: Required, StringLength(128, MinimumLength = 10)] string Password);

public sealed record InvitationAccepted(Guid PersonId, Guid MembershipId);

/// <summary>Onboarding by email: a personal, expiring link that creates the member's login and starts the membership.</summary>
public static class InvitationsApi
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public static RouteGroupBuilder MapInvitationsApi(this RouteGroupBuilder network)
    {
        network.MapPost("/{id:guid}/invitations", Invite).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Invite a person by email; the mail carries a personal link valid for 14 days").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        network.MapPost("/{id:guid}/invitations/{invitationId:guid}/resend", Resend).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Send an invitation again with a new link (the old link stops working), valid for another 14 days")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        network.MapGet("/{id:guid}/invitations", List).WithSummary("The network's invitations").ProducesProblem(StatusCodes.Status404NotFound);
        return network;
    }

    /// <summary>The invitee's side: no login, the token is the credential.</summary>
    public static IEndpointRouteBuilder MapInvitationLinks(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup("/api/invitations").WithTags("Invitations").AllowAnonymous();
        links.MapGet("/{token}", Preview).WithSummary("What the invitation is for").ProducesProblem(StatusCodes.Status404NotFound);
        links.MapPost("/{token}/accept", Accept).WithSummary("Accept: create the member's login and start the membership")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        return app;
    }

    private static async Task<Results<Created<InvitationView>, ValidationProblem, NotFound>> Invite(
        Guid id, InviteRequest request, ClaimsPrincipal user, NetworkWrites writes, MembershipStore store, InvitationStore invitations,
        InvitationMail mail, Database db, IConfiguration config, TimeProvider clock, CancellationToken ct)
    {
        var token = TenantToken.Create(user.TenantId());
        Invitation invitation;
        string networkName;
        await using (var w = await writes.BeginAsync(user, id, ct))
        {
            if (w is null) return TypedResults.NotFound();
            if (request.TeamId is { } teamId && (await store.TeamsAsync(w.Uow, id, ct)).All(t => t.Id != teamId))
                return Invalid.Field("teamId", "No improvement team of this network has that id.");
            var now = clock.GetUtcNow();
            invitation = new Invitation(Guid.CreateVersion7(), id, request.Email.Trim(), request.Role, request.TeamId, now + Lifetime, now, null, null);
            await invitations.InsertAsync(w.Uow, invitation, TenantToken.Hash(token), ct);
            networkName = w.Network.Name;
            await w.CommitAsync("invitation.created", invitation.Id, new { invitation.Email, invitation.Role }, false, ct);
        }

        var mailed = await MailAsync(invitation, token, networkName, user.TenantId(), db, invitations, mail, config, ct);
        return TypedResults.Created($"/api/networks/{id}/invitations/{invitation.Id}",
            new InvitationView(invitation.Id, invitation.Email, invitation.Role, invitation.TeamId, invitation.ExpiresAt, mailed, false));
    }

    /// <summary>Durable first, then mailed: a failed send leaves the invitation in place (mailed = false) to send again.</summary>
    private static async Task<bool> MailAsync(Invitation invitation, string token, string networkName, Guid tenant, Database db, InvitationStore invitations,
        InvitationMail mail, IConfiguration config, CancellationToken ct)
    {
        var link = $"{(config["Identity:Issuer"] ?? "").TrimEnd('/')}/invitations/{token}";
        if (!await mail.SendAsync(invitation.Email, networkName, link, invitation.ExpiresAt, ct)) return false;
        await using var uow = await db.BeginAsync(tenant, ct);
        await invitations.MarkMailedAsync(uow, invitation.Id, ct);
        await uow.CommitAsync(ct);
        return true;
    }

    private static async Task<Results<Ok<InvitationView>, NotFound, ProblemHttpResult>> Resend(
        Guid id, Guid invitationId, ClaimsPrincipal user, NetworkWrites writes, InvitationStore invitations, InvitationMail mail, Database db,
        IConfiguration config, TimeProvider clock, CancellationToken ct)
    {
        // Only the token's hash is stored, so the same link cannot be sent twice: a resend issues a new one.
        var token = TenantToken.Create(user.TenantId());
        Invitation invitation;
        string networkName;
        await using (var w = await writes.BeginAsync(user, id, ct))
        {
            if (w is null) return TypedResults.NotFound();
            if (await invitations.RenewAsync(w.Uow, id, invitationId, TenantToken.Hash(token), clock.GetUtcNow() + Lifetime, ct) is not { } renewed)
                return await invitations.FindAsync(w.Uow, id, invitationId, ct) is null
                    ? TypedResults.NotFound()
                    : TypedResults.Problem("This invitation was already accepted.", statusCode: StatusCodes.Status409Conflict);
            invitation = renewed;
            networkName = w.Network.Name;
            await w.CommitAsync("invitation.resent", invitation.Id, new { invitation.Email }, false, ct);
        }
        var mailed = await MailAsync(invitation, token, networkName, user.TenantId(), db, invitations, mail, config, ct);
        return TypedResults.Ok(new InvitationView(invitation.Id, invitation.Email, invitation.Role, invitation.TeamId, invitation.ExpiresAt, mailed, false));
    }

    private static async Task<Results<Ok<IReadOnlyList<InvitationView>>, NotFound>> List(
        Guid id, ClaimsPrincipal user, Database db, NetworkStore networks, InvitationStore invitations, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await networks.FindAsync(uow, id, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok<IReadOnlyList<InvitationView>>((await invitations.ListAsync(uow, id, ct))
            .Select(i => new InvitationView(i.Id, i.Email, i.Role, i.TeamId, i.ExpiresAt, i.MailedAt is not null, i.AcceptedAt is not null)).ToList());
    }

    private static async Task<Results<Ok<InvitationPreview>, NotFound, ProblemHttpResult>> Preview(
        string token, Database db, InvitationStore invitations, NetworkStore networks, TimeProvider clock, CancellationToken ct)
    {
        if (!TenantToken.TryReadTenant(token, out var tenant)) return TypedResults.NotFound();
        await using var uow = await db.BeginAsync(tenant, ct);
        if (await invitations.FindByTokenAsync(uow, TenantToken.Hash(token), ct) is not { } invitation) return TypedResults.NotFound();
        if (Gone(invitation, clock) is { } gone) return gone;
        var network = await networks.FindAsync(uow, invitation.NetworkId, ct);
        return TypedResults.Ok(new InvitationPreview(network!.Name, invitation.Email, invitation.Role, invitation.ExpiresAt));
    }

    private static async Task<Results<Ok<InvitationAccepted>, ValidationProblem, NotFound, ProblemHttpResult>> Accept(
        string token, AcceptInvitationRequest request, Database db, NetworkWrites writes, InvitationStore invitations, MembershipStore store,
        IdentityClient identity, TimeProvider clock, CancellationToken ct)
    {
        if (!TenantToken.TryReadTenant(token, out var tenant)) return TypedResults.NotFound();
        var hash = TenantToken.Hash(token);
        Guid networkId;
        await using (var read = await db.BeginAsync(tenant, ct))
        {
            if (await invitations.FindByTokenAsync(read, hash, ct) is not { } found) return TypedResults.NotFound();
            networkId = found.NetworkId;
        }

        await using var w = await writes.BeginAsync(tenant, "invitee", networkId, ct);
        // Read again under the network's lock: two acceptances of one link cannot both pass.
        if (w is null || await invitations.FindByTokenAsync(w.Uow, hash, ct) is not { } invitation) return TypedResults.NotFound();
        if (Gone(invitation, clock) is { } gone) return gone;

        var (person, conflict) = await store.FindOrAddPersonAsync(w.Uow, invitation.Email, request.GivenName, request.FamilyName, ct);
        if (person is null) return TypedResults.Problem(conflict, statusCode: StatusCodes.Status409Conflict);
        var today = clock.Today();
        var (membership, _, startConflict) = await MembersApi.StartAsync(w, store, person, invitation.Role, invitation.TeamId, today, clock, ct);
        if (membership is null) return TypedResults.Problem(startConflict, statusCode: StatusCodes.Status409Conflict);

        // The login last: if Identity refuses the password, the transaction rolls back and nothing is kept.
        var (login, problem) = await identity.CreateMemberLoginAsync(tenant, invitation.Email, request.Password, ct);
        if (login == IdentityClient.LoginResult.Rejected)
            return Invalid.Field("password", problem ?? "The password was not accepted.");

        await invitations.MarkAcceptedAsync(w.Uow, invitation.Id, person.Id, ct);
        await w.CommitAsync("invitation.accepted", invitation.Id, new { PersonId = person.Id, MembershipId = membership.Id }, stabilityChanged: true, ct);
        return TypedResults.Ok(new InvitationAccepted(person.Id, membership.Id));
    }

    private static ProblemHttpResult? Gone(Invitation invitation, TimeProvider clock) =>
        invitation.AcceptedAt is not null ? TypedResults.Problem("This invitation has already been accepted.", statusCode: StatusCodes.Status410Gone)
        : invitation.ExpiresAt <= clock.GetUtcNow() ? TypedResults.Problem("This invitation has expired; ask the hub for a new one.", statusCode: StatusCodes.Status410Gone)
        : null;
}
