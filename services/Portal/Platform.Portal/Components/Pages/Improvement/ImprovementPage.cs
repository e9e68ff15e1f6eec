using Microsoft.AspNetCore.Components;
using Platform.Portal.Api;
using Platform.Portal.Components.Pages.Networks;
using Platform.ServiceDefaults;

namespace Platform.Portal.Components.Pages.Improvement;

/// <summary>
/// What the improvement pages share: the network's improvement API, inline SVG from it (the diagram, the charts), who is
/// looking (hub team or member, for navigation only: the API decides access), and the API's problems by field.
/// </summary>
public abstract class ImprovementPage : NetworkPage
{
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = null!;

    /// <summary>The network in the Improvement API: "api/improvement/networks/{id}".</summary>
    protected string ImprovementPath => $"api/improvement/networks/{NetworkId}";

    /// <summary>The network's address in the portal, for links.</summary>
    protected string NetworkHref => $"/networks/{NetworkId}";

    /// <summary>Hub admins and hub staff see the hub's navigation; members see a way back to their team.</summary>
    protected bool IsHubTeam => HttpContext.User.IsInRole(Roles.HubAdmin) || HttpContext.User.IsInRole(Roles.HubStaff);

    /// <summary>An SVG the API draws (Accept: image/svg+xml), to inline; null after a refusal (its page is shown) or when <paramref name="quiet"/> and missing.</summary>
    protected async Task<string?> LoadSvgAsync(string path, bool quiet = false)
    {
        using var response = await Api.GetRawAsync(path, "image/svg+xml");
        if (response.IsSuccessStatusCode) return await response.Content.ReadAsStringAsync();
        var problem = await ApiProblem.ReadAsync(response, default);
        if (!(quiet && problem.Status == 404)) Refuse(problem);
        return null;
    }

    /// <summary>The API's messages for one field (its name as the API writes it, e.g. "questions[0].prediction"), for beside the field.</summary>
    public static IReadOnlyList<string> FieldMessages(ApiProblem? problem, string field)
    {
        if (problem is null || problem.Errors.ValueKind != System.Text.Json.JsonValueKind.Object) return [];
        return [.. problem.Errors.EnumerateObject().Where(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Value.ValueKind == System.Text.Json.JsonValueKind.Array ? e.Value.EnumerateArray().Select(m => m.ToString()) : [e.Value.ToString()])];
    }

    protected static string When(DateTimeOffset at) => at.ToString("d MMM yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    protected static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
