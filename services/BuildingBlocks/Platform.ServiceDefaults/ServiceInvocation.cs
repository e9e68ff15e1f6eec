using Dapr.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults;

/// <summary>
/// How one service reaches another. On Kubernetes with Dapr sidecars (<c>Dapr:Enabled=true</c>) a call to
/// <c>http://{appId}/path</c> goes through Dapr's service invocation (mTLS, retries, tracing by the sidecar);
/// everywhere else it goes straight to the URL configured under <c>urlKey</c>. Nothing requires a sidecar locally.
/// </summary>
public static class ServiceInvocation
{
    public static bool DaprEnabled(this IConfiguration configuration) => configuration.GetValue("Dapr:Enabled", false);

    /// <summary>A typed client for the service with Dapr app id <paramref name="appId"/>.</summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this WebApplicationBuilder builder, string appId, string urlKey)
        where TClient : class =>
        builder.Services.AddHttpClient<TClient>().RouteTo(builder.Configuration, appId, urlKey);

    /// <summary>A named client for the service with Dapr app id <paramref name="appId"/>.</summary>
    public static IHttpClientBuilder AddServiceClient(this WebApplicationBuilder builder, string name, string appId, string urlKey) =>
        builder.Services.AddHttpClient(name).RouteTo(builder.Configuration, appId, urlKey);

    private static IHttpClientBuilder RouteTo(this IHttpClientBuilder client, IConfiguration configuration, string appId, string urlKey)
    {
        if (!configuration.DaprEnabled())
        {
            var url = configuration[urlKey] ?? throw new InvalidOperationException($"{urlKey} is not configured");
            return client.ConfigureHttpClient(c => c.BaseAddress = new Uri(url));
        }
        // The invocation handler rewrites http://{appId}/path to the sidecar's /v1.0/invoke/{appId}/method/path.
        // Its endpoint defaults to DAPR_HTTP_ENDPOINT / DAPR_HTTP_PORT, which the sidecar injector sets.
        var sidecar = configuration["Dapr:HttpEndpoint"];
        return client.ConfigureHttpClient(c => c.BaseAddress = new Uri($"http://{appId}"))
            .AddHttpMessageHandler(() => sidecar is null ? new InvocationHandler() : new InvocationHandler { DaprEndpoint = sidecar });
    }
}
