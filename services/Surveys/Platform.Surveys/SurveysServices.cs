using Platform.Surveys.Application;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts.Surveys;
using Platform.Data;
using Platform.Messaging;
using Platform.Messaging.ReadModels;
using Platform.ServiceDefaults;
using Platform.Surveys.Apis;
using Platform.Surveys.Data;
using Platform.Surveys.IntegrationEvents;

namespace Platform.Surveys;

public static class SurveysServices
{
    public static WebApplicationBuilder AddSurveysServices(this WebApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.Services.AddAuthorizationBuilder().AddPolicy(ServiceApi.ReportingServicePolicy,
            p => p.RequireRole("service").RequireClaim("sub", "reporting-service"));
        builder.AddServiceOpenApi();
        builder.Services.AddValidation();
        builder.AddServiceDatabase();
        // Responses come in bursts: they leave as one message per tenant and relay pass, not one each.
        builder.Services.AddOutboxPacking<SurveyResponseSubmitted, SurveyResponsesSubmitted>(SurveyResponsesSubmitted.Of);
        builder.AddMessaging("surveys", x =>
        {
            x.AddConsumer<NetworkRegisteredConsumer>();
            x.AddConsumer<TenantFactsRequestedConsumer>();
            x.AddConsumer<NetworkUpdatedConsumer>();
            x.AddConsumer<NetworkTimeZoneConsumer>();
            x.AddConsumer<ImprovementTeamFormedConsumer>();
            x.AddConsumer<MembersJoinedConsumer>();
            x.AddConsumer<MembersLeftConsumer>();
            x.AddConsumer<MemberJoinedConsumer>();
            x.AddConsumer<MemberLeftConsumer>();
            x.AddConsumer<HubStaffAssignedConsumer>();
            x.AddConsumer<HubStaffDepartedConsumer>();
        });
        builder.AddPeopleDirectory("surveys");
        // One store per aggregate or read model (Data/); singletons: they hold no connection, and two keep bounded caches.
        builder.Services.AddSingleton<InstrumentStore>();
        builder.Services.AddSingleton<WaveStore>();
        builder.Services.AddSingleton<InvitationStore>();
        builder.Services.AddSingleton<ResponseStore>();
        builder.Services.AddSingleton<RosterStore>();
        builder.Services.AddSingleton<ReminderStore>();
        builder.Services.AddSingleton<NetworkFactsStore>();
        builder.Services.AddSingleton<HubStaffSeatsStore>();
        builder.Services.AddSingleton<SurveyLinks>();
        builder.Services.AddSingleton<InstrumentLanguages>();
        builder.Services.AddSingleton<MailSender>();
        builder.Services.AddSingleton<SurveyMail>();
        builder.Services.AddSingleton<ResponseRelease>();
        builder.Services.AddHostedService<ResponseReleaseJob>();
        builder.Services.AddSingleton<WaveReminders>();
        builder.Services.AddHostedService<WaveReminderJob>();
        return builder;
    }

    public static WebApplication MapSurveysApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/surveys");
        api.MapInstrumentsApi();
        api.MapWavesApi();
        api.MapCommentsApi();
        api.MapReminderScheduleApi();
        api.MapRespondApi();
        app.MapServiceApi();
        return app;
    }
}
