using System.Net.Http.Headers;
using Platform.Contracts.Surveys;
using Platform.ServiceDefaults;

namespace Platform.Reporting.Application;

/// <summary>Reporting's calls into Surveys' service API, as the <c>reporting-service</c> client (client credentials).</summary>
public sealed class SurveysClient(HttpClient http, ServiceTokens tokens)
{
    public async Task<IReadOnlyList<WaveReleasedCount>> ReleasedCountsAsync(Guid tenantId, DateTimeOffset before, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, WaveReleasedCount.Path(tenantId, before));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.ForScopeAsync("surveys", ct));
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<WaveReleasedCount>>(ct) ?? [];
    }
}
