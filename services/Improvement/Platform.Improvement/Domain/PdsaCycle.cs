namespace Platform.Improvement.Domain;

public enum CycleStatus { Plan, Do, Study, Done }

public enum CycleDecision { Adopt, Adapt, Abandon, TestAgain }

public enum PredictionMatch { Yes, Partly, No }

public sealed record CycleQuestion(string? Question = null, string? Prediction = null);

public sealed record CyclePlan(string? Who = null, string? Where = null, string? When = null, string? DataToCollect = null);

public sealed record Observation(DateOnly On, string Text, DateTimeOffset RecordedAt);

public sealed record Finding(int QuestionIndex, string WhatHappened, PredictionMatch MatchedPrediction);

/// <summary>A PDSA cycle: one test of a change by one improvement team.</summary>
public sealed record PdsaCycle(
    Guid Id,
    Guid NetworkId,
    Guid TeamId,
    Guid? ChangeIdeaId,
    Guid? BuildsOnCycleId,
    string Title,
    string Objective,
    IReadOnlyList<CycleQuestion> Questions,
    CyclePlan Plan,
    IReadOnlyList<Observation> Observations,
    IReadOnlyList<Finding>? Findings,
    CycleStatus Status,
    CycleDecision? Decision,
    string? NextStep,
    DateTimeOffset CreatedAt,
    DateOnly? StartedOn,
    DateOnly? CompletedOn)
{
    public bool HadPredictions => Questions.Count > 0 && Questions.All(q => !string.IsNullOrWhiteSpace(q.Prediction));
}

/// <summary>Why a step is refused: out of order (409) or bad input (400, naming the field).</summary>
public sealed record CycleRefusal(bool OutOfOrder, string Field, string Message)
{
    public static CycleRefusal Conflict(string message) => new(true, "status", message);
    public static CycleRefusal Invalid(string field, string message) => new(false, field, message);
}

/// <summary>
/// The cycle's state machine, Plan -> Do -> Study -> Done, one step at a time. A Done cycle is a record: nothing of it
/// changes again (comments are kept beside it). Each rule returns the refusal, or null when the step may be taken.
/// </summary>
public static class PdsaRules
{
    public const int MaxQuestions = 20, MaxQuestion = 500, MaxPrediction = 1000, MaxPlanField = 1000, MaxObservations = 200,
        MaxObservation = 2000, MaxWhatHappened = 2000, MaxNextStep = 2000, MaxTitle = 200, MaxObjective = 2000;

    public static CycleRefusal? EditPlan(PdsaCycle cycle) =>
        cycle.Status == CycleStatus.Plan ? null : CycleRefusal.Conflict($"The plan can be edited only while the cycle is in Plan; it is in {cycle.Status}.");

    /// <summary>
    /// Plan -> Do on <paramref name="on"/> (today, or an earlier day when the team records the cycle afterwards): every
    /// question needs its prediction first (cycles without predictions teach little).
    /// </summary>
    public static CycleRefusal? Start(PdsaCycle cycle, DateOnly on, DateOnly today)
    {
        if (cycle.Status != CycleStatus.Plan) return CycleRefusal.Conflict($"Only a cycle in Plan can start; this one is in {cycle.Status}.");
        if (on > today) return CycleRefusal.Invalid("on", "A cycle starts today or on an earlier day, not in the future.");
        if (cycle.Questions.Count == 0) return CycleRefusal.Invalid("questions", "A cycle needs at least one question before it starts.");
        for (var i = 0; i < cycle.Questions.Count; i++)
            if (string.IsNullOrWhiteSpace(cycle.Questions[i].Prediction))
                return CycleRefusal.Invalid($"questions[{i}].prediction", "Every question needs a prediction before the cycle starts.");
        return null;
    }

    public static CycleRefusal? Observe(PdsaCycle cycle, DateOnly on, DateOnly today)
    {
        if (cycle.Status != CycleStatus.Do) return CycleRefusal.Conflict($"Observations are recorded while the cycle is in Do; it is in {cycle.Status}.");
        if (cycle.Observations.Count >= MaxObservations) return CycleRefusal.Invalid("observations", $"A cycle keeps at most {MaxObservations} observations.");
        if (on > today || (cycle.StartedOn is { } started && on < started))
            return CycleRefusal.Invalid("on", "An observation is dated between the cycle's start and today.");
        return null;
    }

