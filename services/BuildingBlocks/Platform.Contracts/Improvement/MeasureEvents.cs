namespace Platform.Contracts.Improvement;

/// <summary>
/// A points upload made a measure's chart show a signal it did not show before (ids and facts only). Kind: OutsideLimits
/// | Runs | Shift | Trend (Platform.Spc's SignalKind); Period: the first period of the signal (the point outside the
/// limits, or the first point of the run); InDirectionOfImprovement: whether it points the way the measure improves.
/// </summary>
public sealed record MeasureSignalDetected(
    Guid TenantId,
    Guid NetworkId,
    Guid MeasureId,
    string Kind,
    DateOnly Period,
    bool InDirectionOfImprovement,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A measure's series changed (an upload or an edit of its points): its latest period that holds a data point (null when
/// none is left) and how many points it has. Reporting dates "no measure with data in the last 90 days" from it.
/// </summary>
public sealed record MeasureDataRecorded(
    Guid TenantId,
    Guid NetworkId,
    Guid MeasureId,
    DateOnly? LatestPeriod,
    int Points,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
