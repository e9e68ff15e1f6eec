using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Gateway;

/// <summary>The gateway is ready when every service behind it answers its own /health/ready.</summary>
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
            : HealthCheckResult.Unhealthy("Some services are not ready", data: data);
    }
}