    /// <summary>Do -> Study: one finding for each question, what happened against its prediction.</summary>
    public static CycleRefusal? Study(PdsaCycle cycle, IReadOnlyList<Finding> findings)
    {
        if (cycle.Status != CycleStatus.Do) return CycleRefusal.Conflict($"Only a cycle in Do can be studied; this one is in {cycle.Status}.");
        for (var i = 0; i < findings.Count; i++)
        {
            if (findings[i].QuestionIndex < 0 || findings[i].QuestionIndex >= cycle.Questions.Count)
                return CycleRefusal.Invalid($"findings[{i}].questionIndex", $"The cycle has questions 0 to {cycle.Questions.Count - 1}.");
            if (string.IsNullOrWhiteSpace(findings[i].WhatHappened) || findings[i].WhatHappened.Length > MaxWhatHappened)
                return CycleRefusal.Invalid($"findings[{i}].whatHappened", $"What happened is 1 to {MaxWhatHappened} characters.");
        }
        var missing = Enumerable.Range(0, cycle.Questions.Count).Except(findings.Select(f => f.QuestionIndex)).ToList();
        if (missing.Count > 0) return CycleRefusal.Invalid("findings", $"Every question needs a finding; missing: {string.Join(", ", missing)}.");
        if (findings.Select(f => f.QuestionIndex).Distinct().Count() != findings.Count) return CycleRefusal.Invalid("findings", "One finding per question.");
        return null;
    }

    /// <summary>Study -> Done on <paramref name="on"/>: the decision and the next step.</summary>
    public static CycleRefusal? Act(PdsaCycle cycle, string? nextStep, DateOnly on, DateOnly today)
    {
        if (cycle.Status != CycleStatus.Study) return CycleRefusal.Conflict($"Only a studied cycle can be acted on; this one is in {cycle.Status}.");
        if (on > today || (cycle.StartedOn is { } started && on < started))
            return CycleRefusal.Invalid("on", "A cycle is finished between the day it started and today.");
        if (nextStep is { Length: > MaxNextStep }) return CycleRefusal.Invalid("nextStep", $"The next step has at most {MaxNextStep} characters.");
        return null;
    }

    /// <summary>Checks a plan's questions and fields (creating, or editing in Plan); predictions may still be missing.</summary>
    public static Dictionary<string, string[]> PlanProblems(string? title, string? objective, IReadOnlyList<CycleQuestion>? questions, CyclePlan? plan)
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxTitle) problems["title"] = [$"A title is 1 to {MaxTitle} characters."];
        if (string.IsNullOrWhiteSpace(objective) || objective.Trim().Length > MaxObjective) problems["objective"] = [$"An objective is 1 to {MaxObjective} characters."];
        if (questions is null || questions.Count is 0 or > MaxQuestions) problems["questions"] = [$"A cycle asks 1 to {MaxQuestions} questions."];
        for (var i = 0; i < (questions?.Count ?? 0); i++)
        {
            var q = questions![i];
            if (q is null) { problems[$"questions[{i}]"] = ["A question cannot be null."]; continue; }
            if (string.IsNullOrWhiteSpace(q.Question) || q.Question.Length > MaxQuestion) problems[$"questions[{i}].question"] = [$"A question is 1 to {MaxQuestion} characters."];
            if (q.Prediction is { Length: > MaxPrediction }) problems[$"questions[{i}].prediction"] = [$"A prediction has at most {MaxPrediction} characters."];
        }
        if (plan is null) problems["plan"] = ["The plan (who, where, when, data to collect) is required; its fields may be empty."];
        else
            foreach (var (name, value) in new[] { ("who", plan.Who), ("where", plan.Where), ("when", plan.When), ("dataToCollect", plan.DataToCollect) })
                if (value is { Length: > MaxPlanField }) problems[$"plan.{name}"] = [$"At most {MaxPlanField} characters."];
        return problems;
    }

    /// <summary>The ramp: the cycles a cycle builds on (oldest first) and those built on it, from every cycle's link.</summary>
    public static (IReadOnlyList<Guid> BuildsOn, IReadOnlyList<Guid> BuiltOnIt) Ramp(Guid cycleId, IReadOnlyDictionary<Guid, Guid?> buildsOn)
    {
        var before = new List<Guid>();
        var seen = new HashSet<Guid> { cycleId };
        for (var at = buildsOn.GetValueOrDefault(cycleId); at is { } id && seen.Add(id); at = buildsOn.GetValueOrDefault(id)) before.Insert(0, id);
        var after = new List<Guid>();
        var frontier = new Queue<Guid>([cycleId]);
        while (frontier.TryDequeue(out var current))
            foreach (var (child, parent) in buildsOn)
                if (parent == current && seen.Add(child)) { after.Add(child); frontier.Enqueue(child); }
        return (before, after);
    }
}
