namespace Platform.Portal.Api.Models;

// The parts of the Improvement API's answers that the portal shows (enumerations travel as strings).

public sealed record TheoryAim(string Statement, Guid? MeasureId, decimal? Target, DateOnly? ByDate);

public sealed record TheorySecondaryDriver(string Key, string Title, IReadOnlyList<Guid> ChangeIdeaIds);

public sealed record TheoryPrimaryDriver(string Key, string Title, IReadOnlyList<TheorySecondaryDriver> SecondaryDrivers);

/// <summary>One version of the network's theory of improvement (driver diagram).</summary>
public sealed record Theory(Guid NetworkId, int Version, TheoryAim Aim, IReadOnlyList<TheoryPrimaryDriver> PrimaryDrivers, string Reason, string Author,
    DateTimeOffset CreatedAt);

public sealed record TheoryVersionSummary(int Version, string Reason, string Author, DateTimeOffset CreatedAt);

public sealed record TheoryDriverRef(string Key, string Title, int Level, string? ParentKey);

public sealed record TheoryDriverRenamed(string Key, string From, string To);

public sealed record TheoryDriverMoved(string Key, string Title, int FromLevel, string? FromParentKey, int ToLevel, string? ToParentKey);

public sealed record ChangeIdeaPlacement(Guid ChangeIdeaId, IReadOnlyList<string> DriverKeys);

public sealed record ChangeIdeaMoved(Guid ChangeIdeaId, IReadOnlyList<string> FromDriverKeys, IReadOnlyList<string> ToDriverKeys);

public sealed record TheoryComparison(int From, int To, bool AimChanged, IReadOnlyList<TheoryDriverRef> DriversAdded, IReadOnlyList<TheoryDriverRef> DriversRemoved,
    IReadOnlyList<TheoryDriverRenamed> DriversRenamed, IReadOnlyList<TheoryDriverMoved> DriversMoved, IReadOnlyList<ChangeIdeaPlacement> ChangeIdeasAdded,
    IReadOnlyList<ChangeIdeaPlacement> ChangeIdeasRemoved, IReadOnlyList<ChangeIdeaMoved> ChangeIdeasMoved);

/// <summary>A signal a chart shows: Kind is OutsideLimits, Runs, Shift or Trend.</summary>
public sealed record MeasureSignal(string Kind, int Part, DateOnly FirstPeriod, DateOnly LastPeriod, bool? InDirectionOfImprovement);

public sealed record LinkedMeasure(Guid Id, string Name, MeasureSignal? LatestSignal);

public sealed record ChangeIdeaEvidence(int Cycles, int CompletedCycles, IReadOnlyList<Guid> Teams, IReadOnlyDictionary<string, int> Decisions,
    IReadOnlyList<LinkedMeasure> Measures);

public sealed record ChangeIdea(Guid Id, Guid NetworkId, string Title, string? Description, string Status, IReadOnlyList<string> DriverKeys,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, ChangeIdeaEvidence Evidence);

public sealed record CycleQuestion(string? Question, string? Prediction);

public sealed record CyclePlan(string? Who, string? Where, string? When, string? DataToCollect);

public sealed record CycleObservation(DateOnly On, string Text, DateTimeOffset RecordedAt);

public sealed record CycleFinding(int QuestionIndex, string WhatHappened, string MatchedPrediction);

/// <summary>A PDSA cycle; Status is Plan, Do, Study or Done; Decision Adopt, Adapt, Abandon or TestAgain.</summary>
public sealed record PdsaCycle(Guid Id, Guid NetworkId, Guid TeamId, Guid? ChangeIdeaId, Guid? BuildsOnCycleId, string Title, string Objective,
    IReadOnlyList<CycleQuestion> Questions, CyclePlan Plan, IReadOnlyList<CycleObservation> Observations, IReadOnlyList<CycleFinding>? Findings, string Status,
    string? Decision, string? NextStep, DateTimeOffset CreatedAt, DateOnly? StartedOn, DateOnly? CompletedOn);

public sealed record CycleComment(Guid Id, string Author, string Text, DateTimeOffset CreatedAt);

public sealed record CycleWithComments(PdsaCycle Cycle, IReadOnlyList<CycleComment> Comments);

public sealed record CycleRamp(Guid CycleId, IReadOnlyList<Guid> BuildsOn, IReadOnlyList<Guid> BuiltOnIt);

public sealed record ChartSettingsView(int? Freeze, IReadOnlyList<DateOnly> Splits);

