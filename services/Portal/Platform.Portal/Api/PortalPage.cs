using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Platform.Portal.Api;

/// <summary>
/// What every signed-in page shares: it reads through <see cref="GatewayApi"/>, and the API's refusals become the portal's
/// pages (404 → not found, 403 → forbidden, 401 → sign in again), so a page never decides access itself.
/// </summary>
public abstract class PortalPage : ComponentBase
{
    [Inject] protected GatewayApi Api { get; set; } = null!;
    [Inject] protected NavigationManager Navigation { get; set; } = null!;

    /// <summary>What the API says, or null after sending the user to the page that explains a refusal.</summary>
    protected async Task<T?> LoadAsync<T>(string path)
    {
        var result = await Api.GetAsync<T>(path);
        if (result.Ok) return result.Value;
        Refuse(result.Problem!);
        return default;
    }

    /// <summary>Turns a refusal into its page; other problems stay with the caller, to show beside the form.</summary>
    protected bool Refuse(ApiProblem problem)
    {
        switch (problem.Status)
        {
            case 404:
                Navigation.NotFound();
                return true;
            case 403:
                Navigation.NavigateTo("/forbidden");
                return true;
            case 401:
                Navigation.NavigateTo("/account/login?returnUrl=" + Uri.EscapeDataString(Navigation.ToBaseRelativePath(Navigation.Uri).Insert(0, "/")), forceLoad: true);
                return true;
            case >= 500:
                throw new InvalidOperationException($"The platform answered {problem.Status}: {problem.Title}");
            default:
                return false;
        }
    }

    /// <summary>After a successful write: back to a page by GET, so a reload never repeats the write.</summary>
    protected void Done(string path, string message)
    {
        // A message left by an earlier write is replaced, never repeated.
        var at = path.IndexOf('?');
        var query = (at < 0 ? [] : QueryHelpers.ParseQuery(path[at..]))
            .Where(q => q.Key != "done").Append(new KeyValuePair<string, StringValues>("done", message));
        Navigation.NavigateTo(QueryHelpers.AddQueryString(at < 0 ? path : path[..at], query));
    }
}
