namespace Platform.Portal.Api.Models;

// The hub home's own answers (GET /api/improvement/attention); the other lines reuse the survey, warning, invitation and
// rubric models.

public sealed record AttentionOverdueCycle(Guid Id, Guid NetworkId, string NetworkName, Guid TeamId, string? TeamName, string Title, string Objective,
    string Status, DateOnly StartedOn, int DaysSinceStart);

public sealed record AttentionStaleMeasure(Guid Id, Guid NetworkId, string NetworkName, Guid? TeamId, string? TeamName, string Name, string? Frequency,
    DateOnly? LatestPeriod);

public sealed record ImprovementAttention(DateOnly AsOf, int OverdueAfterDays, IReadOnlyList<AttentionOverdueCycle> OverdueCycles,
    IReadOnlyList<AttentionStaleMeasure> StaleMeasures);
