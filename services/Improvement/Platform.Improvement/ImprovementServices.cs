using Platform.Data;
using Platform.Improvement.Apis;
using Platform.Improvement.Application;
using Platform.Improvement.Data;
using Platform.Improvement.IntegrationEvents;
using Platform.Messaging;
using Platform.Messaging.ReadModels;
using Platform.ServiceDefaults;

namespace Platform.Improvement;

public static class ImprovementServices
{
    public static WebApplicationBuilder AddImprovementServices(this WebApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        // Everyone who does the work in a hub tenant; funders get 403 everywhere here (their view comes through Reporting).
        builder.Services.AddAuthorizationBuilder().AddPolicy(Access.Policy,
            p => p.RequireRole(Roles.HubAdmin, Roles.HubStaff, Roles.Member).RequireClaim(PlatformClaims.TenantId));
        builder.AddServiceOpenApi();
        builder.Services.AddValidation();
        builder.AddServiceDatabase();
        builder.AddMessaging("improvement", x =>
        {
            x.AddConsumer<NetworkRegisteredConsumer>();
            x.AddConsumer<NetworkUpdatedConsumer>();
            x.AddConsumer<ImprovementTeamFormedConsumer>();
            x.AddConsumer<MembersJoinedConsumer>();
            x.AddConsumer<MembersLeftConsumer>();
            x.AddConsumer<MemberJoinedConsumer>();
            x.AddConsumer<MemberLeftConsumer>();
            x.AddConsumer<HubStaffAssignedConsumer>();
            x.AddConsumer<HubStaffDepartedConsumer>();
            x.AddConsumer<TenantFactsRequestedConsumer>();
        });
        builder.AddPeopleDirectory("improvement");
        builder.Services.AddSingleton<NetworkFactsStore>();
        builder.Services.AddSingleton<HubStaffSeatsStore>();
        builder.Services.AddSingleton<RosterStore>();
        builder.Services.AddSingleton<TheoryStore>();
        builder.Services.AddSingleton<ChangeIdeaStore>();
        builder.Services.AddSingleton<CycleStore>();
        builder.Services.AddSingleton<MeasureStore>();
        builder.Services.AddSingleton<ParticipationStore>();
        builder.Services.AddSingleton<CycleReviewStore>();
        builder.Services.AddSingleton<CoachingStore>();
        builder.Services.AddSingleton<ChangePackages>();
        builder.Services.AddRazorComponents(); // renders the change package page (static HTML, no interactivity)
        builder.Services.AddSingleton<AttentionQueries>();
        builder.Services.AddHostedService<ParticipationJob>();
        builder.Services.AddTransient<Callers>(); // holds the people directory's typed HttpClient
        return builder;
    }

    public static WebApplication MapImprovementApi(this WebApplication app)
    {
        var networks = app.MapGroup("/api/improvement/networks/{networkId:guid}").RequireAuthorization(Access.Policy);
        networks.MapTheoryApi();
        networks.MapChangeIdeasApi();
        networks.MapCyclesApi();
        networks.MapMeasuresApi();
        networks.MapCycleReviewsApi();
        networks.MapCoachingApi();
        networks.MapChangePackageApi();
        app.MapGroup("/api/improvement/measures/{measureId:guid}").RequireAuthorization(Access.Policy).MapMeasureApi();
        app.MapMemberApi();
        app.MapAttentionApi();
        return app;
    }
}
