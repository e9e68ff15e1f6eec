namespace Platform.Contracts.Reporting;

/// <summary>
/// Reporting's read models are being rebuilt (its database was dropped, or a platform admin asked): every publisher
/// re-emits the facts Reporting needs. Platform-wide, so TenantId is empty. Identity answers first, per tenant.
/// </summary>
public sealed record ReportingRebuildRequested(Guid TenantId, Guid RebuildId, DateTimeOffset OccurredAt) : IIntegrationEvent;
