using Platform.ServiceDefaults;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Messaging;
using Platform.Networks.Data;
using Platform.Networks.Domain;

namespace Platform.Networks.Application;

public sealed record HubStabilityView(HubStabilityClass Computed, HubStabilityClass? Override, string? Reason);

public sealed record StabilityReport(
    int Year, int Members, int Joiners, int Leavers, decimal? MemberStabilityPct, decimal? AverageTenureYears, HubStabilityView HubStability);

/// <summary>
/// The structural figures of a network, computed by the domain rules from its stored periods. The API answers with them,
/// and every membership or staff change publishes them as NetworkYearStabilityComputed: one computation for both.
/// </summary>
public sealed class StabilityReports(MembershipStore store, Outbox outbox, TimeProvider clock)
{
    public async Task<IReadOnlyList<StabilityReport>> HistoryAsync(UnitOfWork uow, Network network, CancellationToken ct)
    {
        var (periods, staff) = await LoadAsync(uow, network, ct);
        var calendar = network.Calendar;
        return MemberStability.History(periods, calendar, calendar.YearOf(network.LaunchDate), calendar.YearOf(clock.Today()))
            .Select(members => Report(network, members, staff)).ToList();
    }

    /// <summary>The figures of one network year; without a year, of the current one.</summary>
    public async Task<StabilityReport> ForYearAsync(UnitOfWork uow, Network network, int? year, CancellationToken ct)
    {
        var (periods, staff) = await LoadAsync(uow, network, ct);
        return Report(network, MemberStability.Compute(periods, network.Calendar, year ?? network.Calendar.YearOf(clock.Today())), staff);
    }

    /// <summary>Publishes one snapshot per network year since launch, in the caller's transaction.</summary>
    public async Task PublishAsync(UnitOfWork uow, Network network, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var snapshots = (await HistoryAsync(uow, network, ct)).Select(r => new NetworkYearStabilityComputed(uow.TenantId!.Value, network.Id, r.Year,
            r.Members, r.Joiners, r.Leavers, r.MemberStabilityPct, r.AverageTenureYears, r.HubStability.Computed.ToString(),
            r.HubStability.Override?.ToString(), r.HubStability.Reason, now)).ToList();
        await outbox.EnqueueManyAsync(uow, snapshots, ct);
    }

    /// <summary>Hub stability for year Y is judged as of the end of network year Y, or today if that is earlier.</summary>
    private StabilityReport Report(Network network, YearStability members, IReadOnlyList<HubStaffAssignment> staff)
    {
        var hub = HubStability.Classify(staff, network.LaunchDate, network.Calendar.AsOf(members.Year, clock.Today()));
        return new StabilityReport(members.Year, members.Members, members.Joiners, members.Leavers, members.MemberStabilityPct, members.AverageTenureYears,
            new HubStabilityView(hub, network.HubStabilityOverride, network.HubStabilityOverrideReason));
    }

    private async Task<(IReadOnlyList<MembershipPeriod>, IReadOnlyList<HubStaffAssignment>)> LoadAsync(UnitOfWork uow, Network network, CancellationToken ct) =>
        (await store.PeriodsAsync(uow, network.Id, ct), await store.AssignmentsAsync(uow, network.Id, ct));
}
