using Platform.Contracts.Improvement;
using Platform.Improvement.Data;
using Platform.Improvement.Domain;

namespace Platform.Improvement.IntegrationEvents;

/// <summary>How Improvement's facts leave it: the same event from the write and from a replay (ids and facts only).</summary>
public static class ImprovementEvents
{
    public static TheoryOfImprovementRevised Revised(Guid tenantId, TheoryVersion v) =>
        new(tenantId, v.NetworkId, v.Version, v.Diagram.PrimaryDrivers.Count, v.Diagram.SecondaryDrivers.Count(), v.Diagram.ChangeIdeaIds.Count,
            DateOnly.FromDateTime(v.CreatedAt.UtcDateTime), v.CreatedAt,
            AimHasMeasure: v.Diagram.Aim.MeasureId is not null);

    public static ChangeIdeaStatusChanged StatusChanged(Guid tenantId, ChangeIdea idea, ChangeIdeaStatus? previous) =>
        new(tenantId, idea.NetworkId, idea.Id, idea.Status.ToString(), previous?.ToString(), DateOnly.FromDateTime(idea.UpdatedAt.UtcDateTime), idea.UpdatedAt);

    public static CycleStarted Started(Guid tenantId, PdsaCycle c, DateTimeOffset at) =>
        new(tenantId, c.NetworkId, c.Id, c.TeamId, c.ChangeIdeaId, c.HadPredictions, c.StartedOn!.Value, at);

    public static CycleCompleted Completed(Guid tenantId, PdsaCycle c, DateTimeOffset at) =>
        new(tenantId, c.NetworkId, c.Id, c.TeamId, c.ChangeIdeaId, c.Decision!.Value.ToString(), c.HadPredictions, c.StartedOn!.Value, c.CompletedOn!.Value, at);

    public static CoachingTouchpointLogged TouchpointLogged(Guid tenantId, Touchpoint t) => new(tenantId, t.NetworkId, t.Id, t.TeamId, t.On, t.CreatedAt);

    public static CycleReviewHeld ReviewHeld(Guid tenantId, ReviewFacts r) => new(tenantId, r.NetworkId, r.Id, r.HeldOn, r.Cycles, r.Decisions, r.CreatedAt);

    /// <summary>A measure's series as it stands: its latest period with a point (null when none) and how many points.</summary>
    public static MeasureDataRecorded DataRecorded(Guid tenantId, Guid networkId, Guid measureId, SeriesFacts series, DateTimeOffset at) =>
        new(tenantId, networkId, measureId, series.LatestPeriod, series.Points, at);
}
