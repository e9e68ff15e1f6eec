using Npgsql;
using Platform.Data;
using Platform.Messaging.ReadModels;
using Platform.ServiceDefaults;
using Platform.Surveys.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Application;

/// <summary>
/// The one way a wave's reminder goes, by hand or on its schedule (<see cref="Reminders"/>): it is claimed by its number
/// (wave_reminders' key), so two replicas, or a replica and a hub admin, never send the same one; the schedule's next
/// reminder is set in the same transaction; the mail goes after the commit, only to those who have not submitted.
/// </summary>
public sealed class WaveReminders(Database db, WaveStore waves, InvitationStore invitations, ReminderStore reminders, NetworkFactsStore networks,
    SurveyMail mail, TimeProvider clock)
{
    public enum Outcome { Sent, NotFound, Refused, Skipped }

    public sealed record Result(Outcome Outcome, int Invited = 0, int Mailed = 0, string? Refusal = null);

    /// <summary>A hub admin's reminder: counts toward the schedule and keeps its spacing (refused with the reason otherwise).</summary>
    public Task<Result> ByHandAsync(Guid tenant, Guid waveId, CancellationToken ct) => SendAsync(tenant, waveId, byHand: true, ct);

    /// <summary>The schedule's due reminder; skipped when another replica holds it or it is no longer due.</summary>
    public Task<Result> ScheduledAsync(Guid tenant, Guid waveId, CancellationToken ct) => SendAsync(tenant, waveId, byHand: false, ct);

    private async Task<Result> SendAsync(Guid tenant, Guid waveId, bool byHand, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        SurveyWave wave;
        string networkName;
        List<(Guid, Guid)> pending;
        await using (var uow = await db.BeginAsync(tenant, ct))
        {
            if (await waves.WaveAsync(uow, waveId, false, ct) is not { } found) return new(Outcome.NotFound);
            wave = found;
            var scheduled = await reminders.ScheduleAsync(uow, waveId, claim: !byHand, ct);
            if (!byHand && (scheduled is not { NextDueAt: { } due } || due > now)) return new(Outcome.Skipped);
            if (!wave.AcceptsResponses(clock.Today()))
            {
                if (byHand) return new(Outcome.Refused, Refusal: "Only an open wave sends reminders.");
                await reminders.SetNextDueAsync(uow, waveId, null, ct); // closed: nothing more to send
                await uow.CommitAsync(ct);
                return new(Outcome.Skipped);
            }
            var sent = await reminders.SentAsync(uow, waveId, ct);
            if (byHand && Reminders.RefusalByHand(scheduled?.Schedule, sent, now) is { } refusal) return new(Outcome.Refused, Refusal: refusal);
            try
            {
                await reminders.AddSentAsync(uow, waveId, sent.Count + 1, now, byHand, ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                return byHand ? new(Outcome.Refused, Refusal: "Another reminder of this wave was sent a moment ago.") : new(Outcome.Skipped);
            }
            if (scheduled is not null)
                await reminders.SetNextDueAsync(uow, waveId, Reminders.NextDue(scheduled.Schedule, wave.OpenedAt ?? now, wave.ClosesOn, [.. sent, now]), ct);
            networkName = (await networks.NetworkAsync(uow, wave.NetworkId, ct))!.Name; // a wave exists only for a network Surveys knows
            pending = (await invitations.InvitationsAsync(uow, waveId, onlyNotSubmitted: true, ct)).Select(i => (i.Id, i.PersonId)).ToList();
            await uow.CommitAsync(ct);
        }
        var mailed = await mail.SendAndRecordAsync(tenant, networkName, wave, pending, reminder: true, ct);
        return new(Outcome.Sent, pending.Count, mailed);
    }
}

/// <summary>Looks for due scheduled reminders across tenants every few seconds; a restart loses nothing (the schedule is stored).</summary>
public sealed class WaveReminderJob(Database db, ReminderStore reminders, WaveReminders send, TimeProvider clock, IConfiguration config, ILogger<WaveReminderJob> logger)
    : PeriodicJob(config, "Surveys:ReminderCheckInterval", TimeSpan.FromSeconds(10), clock, logger)
{
    protected override string Doing => "Sending scheduled survey reminders";

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        IReadOnlyList<(Guid TenantId, Guid WaveId)> due;
        await using (var system = await db.BeginSystemAsync(ct))
            due = await reminders.DueAsync(system, Clock.GetUtcNow(), ct);
        foreach (var (tenant, waveId) in due)
        {
            var result = await send.ScheduledAsync(tenant, waveId, ct);
            if (result.Outcome == WaveReminders.Outcome.Sent)
                logger.LogInformation("Scheduled reminder of wave {Wave}: {Mailed} of {Pending} mailed", waveId, result.Mailed, result.Invited);
        }
    }
}
