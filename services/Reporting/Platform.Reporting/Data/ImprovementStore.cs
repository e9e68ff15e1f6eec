using Dapper;
using Platform.Contracts.Improvement;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Reporting.Domain;

namespace Platform.Reporting.Data;

/// <summary>
/// Improvement's work as its events describe it. Every write is an upsert keyed by the fact's natural id, so a
/// redelivery or a rebuild's replay leaves the rows as they were; a later message of the same fact wins only where the
/// fact can change (a measure's latest data, a change idea's status).
/// </summary>
public sealed class ImprovementStore
{
    private static Task Execute(UnitOfWork uow, string sql, object args, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(sql, args, uow.Transaction, cancellationToken: ct));

    // A team is known from its formation or from the first work it did, whichever is earlier.
    private const string SeeTeam = """
        insert into improvement_teams (team_id, tenant_id, network_id, first_seen_on) values (@TeamId, @TenantId, @NetworkId, @seenOn)
        on conflict (team_id) do update set first_seen_on = least(improvement_teams.first_seen_on, excluded.first_seen_on);
        """;

    public Task AddTeamAsync(UnitOfWork uow, ImprovementTeamFormed m, CancellationToken ct) =>
        Execute(uow, SeeTeam, new { m.TeamId, m.TenantId, m.NetworkId, seenOn = DateOnly.FromDateTime(m.OccurredAt.UtcDateTime) }, ct);

    public Task StartCycleAsync(UnitOfWork uow, CycleStarted m, CancellationToken ct) =>
        Execute(uow, SeeTeam + """
            insert into improvement_cycles (cycle_id, tenant_id, network_id, team_id, change_idea_id, had_predictions, started_on)
            values (@CycleId, @TenantId, @NetworkId, @TeamId, @ChangeIdeaId, @HadPredictions, @StartedOn)
            on conflict (cycle_id) do update set started_on = excluded.started_on, had_predictions = excluded.had_predictions,
                team_id = excluded.team_id, change_idea_id = excluded.change_idea_id;
            """, new { m.CycleId, m.TenantId, m.NetworkId, m.TeamId, m.ChangeIdeaId, m.HadPredictions, m.StartedOn, seenOn = m.StartedOn }, ct);

    // Completion may arrive before the start (separate queues): it carries the start day too, and a later start keeps it.
    public Task CompleteCycleAsync(UnitOfWork uow, CycleCompleted m, CancellationToken ct) =>
        Execute(uow, SeeTeam + """
            insert into improvement_cycles (cycle_id, tenant_id, network_id, team_id, change_idea_id, had_predictions, started_on, completed_on, decision)
            values (@CycleId, @TenantId, @NetworkId, @TeamId, @ChangeIdeaId, @HadPredictions, @StartedOn, @CompletedOn, @Decision)
            on conflict (cycle_id) do update set started_on = excluded.started_on, had_predictions = excluded.had_predictions,
                team_id = excluded.team_id, change_idea_id = excluded.change_idea_id, completed_on = excluded.completed_on, decision = excluded.decision;
            """, new { m.CycleId, m.TenantId, m.NetworkId, m.TeamId, m.ChangeIdeaId, m.HadPredictions, m.StartedOn, m.CompletedOn, m.Decision, seenOn = m.StartedOn }, ct);

    public Task AddTheoryVersionAsync(UnitOfWork uow, TheoryOfImprovementRevised m, CancellationToken ct) =>
        Execute(uow, """
            insert into theory_versions (network_id, version, tenant_id, revised_on, aim_has_measure) values (@NetworkId, @Version, @TenantId, @On, @AimHasMeasure)
            on conflict (network_id, version) do update set revised_on = excluded.revised_on, aim_has_measure = excluded.aim_has_measure
            """, new { m.NetworkId, m.Version, m.TenantId, m.On, m.AimHasMeasure }, ct);

    public Task AddSignalAsync(UnitOfWork uow, MeasureSignalDetected m, CancellationToken ct) =>
        Execute(uow, """
            insert into measure_signals (measure_id, kind, period, tenant_id, network_id, in_direction_of_improvement)
            values (@MeasureId, @Kind, @Period, @TenantId, @NetworkId, @InDirectionOfImprovement)
            on conflict (measure_id, kind, period) do update set in_direction_of_improvement = excluded.in_direction_of_improvement
            """, new { m.MeasureId, m.Kind, m.Period, m.TenantId, m.NetworkId, m.InDirectionOfImprovement }, ct);

    public Task RecordMeasureDataAsync(UnitOfWork uow, MeasureDataRecorded m, CancellationToken ct) =>
        Execute(uow, """
            insert into measure_data (measure_id, tenant_id, network_id, latest_period, points, changed_at)
            values (@MeasureId, @TenantId, @NetworkId, @LatestPeriod, @Points, @OccurredAt)
            on conflict (measure_id) do update set latest_period = excluded.latest_period, points = excluded.points, changed_at = excluded.changed_at
            where measure_data.changed_at <= excluded.changed_at
            """, new { m.MeasureId, m.TenantId, m.NetworkId, m.LatestPeriod, m.Points, m.OccurredAt }, ct);

    public Task AddTouchpointAsync(UnitOfWork uow, CoachingTouchpointLogged m, CancellationToken ct) =>
        Execute(uow, SeeTeam + """
            insert into coaching_touchpoints (touchpoint_id, tenant_id, network_id, team_id, held_on) values (@TouchpointId, @TenantId, @NetworkId, @TeamId, @On)
            on conflict (touchpoint_id) do update set held_on = excluded.held_on, team_id = excluded.team_id;
            """, new { m.TouchpointId, m.TenantId, m.NetworkId, m.TeamId, m.On, seenOn = m.On }, ct);

