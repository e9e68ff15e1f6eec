using System.Globalization;
using System.Text.Json.Serialization;
using Platform.HealthModel;

namespace Platform.Reporting.Domain;

/// <summary>Whether what members said of their improvement routines and what the network did tell the same story.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SurveyAndWork>))]
public enum SurveyAndWork
{
    /// <summary>No contradiction between the survey and the work.</summary>
    Agree,
    /// <summary>Members rate their continuous-improvement routines high, but no PDSA cycle was completed in the period.</summary>
    RatedHighNoCycleCompleted,
    /// <summary>Members rate their routines low, though the teams completed at least a cycle each in the period.</summary>
    RatedLowCyclesCompleted,
    /// <summary>Too few survey responses, or no improvement team, to set the two side by side.</summary>
    NotCompared,
}

/// <summary>
/// The feedback report's and the health page's "Improvement activity" section: the survey's continuous-improvement
/// domain (what members said) beside the network's PDSA cycles and measures in the same network year (what it did),
/// and whether they agree, in words.
/// </summary>
public sealed record ImprovementBesideSurvey(int Year, ScaleResult CiProcesses, ImprovementActivityReport Activity, SurveyAndWork Agreement, string Finding)
{
    public const string CiProcessesScale = "CI_PROCESSES";

    public static ImprovementBesideSurvey Of(HealthProfile profile, ImprovementActivityReport activity)
    {
        var ci = profile.Scales.FirstOrDefault(s => s.Scale == CiProcessesScale) ?? new ScaleResult(CiProcessesScale, null, "no responses");
        var (agreement, finding) = SurveyAndWorkRule.Compare(ci, activity);
        return new ImprovementBesideSurvey(profile.Year, ci, activity, agreement, finding);
    }
}

/// <summary>
/// When the survey's continuous-improvement score and the network's improvement work disagree. Ratings use the survey's
/// own cut-offs: 4 is where an answer counts as favorable, below 3 is under the scale's midpoint. "Cycles completed"
/// against a low rating needs at least one per team, so one busy team does not speak for the network.
/// </summary>
public static class SurveyAndWorkRule
{
    /// <summary>From this mean (1 to 5) members rate their routines high: the survey's favorable cut-off.</summary>
    public const decimal HighRating = ScaleStatistics.FavorableThreshold;

    /// <summary>Under this mean members rate their routines low: below the scale's midpoint.</summary>
    public const decimal LowRating = 3.0m;

    public static (SurveyAndWork Agreement, string Finding) Compare(ScaleResult ci, ImprovementActivityReport work)
    {
        if (ci.Statistics is not { } rated)
            return (SurveyAndWork.NotCompared,
                $"Members' rating of their continuous-improvement routines is not shown ({ci.Note ?? "no responses"}), so it cannot be set beside the network's work.");
        if (work.Teams == 0)
            return (SurveyAndWork.NotCompared, "The network has no improvement team on the platform in this period, so members' rating cannot be set beside its work.");

        var mean = rated.Mean.ToString("0.00", CultureInfo.InvariantCulture);
        var period = $"from {Day(work.From)} to {Day(work.AsOf)}";
        var cycles = Count(work.CyclesCompleted, "PDSA cycle", "PDSA cycles");
        var measures = work.MeasuresImproving == 0 ? "" : $", and {Count(work.MeasuresImproving, "measure", "measures")} showed improvement";
        if (rated.Mean >= HighRating && work.CyclesCompleted == 0)
            return (SurveyAndWork.RatedHighNoCycleCompleted,
                $"The survey and the work disagree: members rate their continuous-improvement routines high ({mean} of 5), but no PDSA cycle was completed {period}. " +
                "Are cycles run but not recorded here, or do members mean other routines?");
        // At least one per team, so one busy team does not speak for the network.
        if (rated.Mean < LowRating && work.CyclesCompleted >= work.Teams)
            return (SurveyAndWork.RatedLowCyclesCompleted,
                $"The survey and the work disagree: members rate their continuous-improvement routines low ({mean} of 5), though the teams completed {cycles} " +
                $"({PerTeam(work)} per team) {period}{measures}. Do members see these cycles as theirs, and hear what they found?");
        return (SurveyAndWork.Agree,
            $"The survey and the work agree: members rate their continuous-improvement routines {mean} of 5, and the teams completed {cycles} {period}{measures}.");
    }

    private static string Day(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";

    private static string PerTeam(ImprovementActivityReport work) =>
        ImprovementActivity.PerTeam(work.CyclesCompleted, work.Teams)!.Value.ToString("0.##", CultureInfo.InvariantCulture);
}
