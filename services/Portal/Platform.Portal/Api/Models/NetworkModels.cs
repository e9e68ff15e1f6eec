namespace Platform.Portal.Api.Models;

// The parts of the Networks API's answers that the portal shows (enumerations travel as strings).

public sealed record NetworkSummary(Guid Id, string Name, string Aim, string GoalType, DateOnly LaunchDate, string Phase, string Status);

public sealed record NetworkDetails(
    Guid Id, string Name, string Aim, string GoalType, DateOnly LaunchDate, string Phase, string Status,
    int YearStartMonth, int YearStartDay, string DistrictScope, string? HubHostType, IReadOnlyList<string> FocusAreas, bool BenchmarkingConsent);

/// <summary>The values the API accepts for a network's enumerations, as its docs list them.</summary>
public static class NetworkChoices
{
    public static readonly (string Value, string Label)[] GoalTypes =
        [("EarlyWarning", "Early warning"), ("PostSecondaryMatch", "Post-secondary match"), ("Instructional", "Instructional"), ("Other", "Other")];
    public static readonly (string Value, string Label)[] Phases =
        [("Initiate", "Initiate"), ("Develop", "Develop"), ("SustainSpreadScale", "Sustain, spread and scale")];
    public static readonly string[] Statuses = ["Active", "Closed"];

    public static string Label(this (string Value, string Label)[] choices, string value) =>
        choices.FirstOrDefault(c => c.Value == value).Label ?? value;
}
