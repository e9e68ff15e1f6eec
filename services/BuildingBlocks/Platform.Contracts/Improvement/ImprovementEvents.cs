namespace Platform.Contracts.Improvement;

// What Improvement publishes: ids and facts only, never cycle text, names or a person id (docs/privacy.md); Reporting
// counts and dates them. Each is re-emitted unchanged on TenantFactsRequested, so consumers apply them idempotently.

/// <summary>
/// A network's theory of improvement got a new version: the sizes of its driver diagram, and whether its aim names the
/// outcome measure that tracks it (an aim without a measure is one sign of unclear purpose). AimHasMeasure is false in
/// messages written before it existed, which is what a reader should assume of them.
/// </summary>
public sealed record TheoryOfImprovementRevised(
    Guid TenantId,
    Guid NetworkId,
    int Version,
    int PrimaryDrivers,
    int SecondaryDrivers,
    int ChangeIdeas,
    DateOnly On,
    DateTimeOffset OccurredAt,
    bool AimHasMeasure = false) : IIntegrationEvent;

/// <summary>
/// A change idea was recorded, or its status changed. Status: Idea | Testing | Adopted | Adapted | Abandoned | Spreading.
/// PreviousStatus is null when the idea was recorded and in a replay (which states each idea's current status as of its last change).
/// </summary>
public sealed record ChangeIdeaStatusChanged(
    Guid TenantId,
    Guid NetworkId,
    Guid ChangeIdeaId,
    string Status,
    string? PreviousStatus,
    DateOnly On,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>An improvement team started a PDSA cycle (Plan -> Do).</summary>
public sealed record CycleStarted(
    Guid TenantId,
    Guid NetworkId,
    Guid CycleId,
    Guid TeamId,
    Guid? ChangeIdeaId,
    bool HadPredictions,
    DateOnly StartedOn,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A PDSA cycle was finished (Study -> Done). Decision: Adopt | Adapt | Abandon | TestAgain.</summary>
public sealed record CycleCompleted(
    Guid TenantId,
    Guid NetworkId,
    Guid CycleId,
    Guid TeamId,
    Guid? ChangeIdeaId,
    string Decision,
    bool HadPredictions,
    DateOnly StartedOn,
    DateOnly CompletedOn,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A network's participation in improvement work in one calendar month (UTC), published once after the month ends:
/// how many people created or advanced a PDSA cycle, and the share (0 to 1) of the month's cycles that the two most
/// active of them took part in (how much the work rests on two people). Counted inside Improvement: no person id.
/// Month: the month's first day.
/// </summary>
public sealed record ImprovementParticipation(
    Guid TenantId,
    Guid NetworkId,
    DateOnly Month,
    int ActivePeople,
    double ShareOfCyclesByTopTwoPeople,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A coach logged a touchpoint with an improvement team (ids and the date; what was said stays in Improvement).</summary>
public sealed record CoachingTouchpointLogged(
    Guid TenantId,
    Guid NetworkId,
    Guid TouchpointId,
    Guid TeamId,
    DateOnly On,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A network held a cycle review: how many completed cycles it looked at and how many change-idea decisions it recorded
/// (each decision also travels as its ChangeIdeaStatusChanged). The synthesis stays in Improvement.
/// </summary>
public sealed record CycleReviewHeld(
    Guid TenantId,
    Guid NetworkId,
    Guid ReviewId,
    DateOnly HeldOn,
    int CyclesReviewed,
    int Decisions,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
