using System.Text.Json;
using Dapper;
using Platform.Contracts.Surveys;
using Platform.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Data;

public sealed record SubmittedResponse(byte[] ResponseKey, Guid WaveId, string? Role, Guid? TeamId, string ScaleScores, DateTime SubmittedAt);

public sealed record ResponseRow(string Answers, DateTimeOffset SavedAt, DateTimeOffset? SubmittedAt);

/// <summary>
/// Anonymous responses, reached only through their key (from the link token), and their release to Reporting in steps.
/// The respond path reads and writes in <see cref="GroupCommit"/> batches (<see cref="LinkAsync"/>, <see cref="SaveAsync"/>):
/// concurrent requests share a round trip and a commit; everything else runs as a <see cref="ITenantCommands.Command"/>.
/// </summary>
public sealed class ResponseStore(GroupCommit commits)
{
    /// <summary>What a submitted response's event is built from (<see cref="IntegrationEvents.ResponseEvents.Submitted"/>).</summary>
    private const string SubmittedResponseColumns =
        "response_key as ResponseKey, wave_id as WaveId, role, team_id as TeamId, scale_scores::text as ScaleScores, submitted_at as SubmittedAt";

    /// <summary>
    /// The invitation a token hash belongs to, with its wave, and the answers saved under the response key: the respond
    /// path's read, one transaction shared with concurrent requests' reads. It locks nothing: the write that follows
    /// checks that the response is still as read (<see cref="SaveResponse"/>). Separate statements, not a join: no row
    /// ever pairs an invitation with answers.
    /// </summary>
    public Task<(InvitationRow Invitation, SurveyWave Wave, ResponseRow? Saved)?> LinkAsync(Guid tenantId, byte[] tokenHash, byte[] responseKey) =>
        commits.QueryAsync<(InvitationRow, SurveyWave, ResponseRow?)?>(tenantId, [
            """
            select id, wave_id as WaveId, person_id as PersonId, role, team_id as TeamId, organization_id as OrganizationId, started, submitted
            from survey_invitations where token_hash = @tokenHash
            """,
            $"select {WaveStore.WaveColumns} from waves where id = (select wave_id from survey_invitations where token_hash = @tokenHash)",
            "select answers::text as Answers, saved_at as SavedAt, submitted_at as SubmittedAt from survey_responses where response_key = @responseKey",
        ], new Dictionary<string, object?> { ["tokenHash"] = tokenHash, ["responseKey"] = responseKey }, async reader =>
        {
            var invitation = (await GroupCommit.RowsAsync<InvitationRow>(reader)).SingleOrDefault();
            var wave = (await GroupCommit.RowsAsync<SurveyWave>(reader)).SingleOrDefault();
            var saved = (await GroupCommit.RowsAsync<ResponseRow>(reader)).SingleOrDefault();
            return invitation is null || wave is null ? null : (invitation, wave, saved);
        });

    /// <summary>
    /// Saves a response's answers, submitted when scale scores come with them, and marks its invitation started or
    /// submitted; the invitation learns only that flag, never the answers. Guarded: it writes only while the response is
    /// as the caller read it (<paramref name="read"/>: its saved_at, or none) and not submitted, so of two racing writes
    /// the later finds its guard failed and reads again. A save after the first leaves the invitation row alone (an
    /// update that changes nothing would still write a new row version).
    /// </summary>
    /// <param name="kept">The invitation's group attributes the response may keep (<see cref="InvitedGroups.Kept"/>).</param>
    public static GuardedWrite SaveResponse(Guid tenantId, byte[] key, Guid waveId, InvitationRow invitation, KeptGroups kept, ResponseRow? read, Answers answers,
        IReadOnlyDictionary<string, decimal>? scaleScores, DateTimeOffset at) =>
        new(tenantId, """
            saved as (
                insert into survey_responses (response_key, tenant_id, wave_id, role, team_id, organization_id, answers, scale_scores, saved_at, submitted_at)
                values (@key, @tenant, @waveId, @Role, @TeamId, @OrganizationId, @answers::jsonb, @scores::jsonb, @at, case when @submit then @at end)
                on conflict (response_key) do update set answers = excluded.answers, scale_scores = excluded.scale_scores, saved_at = excluded.saved_at,
                    submitted_at = excluded.submitted_at
                where survey_responses.submitted_at is null and survey_responses.saved_at = @readSavedAt
                returning 1
            ),
            marked as (
                update survey_invitations set started = true, submitted = submitted or @submit
                where id = @invitationId and (not started or (@submit and not submitted)) and exists (select from saved)
            ),
            written as (select from saved)
            """, new Dictionary<string, object?>
            {
                ["key"] = key, ["tenant"] = tenantId, ["waveId"] = waveId, ["invitationId"] = invitation.Id, ["Role"] = kept.Role,
                ["TeamId"] = kept.TeamId, ["OrganizationId"] = kept.OrganizationId, ["answers"] = JsonSerializer.Serialize(answers, SurveyJson.Options),
                ["scores"] = scaleScores is null ? null : JsonSerializer.Serialize(scaleScores, SurveyJson.Options), ["at"] = at, ["submit"] = scaleScores is not null,
                ["readSavedAt"] = read?.SavedAt,
            });