    public Task AddReviewAsync(UnitOfWork uow, CycleReviewHeld m, CancellationToken ct) =>
        Execute(uow, """
            insert into cycle_reviews (review_id, tenant_id, network_id, held_on, cycles_reviewed, decisions)
            values (@ReviewId, @TenantId, @NetworkId, @HeldOn, @CyclesReviewed, @Decisions)
            on conflict (review_id) do update set held_on = excluded.held_on, cycles_reviewed = excluded.cycles_reviewed, decisions = excluded.decisions
            """, new { m.ReviewId, m.TenantId, m.NetworkId, m.HeldOn, m.CyclesReviewed, m.Decisions }, ct);

    public Task SetParticipationAsync(UnitOfWork uow, ImprovementParticipation m, CancellationToken ct) =>
        Execute(uow, """
            insert into improvement_participation (network_id, month, tenant_id, active_people, share_by_top_two)
            values (@NetworkId, @Month, @TenantId, @ActivePeople, @ShareOfCyclesByTopTwoPeople)
            on conflict (network_id, month) do update set active_people = excluded.active_people, share_by_top_two = excluded.share_by_top_two
            """, new { m.NetworkId, m.Month, m.TenantId, m.ActivePeople, m.ShareOfCyclesByTopTwoPeople }, ct);

    public Task SetChangeIdeaStatusAsync(UnitOfWork uow, ChangeIdeaStatusChanged m, CancellationToken ct) =>
        Execute(uow, """
            insert into change_idea_statuses (change_idea_id, tenant_id, network_id, status, changed_on, changed_at)
            values (@ChangeIdeaId, @TenantId, @NetworkId, @Status, @On, @OccurredAt)
            on conflict (change_idea_id) do update set status = excluded.status, changed_on = excluded.changed_on, changed_at = excluded.changed_at
            where change_idea_statuses.changed_at <= excluded.changed_at
            """, new { m.ChangeIdeaId, m.TenantId, m.NetworkId, m.Status, m.On, m.OccurredAt }, ct);

    private sealed record CycleRow(Guid NetworkId, Guid TeamId, DateOnly StartedOn, DateOnly? CompletedOn, string? Decision, bool HadPredictions);

    private sealed record SignalRow(Guid NetworkId, Guid MeasureId, DateOnly Period, bool InDirectionOfImprovement);

    private sealed record DatedRow(Guid NetworkId, DateOnly Day);

    /// <summary>
    /// The improvement work of every network the transaction may see (or one), dated on or before <paramref name="through"/>:
    /// ids and dates only, for ImprovementActivity to count.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, ImprovementWork>> WorkAsync(UnitOfWork uow, Guid? networkId, DateOnly through, CancellationToken ct)
    {
        using var reads = await uow.Connection.QueryMultipleAsync(new CommandDefinition("""
            select network_id as NetworkId, first_seen_on as Day from improvement_teams where (@networkId::uuid is null or network_id = @networkId) and first_seen_on <= @through;
            select network_id as NetworkId, team_id as TeamId, started_on as StartedOn, completed_on as CompletedOn, decision as Decision, had_predictions as HadPredictions
                from improvement_cycles where (@networkId::uuid is null or network_id = @networkId) and started_on <= @through;
            select network_id as NetworkId, held_on as Day from coaching_touchpoints where (@networkId::uuid is null or network_id = @networkId) and held_on <= @through;
            select network_id as NetworkId, measure_id as MeasureId, period as Period, in_direction_of_improvement as InDirectionOfImprovement
                from measure_signals where (@networkId::uuid is null or network_id = @networkId) and period <= @through;
            select network_id as NetworkId, revised_on as Day from theory_versions where (@networkId::uuid is null or network_id = @networkId) and revised_on <= @through;
            select network_id as NetworkId, held_on as Day from cycle_reviews where (@networkId::uuid is null or network_id = @networkId) and held_on <= @through;
            """, new { networkId, through }, uow.Transaction, cancellationToken: ct));
        var teams = (await reads.ReadAsync<DatedRow>()).ToLookup(r => r.NetworkId, r => r.Day);
        var cycles = (await reads.ReadAsync<CycleRow>()).ToLookup(r => r.NetworkId, r => new ActivityCycle(r.TeamId, r.StartedOn, r.CompletedOn, r.Decision, r.HadPredictions));
        var touchpoints = (await reads.ReadAsync<DatedRow>()).ToLookup(r => r.NetworkId, r => r.Day);
        var signals = (await reads.ReadAsync<SignalRow>()).ToLookup(r => r.NetworkId, r => new ActivitySignal(r.MeasureId, r.Period, r.InDirectionOfImprovement));
        var theory = (await reads.ReadAsync<DatedRow>()).ToLookup(r => r.NetworkId, r => r.Day);
        var reviews = (await reads.ReadAsync<DatedRow>()).ToLookup(r => r.NetworkId, r => r.Day);
        return new[] { teams.Select(g => g.Key), cycles.Select(g => g.Key), touchpoints.Select(g => g.Key), signals.Select(g => g.Key),
                theory.Select(g => g.Key), reviews.Select(g => g.Key) }.SelectMany(k => k).Distinct()
            .ToDictionary(id => id, id => new ImprovementWork([.. teams[id]], [.. cycles[id]], [.. touchpoints[id]], [.. signals[id]], [.. theory[id]], [.. reviews[id]]));
    }
}
