namespace Platform.Contracts.Identity;

/// <summary>
/// Asks every service that publishes facts about this tenant to publish its current facts again (for a rebuild of
/// Reporting). Re-emitted events are the ordinary ones, and every consumer applies them idempotently.
/// </summary>
public sealed record TenantFactsRequested(Guid TenantId, Guid RebuildId, DateTimeOffset OccurredAt) : IIntegrationEvent;
