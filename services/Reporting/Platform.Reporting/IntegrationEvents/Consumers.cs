using Platform.Contracts.Identity;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Messaging;
using Platform.Reporting.Data;

namespace Platform.Reporting.IntegrationEvents;

public sealed class TenantCreatedConsumer(Database db, ReportingStore store) : InboxConsumer<TenantCreated>(db)
{
    protected override Task HandleAsync(TenantCreated message, UnitOfWork uow, CancellationToken ct) =>
        store.UpsertTenantAsync(uow, message, ct);
}

public sealed class NetworkRegisteredConsumer(Database db, ReportingStore store) : InboxConsumer<NetworkRegistered>(db)
{
    protected override Task HandleAsync(NetworkRegistered message, UnitOfWork uow, CancellationToken ct) =>
        store.UpsertNetworkAsync(uow, message, ct);
}
