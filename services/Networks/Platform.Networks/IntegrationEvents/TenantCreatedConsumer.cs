using Platform.Contracts.Identity;
using Platform.Data;
using Platform.Messaging;
using Platform.Networks.Data;

namespace Platform.Networks.IntegrationEvents;

/// <summary>Keeps the tenant directory (names and kinds) so hubs can choose funders to share with.</summary>
[InboxName("TenantCreatedConsumer")]
public sealed class TenantCreatedConsumer(Database db, GrantStore grants) : InboxConsumer<TenantCreated>(db)
{
    protected override Task HandleAsync(TenantCreated message, UnitOfWork uow, CancellationToken ct) =>
        grants.UpsertTenantAsync(uow, message.TenantId, message.Name, message.Kind, message.HostType, ct);
}
