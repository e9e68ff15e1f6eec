using Platform.Charts;

namespace Platform.Portal.Api.Models;

// The parts of the Surveys API's wave answers that the hub admin's pages show (GET /api/surveys/waves..., /instruments).

public sealed record SurveyWave(
    Guid Id, Guid NetworkId, string InstrumentId, int InstrumentVersion, int NetworkYear, DateOnly OpensOn, DateOnly ClosesOn, string Status,
    DateTimeOffset? OpenedAt, DateTimeOffset? ClosedAt, DateTimeOffset? ResultsReleasedAt = null, int ReleaseThreshold = 0,
    IReadOnlyList<string>? Languages = null)
{
    /// <summary>The name of the wave's instrument among <paramref name="instruments"/> (its id if not listed).</summary>
    public string InstrumentName(IEnumerable<SurveyInstrumentSummary> instruments) => instruments.FirstOrDefault(i => i.Id == InstrumentId)?.Name ?? InstrumentId;

    /// <summary>How the portal names a wave: instrument, network year and network.</summary>
    public string Label(IEnumerable<SurveyInstrumentSummary> instruments, string networkName) =>
        $"{InstrumentName(instruments)} {SvgCharts.YearLabel(NetworkYear)}, {networkName}";
}

public sealed record SurveyInstrumentSummary(string Id, string Name, int LatestVersion, bool BuiltIn);

/// <summary>A group's counts, or only its note when the group is too small to show.</summary>
public sealed record WaveGroupProgress(string Group, int? Invited, int? Started, int? Submitted, decimal? ResponseRate, string? Note);

public sealed record WaveProgressCounts(int Invited, int Started, int Submitted, decimal ResponseRate, IReadOnlyList<WaveGroupProgress> ByTeam, IReadOnlyList<WaveGroupProgress> BySchool,
    int ReleaseThreshold = 0, bool ResultsReleased = false, int MoreToRelease = 0);

public sealed record WaveRosterPreview(int NetworkYear, int Members, bool Draft);

public sealed record WaveMailing(int Invited, int Mailed);

/// <summary>An open question's comments, or only its note when too few answered (GET /api/surveys/waves/{id}/comments).</summary>
public sealed record WaveQuestionComments(string ItemId, string Question, IReadOnlyList<string>? Comments, string? Note);

public sealed record WaveComments(Guid WaveId, bool Shown, string? Reason, IReadOnlyList<WaveQuestionComments> Questions);

public sealed record WaveReminderSchedule(int MaxReminders, int MinDaysApart, int HourOfDay, string TimeZone);

/// <summary>A wave's reminders (GET /api/surveys/waves/{id}/reminder-schedule): its schedule if any, the next due, each one sent.</summary>
public sealed record WaveReminderPlan(WaveReminderSchedule? Schedule, DateTimeOffset? NextDueAt, IReadOnlyList<DateTimeOffset> Sent, bool FollowsNetwork = false);