/// <summary>A measure; Kind is Outcome, Process or Balancing; Chart Run, I, P, U or C; Direction Up or Down.</summary>
public sealed record Measure(Guid Id, Guid NetworkId, Guid? TeamId, string Name, string Kind, string Chart, string Definition, string Direction,
    double Multiplier, double? Target, IReadOnlyList<Guid> ChangeIdeaIds, ChartSettingsView ChartSettings, MeasureSignal? LatestSignal,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record MeasureDataPoint(DateOnly Period, double Numerator, double? Denominator, bool Excluded, string? Note);

public sealed record MeasureChartPoint(DateOnly Period, double Value, double? Center, double? Lower, double? Upper, bool Excluded, bool OutsideLimits, int Part);

public sealed record MeasureChart(Guid MeasureId, string Chart, double Multiplier, string Rules, int? Freeze, IReadOnlyList<DateOnly> Splits,
    IReadOnlyList<MeasureChartPoint> Points, IReadOnlyList<MeasureSignal> Signals);

public sealed record PointsSummary(Guid MeasureId, int Points, IReadOnlyList<MeasureSignal> NewSignals);

/// <summary>A cycle on a review's agenda: finished since the last review; Decision as a cycle's.</summary>
public sealed record AgendaCycle(Guid Id, Guid TeamId, string TeamName, string Title, string Objective, string? Decision, DateOnly CompletedOn);

public sealed record AgendaIdea(Guid Id, string Title, string Status);

public sealed record AgendaMeasure(Guid Id, string Name, MeasureSignal? LatestSignal, string Signal);

/// <summary>One change idea's cycles on the agenda (a null idea: the cycles that tested none), with the linked measures.</summary>
public sealed record AgendaGroup(AgendaIdea? ChangeIdea, IReadOnlyList<AgendaCycle> Cycles, int Teams, IReadOnlyDictionary<string, int> Decisions,
    IReadOnlyList<AgendaMeasure> Measures);

/// <summary>What the next cycle review looks at: the cycles finished since the last review (Since; null before the first).</summary>
public sealed record ReviewAgenda(DateOnly? Since, DateOnly AsOf, int Cycles, IReadOnlyList<AgendaGroup> Groups);

/// <summary>A review's decision on a change idea: its status From and To (change idea statuses).</summary>
public sealed record ReviewDecision(Guid ChangeIdeaId, string Title, string From, string To, string? Note);

public sealed record CycleReview(Guid Id, Guid NetworkId, DateOnly HeldOn, DateOnly? WindowFrom, string Synthesis, IReadOnlyList<Guid> CycleIds,
    IReadOnlyList<ReviewDecision> Decisions, string RecordedBy, DateTimeOffset CreatedAt);

/// <summary>A coach's touchpoint with an improvement team.</summary>
public sealed record CoachingTouchpoint(Guid Id, Guid NetworkId, Guid TeamId, string TeamName, DateOnly On, string Focus, string? Agreed, string? NextStep,
    string LoggedBy, DateTimeOffset CreatedAt);

public sealed record PackageAim(string Statement, Guid? MeasureId, string? MeasureName, decimal? Target, DateOnly? ByDate);

public sealed record PackageLinkedMeasure(Guid Id, string Name, string LatestSignal);

public sealed record PackageIdea(Guid Id, string Title, string? Description, string Status, int Cycles, int CompletedCycles, IReadOnlyList<string> Teams,
    IReadOnlyDictionary<string, int> Decisions, IReadOnlyList<PackageLinkedMeasure> Measures);

public sealed record PackageMeasure(Guid Id, string Name, string Kind, string Chart, string Definition, string Direction, double? Target, string? Team, int Points,
    string LatestSignal);

/// <summary>The change package as JSON (its printable page, with the charts, is the Improvement service's HTML).</summary>
public sealed record ChangePackage(Guid NetworkId, string Network, DateOnly AsOf, int? TheoryVersion, PackageAim? Aim, IReadOnlyList<PackageIdea> ChangeIdeas,
    IReadOnlyList<PackageMeasure> Measures);

/// <summary>The choices the improvement forms offer, with their labels in the domain's words.</summary>
public static class ImprovementChoices
{
    public static readonly (string Value, string Label)[] IdeaStatuses =
        [("Idea", "Idea"), ("Testing", "Testing"), ("Adopted", "Adopted"), ("Adapted", "Adapted"), ("Abandoned", "Abandoned"), ("Spreading", "Spreading")];

    public static readonly (string Value, string Label)[] CycleStatuses = [("Plan", "Plan"), ("Do", "Do"), ("Study", "Study"), ("Done", "Done")];

    public static readonly (string Value, string Label)[] Decisions =
        [("Adopt", "Adopt"), ("Adapt", "Adapt"), ("Abandon", "Abandon"), ("TestAgain", "Test again")];

    public static readonly (string Value, string Label)[] Matches = [("Yes", "Yes"), ("Partly", "Partly"), ("No", "No")];

    public static readonly (string Value, string Label)[] MeasureKinds = [("Outcome", "Outcome"), ("Process", "Process"), ("Balancing", "Balancing")];

    public static readonly (string Value, string Label)[] Charts =
        [("Run", "Run chart (median)"), ("I", "I chart (individuals)"), ("P", "P chart (proportions)"), ("U", "U chart (rates)"), ("C", "C chart (counts)")];

    public static readonly (string Value, string Label)[] Directions = [("Up", "Up is better"), ("Down", "Down is better")];

    public static string Label((string Value, string Label)[] choices, string? value) =>
        choices.FirstOrDefault(c => c.Value == value).Label ?? value ?? "";

    /// <summary>A signal in words, as a coach would say it.</summary>
    public static string SignalInWords(MeasureSignal? signal)
    {
        if (signal is null) return "No signal: only random variation so far.";
        var what = signal.Kind switch
        {
            "OutsideLimits" => $"A point outside the control limits ({Month(signal.FirstPeriod)})",
            "Runs" => $"A non-random run ({Month(signal.FirstPeriod)} to {Month(signal.LastPeriod)})",
            "Shift" => $"A shift of six or more points ({Month(signal.FirstPeriod)} to {Month(signal.LastPeriod)})",
            "Trend" => $"A trend of five or more points ({Month(signal.FirstPeriod)} to {Month(signal.LastPeriod)})",
            _ => $"A signal ({Month(signal.FirstPeriod)} to {Month(signal.LastPeriod)})",
        };
        return what + signal.InDirectionOfImprovement switch
        {
            true => ", in the direction of improvement.",
            false => ", not in the direction of improvement.",
            null => ".",
        };
    }

    public static string Month(DateOnly period) => period.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
