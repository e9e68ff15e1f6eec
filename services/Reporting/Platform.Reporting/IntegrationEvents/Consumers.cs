using MassTransit;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Assessments;
using Platform.Contracts.Identity;
using Platform.Contracts.Improvement;
using Platform.Contracts.Networks;
using Platform.Contracts.Surveys;
using Platform.Data;
using Platform.Messaging;
using Platform.Reporting.Data;

namespace Platform.Reporting.IntegrationEvents;

[InboxName("TenantCreatedConsumer")]
public sealed class TenantCreatedConsumer(Database db, ReportingStore store) : InboxConsumer<TenantCreated>(db)
{
    protected override Task HandleAsync(TenantCreated message, UnitOfWork uow, CancellationToken ct) =>
        store.UpsertTenantAsync(uow, message, ct);
}

[InboxName("NetworkRegisteredConsumer")]
public sealed class NetworkRegisteredConsumer(Database db, ReportingStore store) : InboxConsumer<NetworkRegistered>(db)
{
    protected override Task HandleAsync(NetworkRegistered message, UnitOfWork uow, CancellationToken ct) =>
        store.UpsertNetworkAsync(uow, message, ct);
}

[InboxName("NetworkUpdatedConsumer")]
public sealed class NetworkUpdatedConsumer(Database db, ReportingStore store) : InboxConsumer<NetworkUpdated>(db)
{
    protected override Task HandleAsync(NetworkUpdated message, UnitOfWork uow, CancellationToken ct) =>
        store.UpdateNetworkAsync(uow, message, ct);
}

[InboxName("NetworkYearStabilityComputedConsumer")]
public sealed class NetworkYearStabilityComputedConsumer(Database db, ReportingStore store) : InboxConsumer<NetworkYearStabilityComputed>(db)
{
    protected override Task HandleAsync(NetworkYearStabilityComputed message, UnitOfWork uow, CancellationToken ct) =>
        store.UpsertStabilityAsync(uow, message, ct);
}

[InboxName("HubStaffAssignedConsumer")]
public sealed class HubStaffAssignedConsumer(Database db, ReportingStore store) : InboxConsumer<HubStaffAssigned>(db)
{
    protected override Task HandleAsync(HubStaffAssigned message, UnitOfWork uow, CancellationToken ct) =>
        store.AssignSeatAsync(uow, message, ct);
}

[InboxName("HubStaffDepartedConsumer")]
public sealed class HubStaffDepartedConsumer(Database db, ReportingStore store) : InboxConsumer<HubStaffDeparted>(db)
{
    protected override Task HandleAsync(HubStaffDeparted message, UnitOfWork uow, CancellationToken ct) =>
        store.VacateSeatAsync(uow, message, ct);
}

[InboxName("NetworkSharedWithFunderConsumer")]
public sealed class NetworkSharedWithFunderConsumer(Database db, ReportingStore store) : InboxConsumer<NetworkSharedWithFunder>(db)
{
    protected override Task HandleAsync(NetworkSharedWithFunder message, UnitOfWork uow, CancellationToken ct) =>
        store.SetGrantAsync(uow, message.NetworkId, message.FunderTenantId, true, message.OccurredAt, ct);
}

[InboxName("NetworkShareRevokedConsumer")]
public sealed class NetworkShareRevokedConsumer(Database db, ReportingStore store) : InboxConsumer<NetworkShareRevoked>(db)
{
    protected override Task HandleAsync(NetworkShareRevoked message, UnitOfWork uow, CancellationToken ct) =>
        store.SetGrantAsync(uow, message.NetworkId, message.FunderTenantId, false, message.OccurredAt, ct);
}

/// <summary>
/// Responses arrive in bursts (a wave, a replay), packed by Surveys' relay (<see cref="SurveyResponsesSubmitted"/>) or one
/// by one (<see cref="SurveyResponseSubmitted"/>), both taken in batches. Either way one transaction takes them in:
/// two statements per tenant, one commit. Idempotent by response id (no inbox needed: a response already stored is
/// neither stored nor summed again).
/// </summary>
public sealed class SurveyResponseIngestion(Database db, SurveyResultsStore store)
{
    public async Task StoreAsync(IEnumerable<SurveyResponseSubmitted> responses, CancellationToken ct)
    {
        await using var uow = await db.BeginSystemAsync(ct);
        // Tenants in one order (and each tenant's rows in key order, see ResponseTotals): two batches running at once
        // then lock shared sums rows in the same order and wait for each other instead of deadlocking.
        foreach (var tenant in responses.GroupBy(m => m.TenantId).OrderBy(g => g.Key))
        {
            await uow.SwitchTenantAsync(tenant.Key, ct);
            await store.AddResponsesAsync(uow, tenant.ToList(), ct);
        }
        await uow.CommitAsync(ct);
    }
}

/// <summary>A message it cannot take (a poison message) holds back none batched with it (<see cref="BatchIsolation"/>).</summary>
public sealed class SurveyResponsesConsumer(SurveyResponseIngestion ingestion, ILogger<SurveyResponsesConsumer> logger) : IConsumer<Batch<SurveyResponseSubmitted>>
{
    public const int BatchSize = 500;

    public Task Consume(ConsumeContext<Batch<SurveyResponseSubmitted>> context) =>
        BatchIsolation.ConsumeAsync(context, responses => ingestion.StoreAsync(responses, context.CancellationToken), logger);
}

