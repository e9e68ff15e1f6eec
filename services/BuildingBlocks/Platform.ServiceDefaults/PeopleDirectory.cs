using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults;

public sealed record PersonContact(Guid PersonId, string Email, string GivenName, string? FamilyName = null, string? PreferredLanguage = null)
{
    /// <summary>
    /// Whether the signed-in caller is this person: the email on their access token (Identity always puts it there) is
    /// this address, ignoring case. How a service that knows people only by id recognises a member or a hub-staff seat holder.
    /// </summary>
    public bool IsCaller(ClaimsPrincipal user) =>
        user.FindFirstValue("email") is { Length: > 0 } email && string.Equals(Email, email, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Where to reach people that a service knows only by id from the Networks events (which never carry addresses): asks
/// the Networks API as this service's client (never its database). Only the services Networks allows may ask.
/// </summary>
public sealed class PeopleDirectory(HttpClient http, ServiceTokens tokens)
{
    /// <summary>Asked in chunks: the Networks endpoint takes a bounded number of ids per request.</summary>
    private const int ChunkSize = 5_000;

    public async Task<IReadOnlyList<PersonContact>> ContactsAsync(Guid tenantId, IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        var contacts = new List<PersonContact>(personIds.Count);
        foreach (var chunk in personIds.Chunk(ChunkSize))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/service/tenants/{tenantId}/contacts")
            {
                Content = JsonContent.Create(new { personIds = chunk }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.ForScopeAsync("networks", ct));
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            contacts.AddRange(await response.Content.ReadFromJsonAsync<List<PersonContact>>(ct) ?? []);
        }
        return contacts;
    }
}

public static class PeopleDirectoryExtensions
{
    /// <summary>The Networks API (Dapr app id <c>networks</c>, else <c>Services:Networks</c>), called as <c>{service}-service</c>.</summary>
    public static WebApplicationBuilder AddPeopleDirectory(this WebApplicationBuilder builder, string service)
    {
        builder.AddServiceTokens(service);
        builder.AddServiceClient<PeopleDirectory>("networks", "Services:Networks");
        return builder;
    }
}
