using System.Diagnostics;
using Dapper;
using MassTransit;
using Platform.Contracts;
using Platform.Data;

namespace Platform.Messaging;

/// <summary>
/// Base for idempotent consumers: records (inbox name, message id) in the inbox in the same transaction as the
/// effect, under the event's tenant. A redelivered message finds its row and changes nothing. Every subclass declares
/// its <see cref="InboxNameAttribute"/>.
/// </summary>
public abstract class InboxConsumer<TEvent>(Database db) : IConsumer<TEvent> where TEvent : class, IIntegrationEvent
{
    private string? _inboxName;

    /// <summary>What this consumer's inbox rows are keyed by (its <see cref="InboxNameAttribute"/>).</summary>
    public string InboxName => _inboxName ??= InboxNames.Of(GetType());

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("Integration events must carry a MessageId");
        var ct = context.CancellationToken;
        await using var uow = await db.BeginAsync(context.Message.TenantId, ct);
        // xmax = 0 only for a freshly inserted row: true on first delivery, false on a redelivery.
        var first = await uow.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            insert into inbox_messages (consumer, message_id, trace_id) values (@consumer, @messageId, @traceId)
            on conflict (consumer, message_id) do update
                set deliveries = inbox_messages.deliveries + 1, last_delivered_at = now()
            returning xmax = 0
            """,
            new { consumer = InboxName, messageId, traceId = Activity.Current?.TraceId.ToString() },
            uow.Transaction, cancellationToken: ct));
        if (first)
            await HandleAsync(context.Message, uow, ct);
        await uow.CommitAsync(ct);
    }

    protected abstract Task HandleAsync(TEvent message, UnitOfWork uow, CancellationToken ct);
}
