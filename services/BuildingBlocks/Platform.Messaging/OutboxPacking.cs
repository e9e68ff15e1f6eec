using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;

namespace Platform.Messaging;

/// <summary>
/// Lets the outbox relay send the pending events of one type and tenant as one message (a pack) instead of one message
/// each: for events that come in bursts (a wave's responses, a replay), where the broker's and the consumer's cost per
/// message dominates. An event enqueued alone (a submit) is written as its own row and packed when the relay sends it;
/// events enqueued together (<see cref="Outbox.EnqueueManyAsync"/>: a roster, a replay) are written already packed.
/// </summary>
public sealed class OutboxPacking(Type eventType, Func<IReadOnlyList<IIntegrationEvent>, IIntegrationEvent> pack)
{
    public Type EventType => eventType;

    /// <summary>The message for one tenant's pending events of <see cref="EventType"/>, oldest first.</summary>
    public IIntegrationEvent Pack(IReadOnlyList<IIntegrationEvent> events) => pack(events);
}

public static class OutboxPackingExtensions
{
    /// <summary>Sends pending <typeparamref name="TEvent"/> rows as <typeparamref name="TPack"/> messages, one per tenant and relay pass.</summary>
    public static IServiceCollection AddOutboxPacking<TEvent, TPack>(this IServiceCollection services, Func<IReadOnlyList<TEvent>, TPack> pack)
        where TEvent : IIntegrationEvent where TPack : IIntegrationEvent =>
        services.AddSingleton(new OutboxPacking(typeof(TEvent), events => pack(events.Cast<TEvent>().ToList())));
}
