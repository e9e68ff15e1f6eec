using Dapper;
using Platform.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Data;

/// <summary>A wave's schedule with when its next reminder is due (null: none left), and whether its zone is the network's.</summary>
public sealed record ScheduledReminders(int MaxReminders, int MinDaysApart, int HourOfDay, string TimeZone, DateTimeOffset? NextDueAt, bool FollowsNetwork)
{
    public ReminderSchedule Schedule => new(MaxReminders, MinDaysApart, HourOfDay, TimeZone);
}

/// <summary>Reminder schedules and the reminders each wave sent.</summary>
public sealed class ReminderStore
{
    private const string Columns = "max_reminders as MaxReminders, min_days_apart as MinDaysApart, hour_of_day as HourOfDay, time_zone as TimeZone, next_due_at as NextDueAt, follows_network as FollowsNetwork";

    /// <param name="claim">Lock the row for this unit of work, skipping it when another holds it (null then).</param>
    public Task<ScheduledReminders?> ScheduleAsync(ITenantCommands db, Guid waveId, bool claim, CancellationToken ct) =>
        db.Connection.QuerySingleOrDefaultAsync<ScheduledReminders?>(db.Command(
            $"select {Columns} from reminder_schedules where wave_id = @waveId {(claim ? "for update skip locked" : "")}", new { waveId }, ct));

    public Task SaveScheduleAsync(UnitOfWork uow, Guid waveId, ReminderSchedule s, DateTimeOffset? nextDueAt, bool followsNetwork, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into reminder_schedules (wave_id, tenant_id, max_reminders, min_days_apart, hour_of_day, time_zone, next_due_at, follows_network)
            values (@waveId, @tenant, @MaxReminders, @MinDaysApart, @HourOfDay, @TimeZone, @nextDueAt, @followsNetwork)
            on conflict (wave_id) do update set max_reminders = excluded.max_reminders, min_days_apart = excluded.min_days_apart,
                hour_of_day = excluded.hour_of_day, time_zone = excluded.time_zone, next_due_at = excluded.next_due_at,
                follows_network = excluded.follows_network
            """, new { waveId, tenant = uow.TenantId, s.MaxReminders, s.MinDaysApart, s.HourOfDay, s.TimeZone, nextDueAt, followsNetwork }, ct));

    /// <summary>The waves of the network, not closed, whose schedule keeps the network's zone and is not yet in <paramref name="zone"/>.</summary>
    public async Task<IReadOnlyList<Guid>> FollowingNetworkAsync(UnitOfWork uow, Guid networkId, string zone, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Guid>(uow.Command("""
            select s.wave_id from reminder_schedules s join waves w on w.id = s.wave_id
            where w.network_id = @networkId and w.status <> 'Closed' and s.follows_network and s.time_zone <> @zone
            """, new { networkId, zone }, ct))).AsList();

    public Task SetNextDueAsync(UnitOfWork uow, Guid waveId, DateTimeOffset? nextDueAt, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("update reminder_schedules set next_due_at = @nextDueAt where wave_id = @waveId", new { waveId, nextDueAt }, ct));

    public async Task<bool> DeleteScheduleAsync(UnitOfWork uow, Guid waveId, CancellationToken ct) =>
        await uow.Connection.ExecuteAsync(uow.Command("delete from reminder_schedules where wave_id = @waveId", new { waveId }, ct)) == 1;

    /// <summary>When each reminder of the wave went, in order.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> SentAsync(ITenantCommands db, Guid waveId, CancellationToken ct) =>
        (await db.Connection.QueryAsync<DateTimeOffset>(db.Command("select sent_at from wave_reminders where wave_id = @waveId order by number", new { waveId }, ct))).AsList();

    /// <summary>Claims reminder number <paramref name="number"/>; a unique violation means someone else sent it.</summary>
    public Task AddSentAsync(UnitOfWork uow, Guid waveId, int number, DateTimeOffset at, bool byHand, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into wave_reminders (wave_id, tenant_id, number, sent_at, by_hand) values (@waveId, @tenant, @number, @at, @byHand)
            """, new { waveId, tenant = uow.TenantId, number, at, byHand }, ct));

    /// <summary>The waves of every tenant whose next reminder is due (the job's scan; ids only).</summary>
    public async Task<IReadOnlyList<(Guid TenantId, Guid WaveId)>> DueAsync(UnitOfWork system, DateTimeOffset now, CancellationToken ct) =>
        (await system.Connection.QueryAsync<(Guid, Guid)>(system.Command("select tenant_id, wave_id from due_reminder_schedules(@now)", new { now }, ct))).AsList();
}
