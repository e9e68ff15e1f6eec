using Platform.Networks.Application;
using Platform.Contracts.Identity;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Messaging;
using Platform.Networks.Data;
using Platform.Networks.Domain;

namespace Platform.Networks.IntegrationEvents;

/// <summary>
/// Re-emits, for one tenant, every fact Reporting builds from: each network's current facts, its improvement teams (with
/// the time each was formed), its stability per network year, its hub seats and its active funder grants. The same events as the writes publish, so consumers need nothing new.
/// </summary>
[InboxName("TenantFactsRequestedConsumer")]
public sealed class TenantFactsRequestedConsumer(Database db, NetworkStore networks, MembershipStore members, GrantStore grants,
    StabilityReports stability, Outbox outbox, TimeProvider clock) : InboxConsumer<TenantFactsRequested>(db)
{
    protected override async Task HandleAsync(TenantFactsRequested message, UnitOfWork uow, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var tenant = message.TenantId;
        foreach (var network in await networks.ListAsync(uow, ct))
        {
            var organizations = await members.OrganizationsAsync(uow, network.Id, ct);
            await outbox.EnqueueAsync(uow, NetworkEvents.Updated(tenant, network, NetworkScope.Of(organizations), now), ct);
            foreach (var (team, formedAt) in await members.TeamsWithFormationAsync(uow, network.Id, ct))
                await outbox.EnqueueAsync(uow, new ImprovementTeamFormed(tenant, network.Id, team.Id, team.Name, team.OrganizationId,
                    organizations.Single(o => o.Id == team.OrganizationId).Name, formedAt), ct);
            foreach (var seat in await members.AssignmentsAsync(uow, network.Id, ct))
            {
                await outbox.EnqueueAsync(uow, new HubStaffAssigned(tenant, network.Id, seat.PersonId, seat.Id, seat.Role.ToString(), seat.Core, seat.Start, now), ct);
                if (seat is { End: { } end, EndReason: { } reason })
                    await outbox.EnqueueAsync(uow, new HubStaffDeparted(tenant, network.Id, seat.PersonId, seat.Id, end, reason.ToString(), now), ct);
            }
            foreach (var grant in await grants.ActiveAsync(uow, network.Id, ct))
                await outbox.EnqueueAsync(uow, new NetworkSharedWithFunder(tenant, network.Id, grant.FunderTenantId, now), ct);
            await stability.PublishAsync(uow, network, ct);
        }
    }
}
