using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Gateway;

/// <summary>
/// Asks every service behind the gateway for its own /health/ready. A service that is down makes the gateway Degraded,
/// never Unhealthy: the gateway stays ready (an orchestrator keeps it in rotation) and only that service's routes
/// answer 503, instead of one down service taking every route out of the Ingress.
/// </summary>
public sealed class DownstreamHealthCheck(IHttpClientFactory clients, IConfiguration config) : IHealthCheck
{
    public const string HttpClientName = "downstream-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var http = clients.CreateClient(HttpClientName);
        var clusters = config.GetSection("ReverseProxy:Clusters").GetChildren()
            .Select(c => (Name: c.Key, Address: c.GetSection("Destinations").GetChildren().Select(d => d["Address"]).FirstOrDefault()))
            .Where(c => c.Address is not null)
            .ToList();
        var results = await Task.WhenAll(clusters.Select(async c =>
        {
            try
            {
                using var response = await http.GetAsync(new Uri(new Uri(c.Address!), "/health/ready"), ct);
                return (c.Name, Status: response.IsSuccessStatusCode ? "Healthy" : $"Unhealthy ({(int)response.StatusCode})");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return (c.Name, Status: "Unreachable");
            }
        }));
        var data = results.ToDictionary(r => r.Name, r => (object)r.Status);
        return results.All(r => r.Status == "Healthy")
            ? HealthCheckResult.Healthy("All services ready", data)
            : HealthCheckResult.Degraded("Some services are not ready; their routes answer 503", data: data);
    }
}
