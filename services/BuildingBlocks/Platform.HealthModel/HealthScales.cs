namespace Platform.HealthModel;

public enum ScaleKind { Domain, Context, Outcome }

public sealed record HealthScale(string Key, string Title, ScaleKind Kind);

/// <summary>The nine scales of the network health survey (domain.md section 3), in the order reports show them.</summary>
public static class HealthScales
{
    public static readonly IReadOnlyList<HealthScale> All =
    [
        new("HUB_LEADERSHIP", "Hub leadership", ScaleKind.Domain),
        new("ROLES_ENGAGEMENT", "Clear roles and active engagement", ScaleKind.Domain),
        new("CI_PROCESSES", "Continuous-improvement processes", ScaleKind.Domain),
        new("WITHIN_TEAM", "Connections within teams", ScaleKind.Domain),
        new("ACROSS_TEAM", "Connections across teams", ScaleKind.Domain),
        new("NETWORK_CULTURE", "Network culture", ScaleKind.Domain),
        new("CONTEXT_ALIGNMENT", "Fit with school and district priorities", ScaleKind.Context),
        new("BENEFITS", "Capacity and commitment", ScaleKind.Outcome),
        new("AIM_PROGRESS", "Progress toward the aim", ScaleKind.Outcome),
    ];

    /// <summary>The six domains of a healthy network: the ones clustered and ranked for the weakest domain.</summary>
    public static readonly IReadOnlyList<string> Domains = All.Where(s => s.Kind == ScaleKind.Domain).Select(s => s.Key).ToList();

    public static string Title(string key) => All.FirstOrDefault(s => s.Key == key)?.Title ?? key;

    public static ScaleKind? KindOf(string key) => All.FirstOrDefault(s => s.Key == key)?.Kind;
}
