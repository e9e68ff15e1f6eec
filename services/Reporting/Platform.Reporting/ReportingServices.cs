using Platform.Reporting.Application;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MassTransit;
using Platform.Data;
using Platform.Messaging;
using Platform.Reporting.Apis;
using Platform.Reporting.Data;
using Platform.Reporting.IntegrationEvents;
using Platform.ServiceDefaults;

namespace Platform.Reporting;

public static class ReportingServices
{
    public static WebApplicationBuilder AddReportingServices(this WebApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.AddServiceOpenApi();
        builder.AddServiceDatabase();
        builder.AddMessaging("reporting", x =>
        {
            x.AddConsumer<TenantCreatedConsumer>();
            x.AddConsumer<SurveyResponsesConsumer>(c => c.Options<BatchOptions>(o => o
                    .SetMessageLimit(SurveyResponsesConsumer.BatchSize).SetTimeLimit(TimeSpan.FromMilliseconds(50)).SetConcurrencyLimit(2)))
                .Endpoint(e => e.PrefetchCount = SurveyResponsesConsumer.BatchSize * 4); // a batch fills only from prefetched messages: keep the next ones ready
            x.AddConsumer<SurveyResponsePacksConsumer>(c => c.Options<BatchOptions>(o => o
                    .SetMessageLimit(SurveyResponsePacksConsumer.BatchSize).SetTimeLimit(TimeSpan.FromMilliseconds(20)).SetConcurrencyLimit(2)))
                .Endpoint(e => e.PrefetchCount = SurveyResponsePacksConsumer.BatchSize * 4);
            x.AddConsumer<SurveyWaveClosedConsumer>();
            x.AddConsumer<RubricSessionClosedConsumer>();
            x.AddConsumer<NetworkRegisteredConsumer>();
            x.AddConsumer<NetworkUpdatedConsumer>();
            x.AddConsumer<NetworkYearStabilityComputedConsumer>();
            x.AddConsumer<HubStaffAssignedConsumer>();
            x.AddConsumer<HubStaffDepartedConsumer>();
            x.AddConsumer<NetworkSharedWithFunderConsumer>();
            x.AddConsumer<NetworkShareRevokedConsumer>();
            x.AddConsumer<ImprovementTeamFormedConsumer>();
            x.AddConsumer<CycleStartedConsumer>();
            x.AddConsumer<CycleCompletedConsumer>();
            x.AddConsumer<TheoryOfImprovementRevisedConsumer>();
            x.AddConsumer<MeasureSignalDetectedConsumer>();
            x.AddConsumer<MeasureDataRecordedConsumer>();
            x.AddConsumer<CoachingTouchpointLoggedConsumer>();
            x.AddConsumer<CycleReviewHeldConsumer>();
            x.AddConsumer<ImprovementParticipationConsumer>();
            x.AddConsumer<ChangeIdeaStatusChangedConsumer>();
        });
        builder.Services.AddSingleton<ReportingStore>();
        builder.Services.AddSingleton<SurveyResultsStore>();
        builder.Services.AddSingleton<SurveyResponseIngestion>();
        builder.Services.AddSingleton<LeadershipStore>();
        builder.Services.AddSingleton<ImprovementStore>();
        builder.Services.AddSingleton<WarningFactsStore>();
        builder.Services.AddSingleton<ReadModelChanges>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReadModelChanges>());
        builder.Services.AddSingleton<PortfolioCache>();
        builder.Services.AddSingleton<RebuildRequestStore>();
        builder.Services.AddSingleton<ReportingRebuild>();
        builder.Services.AddSingleton<NetworkReportQueries>();
        builder.Services.AddSingleton<PortfolioQueries>();
        builder.Services.AddSingleton<SurveyConsistencyCheck>();
        builder.AddServiceTokens("reporting");
        builder.AddServiceClient<SurveysClient>("surveys", "Services:Surveys");
        builder.Services.AddHostedService<RebuildOnEmptyDatabase>();
        builder.Services.AddRazorComponents(); // renders the feedback report page (static HTML, no interactivity)
        return builder;
    }
}
