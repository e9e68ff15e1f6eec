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

    private sealed record ImprovementRow(Guid NetworkId, int Teams, DateOnly? LastCycleCompleted, DateOnly? LastMeasureData, int? TheoryVersion, bool AimHasMeasure,
        DateOnly? LastWork);

    private sealed record ParticipationRow(Guid NetworkId, DateOnly Month, double ShareByTopTwo, int Cycles);

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

            -- The improvement work as of each network's day. Reporting keeps only each measure's latest period with data:
            -- a series that has data after the day is taken to have had data on it (past years' warnings lean quiet).
            with n as (select * from unnest(@ids::uuid[], @asOf::date[]) as n(network_id, as_of))
            select n.network_id as NetworkId,
                (select count(*) from improvement_teams t where t.network_id = n.network_id and t.first_seen_on <= n.as_of)::int as Teams,
                (select max(c.completed_on) from improvement_cycles c where c.network_id = n.network_id and c.completed_on <= n.as_of) as LastCycleCompleted,
                (select max(least(d.latest_period, n.as_of)) from measure_data d where d.network_id = n.network_id) as LastMeasureData,
                v.version as TheoryVersion, coalesce(v.aim_has_measure, false) as AimHasMeasure,
                greatest(
                    (select max(c.completed_on) from improvement_cycles c where c.network_id = n.network_id and c.completed_on <= n.as_of),
                    (select max(c.started_on) from improvement_cycles c where c.network_id = n.network_id and c.started_on <= n.as_of),
                    (select max(t.held_on) from coaching_touchpoints t where t.network_id = n.network_id and t.held_on <= n.as_of),
                    (select max(r.held_on) from cycle_reviews r where r.network_id = n.network_id and r.held_on <= n.as_of),
                    (select max(t.revised_on) from theory_versions t where t.network_id = n.network_id and t.revised_on <= n.as_of)) as LastWork
            from n left join lateral (
                select t.version, t.aim_has_measure from theory_versions t where t.network_id = n.network_id and t.revised_on <= n.as_of
                order by t.version desc limit 1) v on true;

            -- Participation months near each day (the rule picks those overlapping its window), each with its cycles:
            -- the cycles started or completed in that month.
            with n as (select * from unnest(@ids::uuid[], @asOf::date[]) as n(network_id, as_of))
            select p.network_id as NetworkId, p.month as Month, p.share_by_top_two as ShareByTopTwo,
                (select count(*) from improvement_cycles c where c.network_id = p.network_id
                    and (c.started_on >= p.month and c.started_on < (p.month + interval '1 month')::date
                         or c.completed_on >= p.month and c.completed_on < (p.month + interval '1 month')::date))::int as Cycles
            from n join improvement_participation p on p.network_id = n.network_id and p.month <= n.as_of and p.month > n.as_of - 130;
            """, new { ids = asOf.Keys.ToArray(), asOf = asOf.Values.ToArray(), year }, uow.Transaction, cancellationToken: ct));
        var facts = (await reads.ReadAsync<FactsRow>()).AsList();
        var responses = (await reads.ReadAsync<ResponsesRow>()).ToLookup(r => r.NetworkId);
        var seats = (await reads.ReadAsync<SeatRow>()).ToLookup(s => s.NetworkId);
        var improvement = (await reads.ReadAsync<ImprovementRow>()).ToDictionary(i => i.NetworkId);
        var participation = (await reads.ReadAsync<ParticipationRow>()).ToLookup(p => p.NetworkId);

        var rates = await results.ResponseRatesAsync(uow, year, networkId, ct);
        var previousRates = await results.ResponseRatesAsync(uow, year - 1, networkId, ct);
        var byId = networks.ToDictionary(n => n.NetworkId);
        static DateOnly Day(DateTime t) => DateOnly.FromDateTime(t);
        return facts.ToDictionary(f => f.NetworkId, f =>
        {
            var (n, day) = (byId[f.NetworkId], asOf[f.NetworkId]);
            var lastResponse = SurveyActivity.LastResponse(n.Calendar, day, responses[f.NetworkId].Select(r => (r.NetworkYear, Day(r.LastSubmittedAt))));
            // The improvement work is activity too (cycles, coaching, reviews, theory revisions, on their own days).
            var lastWork = improvement.TryGetValue(f.NetworkId, out var work) ? work.LastWork : null;
            var lastActivity = new[] { lastResponse, f.LastWaveClosed is { } w ? Day(w) : null, f.LastSession, f.LastSeatChange, lastWork }.Max();
            return new WarningFacts(day, n.LaunchDate, n.Aim, n.FocusAreas, lastResponse, f.LastSession,
                CoreSeats.FilledOn(day, seats[f.NetworkId].Select(s => new CoreSeat(s.StartDate, s.EndDate))),
                rates.TryGetValue(f.NetworkId, out var r) ? r : null, previousRates.TryGetValue(f.NetworkId, out var p) ? p : null,
                f.Members, f.PreviousMembers, lastActivity,
                improvement.TryGetValue(f.NetworkId, out var i)
                    ? new ImprovementWarningFacts(i.Teams, i.LastCycleCompleted, i.LastMeasureData, i.TheoryVersion, i.AimHasMeasure,
                        participation[f.NetworkId].Select(p => new ParticipationMonth(p.Month, p.ShareByTopTwo, p.Cycles)).ToList())
                    : ImprovementWarningFacts.None);
        });
    }
}