    /// <summary>Runs a <see cref="SaveResponse"/> that sends no event, in a group commit; returns whether it wrote.</summary>
    public async Task<bool> SaveAsync(GuardedWrite write) =>
        await commits.ExecuteAsync(write.TenantId, write.Then("select from written"), write.Parameters) == 1;

    /// <summary>
    /// The non-blank open-text answers of a wave's released responses (those whose step has gone to Reporting, so comments
    /// move in the same steps as scores), item by item, and nothing else of the response: no time, no team, no role (the
    /// comments' rule, <see cref="WaveComments"/>).
    /// </summary>
    public async Task<IReadOnlyList<(string ItemId, string Text)>> OpenTextAnswersAsync(ITenantCommands db, Guid waveId, CancellationToken ct) =>
        (await db.Connection.QueryAsync<(string, string)>(db.Command("""
            select t.key, t.value
            from survey_responses r cross join lateral jsonb_each_text(r.answers -> 'texts') as t
            where r.wave_id = @waveId and r.released_at is not null and btrim(t.value) <> ''
            """, new { waveId }, ct))).AsList();

    /// <summary>Every released response of the tenant with what its event carried (for a replay: the same steps again), wave by wave.</summary>
    public async Task<IReadOnlyList<SubmittedResponse>> ReleasedResponsesAsync(ITenantCommands db, CancellationToken ct) =>
        (await db.Connection.QueryAsync<SubmittedResponse>(db.Command($"""
            select {SubmittedResponseColumns}
            from survey_responses where released_at is not null and scale_scores is not null order by wave_id, submitted_at
            """, ct: ct))).AsList();

    /// <summary>A wave's submitted responses whose step has not been released yet, oldest first.</summary>
    public async Task<IReadOnlyList<SubmittedResponse>> UnreleasedResponsesAsync(ITenantCommands db, Guid waveId, CancellationToken ct) =>
        (await db.Connection.QueryAsync<SubmittedResponse>(db.Command($"""
            select {SubmittedResponseColumns}
            from survey_responses where wave_id = @waveId and submitted_at is not null and released_at is null and scale_scores is not null
            order by submitted_at
            """, new { waveId }, ct))).AsList();

    /// <summary>Marks a step released: its responses, and the wave's latest step (which the next step is timed from).</summary>
    public Task MarkReleasedAsync(UnitOfWork uow, Guid waveId, IReadOnlyList<byte[]> responseKeys, DateTimeOffset at, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            update survey_responses set released_at = @at where response_key = any(@responseKeys);
            update waves set last_released_at = @at where id = @waveId;
            """, new { waveId, responseKeys = responseKeys.ToArray(), at }, ct));

    /// <summary>Every hub's waves with responses waiting for their step (ids only: see migration 0004).</summary>
    public async Task<IReadOnlyList<(Guid TenantId, Guid WaveId)>> WavesWithUnreleasedResponsesAsync(UnitOfWork system, CancellationToken ct) =>
        (await system.Connection.QueryAsync<(Guid, Guid)>(system.Command("select tenant_id, wave_id from waves_with_unreleased_responses()", ct: ct))).AsList();

    /// <summary>
    /// Per wave of the tenant, how many responses were sent to Reporting (released): before <paramref name="before"/>, and
    /// in all. For the consistency check: responses waiting for their step are not expected there yet.
    /// </summary>
    public async Task<IReadOnlyList<WaveReleasedCount>> ReleasedCountsAsync(ITenantCommands db, DateTimeOffset before, CancellationToken ct) =>
        (await db.Connection.QueryAsync<WaveReleasedCount>(db.Command("""
            select wave_id as WaveId, (count(*) filter (where released_at < @before))::int as ReleasedBefore, count(*)::int as Released
            from survey_responses where released_at is not null and scale_scores is not null
            group by wave_id order by wave_id
            """, new { before }, ct))).AsList();
}
