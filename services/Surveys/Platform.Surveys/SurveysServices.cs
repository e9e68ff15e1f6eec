using Platform.Data;
using Platform.Messaging;
using Platform.ServiceDefaults;

namespace Platform.Surveys;

public static class SurveysServices
{
    /// <summary>The service's plumbing; its domain endpoints arrive with their own issue.</summary>
    public static WebApplicationBuilder AddSurveysServices(this WebApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.AddServiceOpenApi();
        builder.AddServiceDatabase();
        builder.AddMessaging("surveys");
        return builder;
    }
}
