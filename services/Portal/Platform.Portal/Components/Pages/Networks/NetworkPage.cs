using Microsoft.AspNetCore.Components;
using Platform.Portal.Api;
using Platform.Portal.Api.Models;

namespace Platform.Portal.Components.Pages.Networks;

/// <summary>
/// What the pages of one network share: its id from the address, its details (for the heading; a network the API does not
/// show this user becomes the not-found page), its teams for selects, and the end of every write.
/// </summary>
public abstract class NetworkPage : PortalPage
{
    [Parameter] public Guid NetworkId { get; set; }

    protected NetworkDetails? Network { get; private set; }

    /// <summary>The network in the API: "api/networks/{id}".</summary>
    protected string ApiPath => $"api/networks/{NetworkId}";

    protected async Task<bool> LoadNetworkAsync() => (Network = await LoadAsync<NetworkDetails>(ApiPath)) is not null;

    /// <summary>The network's improvement teams as select choices ("Team (School)"), by name; null after a refusal.</summary>
    protected async Task<(string Value, string Label)[]?> LoadTeamChoicesAsync()
    {
        var teams = await LoadAsync<IReadOnlyList<ImprovementTeam>>($"{ApiPath}/teams");
        var organizations = teams is null ? null : await LoadAsync<IReadOnlyList<MemberOrganization>>($"{ApiPath}/organizations");
        if (teams is null || organizations is null) return null;
        var schools = organizations.ToDictionary(o => o.Id, o => o.Name);
        return [.. teams.Select(t => (t.Id.ToString(), $"{t.Name} ({schools.GetValueOrDefault(t.OrganizationId, "unknown school")})")).OrderBy(t => t.Item2)];
    }

    /// <summary>
    /// Ends a write: on success back to the network's <paramref name="section"/> (e.g. "/members?year=2025") with the message;
    /// otherwise the problem to show beside the form (null when it became the not-found, forbidden or sign-in page).
    /// </summary>
    protected ApiProblem? Settle<T>(ApiResult<T> result, string section, Func<T?, string> message)
    {
        if (result.Ok)
        {
            Done($"/networks/{NetworkId}{section}", message(result.Value));
            return null;
        }
        return Refuse(result.Problem!) ? null : result.Problem;
    }

    protected ApiProblem? Settle<T>(ApiResult<T> result, string section, string message) => Settle(result, section, _ => message);

    protected static string Day(DateOnly? date) => date?.ToString("d MMM yyyy") ?? "—";

    /// <summary>A date as a form sent it (yyyy-MM-dd), for a message.</summary>
    protected static string Day(string? formDate) => DateOnly.TryParse(formDate, out var date) ? Day(date) : formDate ?? "";

    protected static Guid? OptionalId(string? value) => Guid.TryParse(value, out var id) ? id : null;
}
