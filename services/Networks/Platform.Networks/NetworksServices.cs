using Platform.Data;
using Platform.Messaging;
using Platform.Networks.Data;
using Platform.ServiceDefaults;

namespace Platform.Networks;

public static class NetworksServices
{
    public static WebApplicationBuilder AddNetworksServices(this WebApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.AddServiceOpenApi();
        builder.Services.AddValidation();
        builder.AddServiceDatabase();
        builder.AddMessaging("networks");
        builder.Services.AddSingleton<NetworkStore>();
        return builder;
    }
}
