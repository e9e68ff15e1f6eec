using Platform.Contracts.Networks;
using Platform.Networks.Domain;

namespace Platform.Networks.IntegrationEvents;

/// <summary>How a network's facts leave Networks: the same event from every write and from a replay.</summary>
public static class NetworkEvents
{
    public static NetworkUpdated Updated(Guid tenantId, Network n, DistrictScope scope, DateTimeOffset at) =>
        new(tenantId, n.Id, n.Name, n.Aim, n.GoalType.ToString(), n.LaunchDate, n.Phase.ToString(), n.Status.ToString(), scope.ToString(), at,
            n.YearStartMonth, n.YearStartDay, n.FocusAreas ?? [], n.BenchmarkingConsent, n.CreatedAt, n.TimeZone);
}
