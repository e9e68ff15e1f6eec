using Platform.Networks.Application;
using System.Security.Claims;
using Platform.Data;
using Platform.Messaging;
using Platform.Networks.Data;
using Platform.Networks.Domain;
using Platform.Networks.IntegrationEvents;
using Platform.ServiceDefaults;

namespace Platform.Networks.Apis;

/// <summary>
/// What every admin write to a network shares: the tenant's unit of work, the network row locked (so changes to one
/// network serialize), the audit entry, and the stability snapshots, all committed together.
/// </summary>
public sealed class NetworkWrites(Database db, NetworkStore networks, MembershipStore members, AuditLog audit, StabilityReports stability,
    Outbox outbox, TimeProvider clock)
{
    public Task<NetworkWrite?> BeginAsync(ClaimsPrincipal user, Guid networkId, CancellationToken ct) =>
        BeginAsync(user.TenantId(), user.UserId() ?? "unknown", networkId, ct);

    /// <summary>For writes without a signed-in user (an invitee holding a link): the tenant comes from the link.</summary>
    public async Task<NetworkWrite?> BeginAsync(Guid tenantId, string actor, Guid networkId, CancellationToken ct)
    {
        var uow = await db.BeginAsync(tenantId, ct);
        var network = await networks.FindForUpdateAsync(uow, networkId, ct);
        if (network is not null) return new NetworkWrite(uow, network, actor, this, outbox);
        await uow.DisposeAsync();
        return null;
    }

    internal Task AuditAsync(NetworkWrite w, string action, Guid? target, object? details, CancellationToken ct) =>
        audit.RecordAsync(w.Uow, w.Actor, action, target, details, ct);

    internal Task PublishStabilityAsync(NetworkWrite w, CancellationToken ct) => stability.PublishAsync(w.Uow, w.Network, ct);

    internal async Task<DistrictScope> PublishNetworkUpdatedAsync(NetworkWrite w, CancellationToken ct)
    {
        var scope = NetworkScope.Of(await members.OrganizationsAsync(w.Uow, w.Network.Id, ct));
        await outbox.EnqueueAsync(w.Uow, NetworkEvents.Updated(w.Uow.TenantId!.Value, w.Network, scope, clock.GetUtcNow()), ct);
        return scope;
    }
}

public sealed class NetworkWrite(UnitOfWork uow, Network network, string actor, NetworkWrites writes, Outbox outbox) : IAsyncDisposable
{
    public Outbox Events => outbox;

    public UnitOfWork Uow => uow;
    public Network Network { get; private set; } = network;
    public string Actor => actor;

    public void Replace(Network updated) => Network = updated;

    /// <summary>Publishes the network's current facts (NetworkUpdated) in this write; answers its district scope.</summary>
    public Task<DistrictScope> PublishNetworkUpdatedAsync(CancellationToken ct) => writes.PublishNetworkUpdatedAsync(this, ct);

    /// <summary>Records the audit entry, publishes the stability snapshots when membership or staff changed, and commits.</summary>
    public async Task CommitAsync(string action, Guid? target, object? details, bool stabilityChanged, CancellationToken ct)
    {
        await writes.AuditAsync(this, action, target, details, ct);
        if (stabilityChanged) await writes.PublishStabilityAsync(this, ct);
        await uow.CommitAsync(ct);
    }

    public ValueTask DisposeAsync() => uow.DisposeAsync();
}
