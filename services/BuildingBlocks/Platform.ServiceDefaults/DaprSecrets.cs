using Dapr.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Platform.ServiceDefaults;

/// <summary>
/// With <c>Dapr:Enabled=true</c>, the service's secrets (connection strings, client secrets, link keys) come from the
/// Dapr secret store instead of plain configuration: one secret (<c>Dapr:SecretName</c>, default <c>platform-secrets</c>)
/// in the store <c>Dapr:SecretStore</c> (default <c>platform-secrets</c>), its keys written the way environment
/// variables are (<c>ConnectionStrings__Networks</c>), because Kubernetes secret keys cannot contain ':'.
/// </summary>
/// <remarks>Hand-written: Dapr.Extensions.Configuration is not in the package registry this project can reach.</remarks>
public static class DaprSecrets
{
    public const string DefaultStore = "platform-secrets";

    public static WebApplicationBuilder AddDaprSecrets(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.DaprEnabled()) return builder;
        var store = builder.Configuration["Dapr:SecretStore"] ?? DefaultStore;
        var name = builder.Configuration["Dapr:SecretName"] ?? DefaultStore;
        using var dapr = new DaprClientBuilder().Build();
        using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // Configuration is read once, before the host starts: there is no async path here, and the sidecar must be up first.
        dapr.WaitForSidecarAsync(startup.Token).GetAwaiter().GetResult();
        var secrets = dapr.GetSecretAsync(store, name, cancellationToken: startup.Token).GetAwaiter().GetResult();
        builder.Configuration.AddInMemoryCollection(ToConfiguration(secrets));
        return builder;
    }

    /// <summary><c>ConnectionStrings__Networks</c> becomes <c>ConnectionStrings:Networks</c>, as for environment variables.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ToConfiguration(IReadOnlyDictionary<string, string> secrets) =>
        secrets.Select(s => new KeyValuePair<string, string?>(s.Key.Replace("__", ConfigurationPath.KeyDelimiter), s.Value));
}
