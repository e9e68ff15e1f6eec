namespace Platform.Contracts.Networks;

/// <summary>A hub granted a funder access to its network's aggregates.</summary>
public sealed record NetworkSharedWithFunder(Guid TenantId, Guid NetworkId, Guid FunderTenantId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A hub withdrew a funder's access.</summary>
public sealed record NetworkShareRevoked(Guid TenantId, Guid NetworkId, Guid FunderTenantId, DateTimeOffset OccurredAt) : IIntegrationEvent;
