using Dapper;
using Platform.Data;
using Platform.HealthModel;
using Platform.Reporting.Domain;

namespace Platform.Reporting.Data;

/// <summary>The facts behind the early warnings, for every network the transaction may see (or one), as of network year Y.</summary>
public sealed class WarningFactsStore(SurveyResultsStore results, TimeProvider clock)
{
    private sealed record NetworkRow(Guid NetworkId, DateOnly LaunchDate, string Aim, int FocusAreas, int YearStartMonth, int YearStartDay);

    private sealed record FactsRow(
        Guid NetworkId, DateOnly? LastResponse, DateOnly? LastSession, int CoreSeats, int? Members, int? PreviousMembers, DateTime? LastActivity);

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The end of network year Y, or today if that is earlier (as for hub stability).</summary>
    public DateOnly AsOf(NetworkYearCalendar calendar, int year)
    {
        var lastDay = calendar.LastDayOf(year);
        return lastDay < Today ? lastDay : Today;
    }

    /// <summary>The network's year calendar, or null when the transaction may not see the network.</summary>
    public async Task<NetworkYearCalendar?> CalendarAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(int Month, int Day)>(new CommandDefinition(
            "select year_start_month, year_start_day from networks where network_id = @networkId",
            new { networkId }, uow.Transaction, cancellationToken: ct))).Select(c => new NetworkYearCalendar(c.Month, c.Day)).FirstOrDefault();

    public async Task<IReadOnlyDictionary<Guid, WarningFacts>> FactsAsync(UnitOfWork uow, int year, Guid? networkId, CancellationToken ct)
    {
        var networks = (await uow.Connection.QueryAsync<NetworkRow>(new CommandDefinition("""
            select network_id as NetworkId, launch_date as LaunchDate, aim, cardinality(focus_areas) as FocusAreas,
                year_start_month as YearStartMonth, year_start_day as YearStartDay
            from networks where (@networkId::uuid is null or network_id = @networkId)
            """, new { networkId }, uow.Transaction, cancellationToken: ct))).AsList();
        var asOf = networks.ToDictionary(n => n.NetworkId, n => AsOf(new NetworkYearCalendar(n.YearStartMonth, n.YearStartDay), year));

        // Everything is bounded by each network's own as-of date: a past year's warnings do not change with later activity.
        // Activity is what the facts date themselves (responses, closed waves, rubric sessions, hub seats taken or left),
        // never when an event was delivered: a rebuild of Reporting must not make a quiet network look busy.
        var facts = (await uow.Connection.QueryAsync<FactsRow>(new CommandDefinition("""
            with n as (select * from unnest(@ids::uuid[], @asOf::date[]) as n(network_id, as_of)),
            responses as (
                -- A response dates at the latest to the last day of the network year it answers: a year's survey is that
                -- year's data even when answered late (or imported afterwards).
                select n.network_id, max(r.dated) as last_at from n
                join networks nw on nw.network_id = n.network_id
                cross join lateral (
                    select least(g.last_submitted_at::date, make_date(g.network_year + 1, nw.year_start_month, nw.year_start_day) - 1) as dated
                    from group_respondents g
                    where g.network_id = n.network_id and g.grouping = 'all' and g.network_year <= @year) r
                where r.dated <= n.as_of
                group by n.network_id),
            sessions as (
                select n.network_id, max(r.held_on) as last_on from n join rubric_sessions_closed r on r.network_id = n.network_id and r.held_on <= n.as_of
                group by n.network_id),
            waves as (
                select n.network_id, max(w.closed_at) as last_at from n join survey_waves_closed w on w.network_id = n.network_id and w.closed_at < n.as_of + 1
                group by n.network_id),
            seats as (
                select n.network_id,
                       count(*) filter (where h.core and h.start_date <= n.as_of and (h.end_date is null or h.end_date > n.as_of))::int as core_seats,
                       max(greatest(h.start_date, h.end_date)) filter (where greatest(h.start_date, h.end_date) <= n.as_of) as last_change
                from n join hub_seats h on h.network_id = n.network_id group by n.network_id),
            members as (
                select y.network_id, max(y.members) filter (where y.year = @year) as members, max(y.members) filter (where y.year = @year - 1) as previous
                from network_year_stability y where y.network_id = any(@ids) and y.year between @year - 1 and @year group by y.network_id)
            select n.network_id as NetworkId, responses.last_at as LastResponse, sessions.last_on as LastSession,
                   coalesce(seats.core_seats, 0) as CoreSeats, members.members as Members, members.previous as PreviousMembers,
                   greatest(responses.last_at::timestamptz, waves.last_at, sessions.last_on::timestamptz, seats.last_change::timestamptz) as LastActivity
            from n
            left join responses using (network_id) left join sessions using (network_id) left join waves using (network_id)
            left join seats using (network_id) left join members using (network_id)
            """, new { ids = asOf.Keys.ToArray(), asOf = asOf.Values.ToArray(), year }, uow.Transaction, cancellationToken: ct))).AsList();

        var rates = await results.ResponseRatesAsync(uow, year, networkId, ct);
        var previousRates = await results.ResponseRatesAsync(uow, year - 1, networkId, ct);
        var byId = networks.ToDictionary(n => n.NetworkId);
        static DateOnly? Day(DateTime? t) => t is { } v ? DateOnly.FromDateTime(v) : null;
        return facts.ToDictionary(f => f.NetworkId, f =>
        {
            var n = byId[f.NetworkId];
            return new WarningFacts(asOf[f.NetworkId], n.LaunchDate, n.Aim, n.FocusAreas, f.LastResponse, f.LastSession, f.CoreSeats,
                rates.TryGetValue(f.NetworkId, out var r) ? r : null, previousRates.TryGetValue(f.NetworkId, out var p) ? p : null,
                f.Members, f.PreviousMembers, Day(f.LastActivity));
        });
    }
}
