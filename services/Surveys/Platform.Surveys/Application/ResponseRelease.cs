using Platform.Surveys.IntegrationEvents;
using Platform.ServiceDefaults;
using Platform.Contracts;
using Platform.Contracts.Surveys;
using Platform.Data;
using Platform.HealthModel;
using Platform.Messaging;
using Platform.Surveys.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Application;

/// <summary>
/// Sends a wave's submitted responses to Reporting in released steps (<see cref="SteppedRelease"/>), never one by one:
/// every result built from them then moves only by at least the minimum of responses, in the whole and in each role and
/// team, at most once a day, and all at once when the wave closes; the first step waits for the wave's release rule
/// (<see cref="ReleaseRule"/>). The steps are kept here (released_at), so a replay for a rebuild of Reporting sends the
/// same ones.
/// </summary>
public sealed class ResponseRelease(ResponseStore responses, InvitationStore invitations, Outbox outbox, TimeProvider clock)
{
    /// <summary>
    /// Releases the wave's due step, if any, in the caller's transaction; the caller holds the wave's row
    /// (<see cref="WaveStore.WaveAsync"/> for update), so two releases of one wave never interleave.
    /// </summary>
    /// <returns>How many responses the step released.</returns>
    public async Task<int> ReleaseDueAsync(UnitOfWork uow, SurveyWave wave, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var final = !wave.AcceptsResponses(clock.Today());
        // Within a day of the last step nothing can go: the job looks every few seconds, and a large wave's waiting
        // responses are not read each time.
        if (!SteppedRelease.MayStep(wave.ResultsReleasedAt, now, final)) return 0;
        var pending = await responses.UnreleasedResponsesAsync(uow, wave.Id, ct);
        if (pending.Count == 0) return 0;
        var invited = await invitations.InvitedGroupsAsync(uow, wave.Id, ct);
        // Before the first step every submitted response is still waiting, so pending counts the submits.
        if (!ReleaseRule.Released(wave.ReleaseThreshold, pending.Count, invited.Total, final, wave.ResultsReleasedAt is not null)) return 0;
        var events = pending.ToDictionary(r => r, r => ResponseEvents.Submitted(uow.TenantId!.Value, wave, r, invited));
        var due = SteppedRelease.Due(events.Select(e => new SteppedRelease.Pending<SubmittedResponse>(e.Key, GroupsOf(e.Value))).ToList(),
            wave.ResultsReleasedAt, now, Suppression.MinimumN, final);
        if (due.Count == 0) return 0;
        await outbox.EnqueueManyAsync(uow, due.Select(r => (IIntegrationEvent)events[r]).ToList(), ct);
        await responses.MarkReleasedAsync(uow, wave.Id, due.Select(r => r.ResponseKey).ToList(), now, ct);
        return due.Count;
    }

    /// <summary>The groups Reporting keeps a response in besides the whole: those its event names (large enough at opening).</summary>
    private static string[] GroupsOf(SurveyResponseSubmitted e) =>
        [.. e.Role is { } role ? [$"role:{role}"] : Array.Empty<string>(), .. e.TeamId is { } team ? [$"team:{team}"] : Array.Empty<string>()];
}

/// <summary>Looks for due steps every few seconds (a step can fall due with no new submit: a day passed, the closing day passed).</summary>
public sealed class ResponseReleaseJob(Database db, WaveStore waveStore, ResponseStore responses, ResponseRelease release, TimeProvider clock, IConfiguration config,
    ILogger<ResponseReleaseJob> logger) : PeriodicJob(config, "Surveys:ReleaseCheckInterval", TimeSpan.FromSeconds(5), clock, logger)
{
    protected override string Doing => "Releasing survey results";

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        IReadOnlyList<(Guid TenantId, Guid WaveId)> waves;
        await using (var system = await db.BeginSystemAsync(ct))
            waves = await responses.WavesWithUnreleasedResponsesAsync(system, ct);
        foreach (var (tenant, waveId) in waves)
        {
            await using var uow = await db.BeginAsync(tenant, ct);
            if (await waveStore.WaveAsync(uow, waveId, forUpdate: true, ct) is not { } wave) continue;
            if (await release.ReleaseDueAsync(uow, wave, ct) > 0) await uow.CommitAsync(ct);
        }
    }
}
