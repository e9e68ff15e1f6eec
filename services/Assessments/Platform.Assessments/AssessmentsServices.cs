using Platform.Data;
using Platform.Messaging;
using Platform.ServiceDefaults;

namespace Platform.Assessments;

public static class AssessmentsServices
{
    /// <summary>The service's plumbing; its domain endpoints arrive with their own issue.</summary>
    public static WebApplicationBuilder AddAssessmentsServices(this WebApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.AddServiceOpenApi();
        builder.AddServiceDatabase();
        builder.AddMessaging("assessments");
        return builder;
    }
}
