using System.Text.Json;
using Dapper;
using Platform.Data;

namespace Platform.Networks.Data;

public sealed record AuditEntry(Guid Id, string Actor, string Action, Guid? TargetId, string? Details, DateTimeOffset At);

/// <summary>Who did what to which target, written in the same transaction as the change itself.</summary>
public sealed class AuditLog
{
    public Task RecordAsync(UnitOfWork uow, string actor, string action, Guid? targetId, object? details, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(
            "insert into audit_log (id, tenant_id, actor, action, target_id, details) values (@id, @TenantId, @actor, @action, @targetId, @details::jsonb)",
            new { id = Guid.CreateVersion7(), uow.TenantId, actor, action, targetId, details = details is null ? null : JsonSerializer.Serialize(details) },
            uow.Transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(UnitOfWork uow, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<AuditEntry>(new CommandDefinition(
            "select id, actor, action, target_id as TargetId, details::text as Details, at from audit_log where at >= @from and at < @to order by at, id limit 10000",
            new { from, to }, uow.Transaction, cancellationToken: ct))).AsList();
}