/// <summary>A pack it cannot take (a poison message) holds back none batched with it (<see cref="BatchIsolation"/>).</summary>
public sealed class SurveyResponsePacksConsumer(SurveyResponseIngestion ingestion, ILogger<SurveyResponsePacksConsumer> logger) : IConsumer<Batch<SurveyResponsesSubmitted>>
{
    /// <summary>Packs hold up to 200 responses each (the relay's pass): ten of them make one transaction.</summary>
    public const int BatchSize = 10;

    public Task Consume(ConsumeContext<Batch<SurveyResponsesSubmitted>> context) =>
        BatchIsolation.ConsumeAsync(context, packs => ingestion.StoreAsync(packs.SelectMany(p => p.Responses), context.CancellationToken), logger);
}

[InboxName("SurveyWaveClosedConsumer")]
public sealed class SurveyWaveClosedConsumer(Database db, SurveyResultsStore store) : InboxConsumer<SurveyWaveClosed>(db)
{
    protected override Task HandleAsync(SurveyWaveClosed message, UnitOfWork uow, CancellationToken ct) =>
        store.AddClosedWaveAsync(uow, message, ct);
}

[InboxName("RubricSessionClosedConsumer")]
public sealed class RubricSessionClosedConsumer(Database db, LeadershipStore store) : InboxConsumer<RubricSessionClosed>(db)
{
    protected override Task HandleAsync(RubricSessionClosed message, UnitOfWork uow, CancellationToken ct) =>
        store.AddClosedSessionAsync(uow, message, ct);
}

// Improvement's work (ImprovementStore): every handler is an upsert by the fact's id, so redeliveries and replays are harmless.

[InboxName("ImprovementTeamFormedConsumer")]
public sealed class ImprovementTeamFormedConsumer(Database db, ImprovementStore store) : InboxConsumer<ImprovementTeamFormed>(db)
{
    protected override Task HandleAsync(ImprovementTeamFormed message, UnitOfWork uow, CancellationToken ct) => store.AddTeamAsync(uow, message, ct);
}

[InboxName("CycleStartedConsumer")]
public sealed class CycleStartedConsumer(Database db, ImprovementStore store) : InboxConsumer<CycleStarted>(db)
{
    protected override Task HandleAsync(CycleStarted message, UnitOfWork uow, CancellationToken ct) => store.StartCycleAsync(uow, message, ct);
}

[InboxName("CycleCompletedConsumer")]
public sealed class CycleCompletedConsumer(Database db, ImprovementStore store) : InboxConsumer<CycleCompleted>(db)
{
    protected override Task HandleAsync(CycleCompleted message, UnitOfWork uow, CancellationToken ct) => store.CompleteCycleAsync(uow, message, ct);
}

[InboxName("TheoryOfImprovementRevisedConsumer")]
public sealed class TheoryOfImprovementRevisedConsumer(Database db, ImprovementStore store) : InboxConsumer<TheoryOfImprovementRevised>(db)
{
    protected override Task HandleAsync(TheoryOfImprovementRevised message, UnitOfWork uow, CancellationToken ct) => store.AddTheoryVersionAsync(uow, message, ct);
}

[InboxName("MeasureSignalDetectedConsumer")]
public sealed class MeasureSignalDetectedConsumer(Database db, ImprovementStore store) : InboxConsumer<MeasureSignalDetected>(db)
{
    protected override Task HandleAsync(MeasureSignalDetected message, UnitOfWork uow, CancellationToken ct) => store.AddSignalAsync(uow, message, ct);
}

[InboxName("MeasureDataRecordedConsumer")]
public sealed class MeasureDataRecordedConsumer(Database db, ImprovementStore store) : InboxConsumer<MeasureDataRecorded>(db)
{
    protected override Task HandleAsync(MeasureDataRecorded message, UnitOfWork uow, CancellationToken ct) => store.RecordMeasureDataAsync(uow, message, ct);
}

[InboxName("CoachingTouchpointLoggedConsumer")]
public sealed class CoachingTouchpointLoggedConsumer(Database db, ImprovementStore store) : InboxConsumer<CoachingTouchpointLogged>(db)
{
    protected override Task HandleAsync(CoachingTouchpointLogged message, UnitOfWork uow, CancellationToken ct) => store.AddTouchpointAsync(uow, message, ct);
}

[InboxName("CycleReviewHeldConsumer")]
public sealed class CycleReviewHeldConsumer(Database db, ImprovementStore store) : InboxConsumer<CycleReviewHeld>(db)
{
    protected override Task HandleAsync(CycleReviewHeld message, UnitOfWork uow, CancellationToken ct) => store.AddReviewAsync(uow, message, ct);
}

[InboxName("ImprovementParticipationConsumer")]
public sealed class ImprovementParticipationConsumer(Database db, ImprovementStore store) : InboxConsumer<ImprovementParticipation>(db)
{
    protected override Task HandleAsync(ImprovementParticipation message, UnitOfWork uow, CancellationToken ct) => store.SetParticipationAsync(uow, message, ct);
}

[InboxName("ChangeIdeaStatusChangedConsumer")]
public sealed class ChangeIdeaStatusChangedConsumer(Database db, ImprovementStore store) : InboxConsumer<ChangeIdeaStatusChanged>(db)
{
    protected override Task HandleAsync(ChangeIdeaStatusChanged message, UnitOfWork uow, CancellationToken ct) => store.SetChangeIdeaStatusAsync(uow, message, ct);
}
