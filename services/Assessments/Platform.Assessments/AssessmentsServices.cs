using Platform.Assessments.Application;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Assessments.Apis;
using Platform.Assessments.Data;
using Platform.Assessments.IntegrationEvents;
using Platform.Data;
using Platform.Messaging;
using Platform.Messaging.ReadModels;
using Platform.ServiceDefaults;

namespace Platform.Assessments;

public static class AssessmentsServices
{
    public static WebApplicationBuilder AddAssessmentsServices(this WebApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.AddServiceOpenApi();
        builder.Services.AddValidation();
        builder.AddServiceDatabase();
        builder.AddMessaging("assessments", x =>
        {
            x.AddConsumer<NetworkRegisteredConsumer>();
            x.AddConsumer<TenantFactsRequestedConsumer>();
            x.AddConsumer<NetworkUpdatedConsumer>();
            x.AddConsumer<HubStaffAssignedConsumer>();
            x.AddConsumer<HubStaffDepartedConsumer>();
        });
        builder.AddPeopleDirectory("assessments");
        builder.Services.AddSingleton<AssessmentStore>();
        builder.Services.AddSingleton<NetworkFactsStore>();
        builder.Services.AddSingleton<HubStaffSeatsStore>();
        builder.Services.AddSingleton<RubricCatalog>();
        return builder;
    }

    public static WebApplication MapAssessmentsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/assessments");
        api.MapRubricsApi();
        api.MapSessionsApi();
        api.MapSelfAssessmentApi();
        return app;
    }
}
