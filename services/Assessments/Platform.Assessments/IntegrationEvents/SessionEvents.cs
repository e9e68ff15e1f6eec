using Platform.Assessments.Application;
using Platform.Assessments.Data;
using Platform.Assessments.Domain;
using Platform.Contracts.Assessments;
using Platform.Data;
using Platform.HealthModel;
using Platform.Messaging.ReadModels;

namespace Platform.Assessments.IntegrationEvents;

/// <summary>How a rubric session's facts leave Assessments: the same event from closing and from a replay.</summary>
public static class SessionEvents
{
    /// <summary>What a closed session publishes: area means and participation only.</summary>
    public static async Task<RubricSessionClosed> ClosedAsync(UnitOfWork uow, AssessmentStore store, NetworkFactsStore networks, RubricCatalog catalog,
        Guid tenantId, RubricSession session, DateTimeOffset closedAt, CancellationToken ct)
    {
        var summary = (await SessionSummaries.SummarizeAsync(uow, store, catalog, session, ct))!;
        var network = (await networks.NetworkAsync(uow, session.NetworkId, ct))!;
        var year = new NetworkYearCalendar(network.YearStartMonth, network.YearStartDay).YearOf(session.HeldOn);
        return new RubricSessionClosed(tenantId, session.Id, session.NetworkId, year, session.RubricId, session.RubricVersion,
            RubricSummaries.AreaMeans(summary), summary.Participation.RatersInvited, summary.Participation.RatersStarted, closedAt, session.HeldOn);
    }
}
