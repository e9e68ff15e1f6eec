namespace Platform.Contracts;

/// <summary>
/// Every integration event names the tenant it belongs to, so consumers can scope their
/// writes (row-level security) without trusting anything but the message body.
/// Events carry ids and facts, never secrets or person-identifying survey data.
/// </summary>
public interface IIntegrationEvent
{
    Guid TenantId { get; }
    DateTimeOffset OccurredAt { get; }
}
