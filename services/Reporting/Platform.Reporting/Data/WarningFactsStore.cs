using Dapper;
using Platform.Data;
using Platform.HealthModel;
using Platform.Reporting.Domain;

namespace Platform.Reporting.Data;

/// <summary>The facts behind the early warnings, for every network the transaction may see (or one), as of network year Y.</summary>
public sealed class WarningFactsStore(SurveyResultsStore results)
{
    private sealed record NetworkRow(Guid NetworkId, DateOnly LaunchDate, string Aim, int FocusAreas, int YearStartMonth, int YearStartDay)
    {
        public NetworkYearCalendar Calendar => new(YearStartMonth, YearStartDay);
    }

    private sealed record FactsRow(
        Guid NetworkId, DateOnly? LastSession, DateTime? LastWaveClosed, DateOnly? LastSeatChange, int? Members, int? PreviousMembers);

    private sealed record ResponsesRow(Guid NetworkId, int NetworkYear, DateTime LastSubmittedAt);

    private sealed record SeatRow(Guid NetworkId, DateOnly StartDate, DateOnly? EndDate);

    /// <summary>The network's year calendar, or null when the transaction may not see the network.</summary>
    public async Task<NetworkYearCalendar?> CalendarAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<(int Month, int Day)>(new CommandDefinition(
            "select year_start_month, year_start_day from networks where network_id = @networkId",
            new { networkId }, uow.Transaction, cancellationToken: ct))).Select(c => new NetworkYearCalendar(c.Month, c.Day)).FirstOrDefault();

    /// <summary>Each network's facts as of the end of network year <paramref name="year"/>, or <paramref name="today"/> while it runs.</summary>
    public async Task<IReadOnlyDictionary<Guid, WarningFacts>> FactsAsync(UnitOfWork uow, int year, Guid? networkId, DateOnly today, CancellationToken ct)
    {
        var networks = (await uow.Connection.QueryAsync<NetworkRow>(new CommandDefinition("""
            select network_id as NetworkId, launch_date as LaunchDate, aim, cardinality(focus_areas) as FocusAreas,
                year_start_month as YearStartMonth, year_start_day as YearStartDay
            from networks where (@networkId::uuid is null or network_id = @networkId)
            """, new { networkId }, uow.Transaction, cancellationToken: ct))).AsList();
        var asOf = networks.ToDictionary(n => n.NetworkId, n => n.Calendar.AsOf(year, today));

        // Everything is bounded by each network's own as-of date: a past year's warnings do not change with later activity.
        // Activity is what the facts date themselves (responses, closed waves, rubric sessions, hub seats taken or left),
        // never when an event was delivered: a rebuild of Reporting must not make a quiet network look busy.
        // Responses and core seats come as rows: how they are dated and counted are domain rules (SurveyActivity, CoreSeats).
        using var reads = await uow.Connection.QueryMultipleAsync(new CommandDefinition("""
            with n as (select * from unnest(@ids::uuid[], @asOf::date[]) as n(network_id, as_of)),
            sessions as (
                select n.network_id, max(r.held_on) as last_on from n join rubric_sessions_closed r on r.network_id = n.network_id and r.held_on <= n.as_of
                group by n.network_id),
            waves as (
                select n.network_id, max(w.closed_at) as last_at from n join survey_waves_closed w on w.network_id = n.network_id and w.closed_at < n.as_of + 1
                group by n.network_id),
            seats as (
                select n.network_id, max(greatest(h.start_date, h.end_date)) filter (where greatest(h.start_date, h.end_date) <= n.as_of) as last_change
                from n join hub_seats h on h.network_id = n.network_id group by n.network_id),
            members as (
                select y.network_id, max(y.members) filter (where y.year = @year) as members, max(y.members) filter (where y.year = @year - 1) as previous
                from network_year_stability y where y.network_id = any(@ids) and y.year between @year - 1 and @year group by y.network_id)
            select n.network_id as NetworkId, sessions.last_on as LastSession, waves.last_at as LastWaveClosed, seats.last_change as LastSeatChange,
                   members.members as Members, members.previous as PreviousMembers
            from n
            left join sessions using (network_id) left join waves using (network_id)
            left join seats using (network_id) left join members using (network_id);

            select network_id as NetworkId, network_year as NetworkYear, last_submitted_at as LastSubmittedAt from group_respondents
            where network_id = any(@ids) and grouping = 'all' and network_year <= @year;

            select network_id as NetworkId, start_date as StartDate, end_date as EndDate from hub_seats where network_id = any(@ids) and core;
            """, new { ids = asOf.Keys.ToArray(), asOf = asOf.Values.ToArray(), year }, uow.Transaction, cancellationToken: ct));
        var facts = (await reads.ReadAsync<FactsRow>()).AsList();
        var responses = (await reads.ReadAsync<ResponsesRow>()).ToLookup(r => r.NetworkId);
        var seats = (await reads.ReadAsync<SeatRow>()).ToLookup(s => s.NetworkId);

        var rates = await results.ResponseRatesAsync(uow, year, networkId, ct);
        var previousRates = await results.ResponseRatesAsync(uow, year - 1, networkId, ct);
        var byId = networks.ToDictionary(n => n.NetworkId);
        static DateOnly Day(DateTime t) => DateOnly.FromDateTime(t);
        return facts.ToDictionary(f => f.NetworkId, f =>
        {
            var (n, day) = (byId[f.NetworkId], asOf[f.NetworkId]);
            var lastResponse = SurveyActivity.LastResponse(n.Calendar, day, responses[f.NetworkId].Select(r => (r.NetworkYear, Day(r.LastSubmittedAt))));
            var lastActivity = new[] { lastResponse, f.LastWaveClosed is { } w ? Day(w) : null, f.LastSession, f.LastSeatChange }.Max();
            return new WarningFacts(day, n.LaunchDate, n.Aim, n.FocusAreas, lastResponse, f.LastSession,
                CoreSeats.FilledOn(day, seats[f.NetworkId].Select(s => new CoreSeat(s.StartDate, s.EndDate))),
                rates.TryGetValue(f.NetworkId, out var r) ? r : null, previousRates.TryGetValue(f.NetworkId, out var p) ? p : null,
                f.Members, f.PreviousMembers, lastActivity);
        });
    }
}
