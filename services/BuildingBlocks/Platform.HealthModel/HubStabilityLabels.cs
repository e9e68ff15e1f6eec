namespace Platform.HealthModel;

/// <summary>
/// The hub-stability classes (domain.md section 2) as they travel between services (Networks' enum names) and as every
/// page and report writes them: the portal's forms and tables and Reporting's feedback report.
/// </summary>
public static class HubStabilityLabels
{
    public static readonly IReadOnlyList<(string Value, string Label)> Classes =
        [("Stable", "Stable"), ("EarlyTurnoverThenStable", "Early turnover, then stable"), ("SomeTurnover", "Some turnover"), ("HighTurnover", "High turnover")];

    /// <summary>A class's label; a value this list does not know is shown as it came.</summary>
    public static string Label(string value) => Classes.FirstOrDefault(c => c.Value == value).Label ?? value;
}
