namespace Platform.Contracts.Identity;

/// <summary>A hub, funder or platform tenant now exists. Kind: hub | funder | platform.</summary>
public sealed record TenantCreated(
    Guid TenantId,
    string Name,
    string Kind,
    string? HostType,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
