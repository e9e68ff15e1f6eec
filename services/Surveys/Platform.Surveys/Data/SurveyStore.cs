using System.Text.Json;
using Dapper;
using Platform.Contracts.Networks;
using Platform.Contracts.Surveys;
using Platform.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Data;

public sealed record InstrumentSummary(string Id, string Name, int LatestVersion, bool BuiltIn);

public sealed record InvitationRow(Guid Id, Guid WaveId, Guid PersonId, string Role, Guid? TeamId, Guid? OrganizationId, bool Started, bool Submitted);

public sealed record ProgressRow(string Role, Guid? TeamId, string? TeamName, Guid? OrganizationId, string? SchoolName, bool Started, bool Submitted);

public sealed record SubmittedResponse(byte[] ResponseKey, Guid WaveId, string? Role, Guid? TeamId, string ScaleScores, DateTime SubmittedAt);

public sealed record ResponseRow(string Answers, DateTimeOffset SavedAt, DateTimeOffset? SubmittedAt);

/// <summary>Surveys' queries. Every one runs under the caller's tenant (row-level security), except the built-in instrument seed.</summary>
public sealed class SurveyStore
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Instruments -----------------------------------------------------------------------------------------------

    public async Task<IReadOnlyList<InstrumentSummary>> InstrumentsAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<InstrumentSummary>(new CommandDefinition("""
            select instrument_id as Id, (array_agg(name order by version desc))[1] as Name, max(version) as LatestVersion, bool_and(tenant_id is null) as BuiltIn
            from instrument_versions group by instrument_id order by bool_and(tenant_id is null) desc, instrument_id
            """, transaction: uow.Transaction, cancellationToken: ct))).AsList();

    public async Task<Instrument?> InstrumentAsync(ITenantCommands db, string id, int version, CancellationToken ct)
    {
        var content = await db.Connection.QuerySingleOrDefaultAsync<string>(db.Command(
            "select content::text from instrument_versions where instrument_id = @id and version = @version", new { id, version }, ct));
        return content is null ? null : JsonSerializer.Deserialize<Instrument>(content, Json);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), Instrument> _waveInstruments = new();

    /// <summary>
    /// The instrument of a wave the caller could already read (so row-level security has been applied). Published
    /// versions never change, so they are cached: the respond path reads one on every request.
    /// </summary>
    public async Task<Instrument> WaveInstrumentAsync(ITenantCommands db, SurveyWave wave, CancellationToken ct)
    {
        var key = (wave.InstrumentId, wave.InstrumentVersion);
        if (_waveInstruments.TryGetValue(key, out var cached)) return cached;
        var instrument = await InstrumentAsync(db, wave.InstrumentId, wave.InstrumentVersion, ct)
            ?? throw new InvalidOperationException($"Wave {wave.Id} names a missing instrument version.");
        return _waveInstruments.GetOrAdd(key, instrument);
    }

    /// <summary>Whether the instrument exists for this tenant, and whether it is the tenant's own (built-in ones are not).</summary>
    public Task<bool?> IsOwnInstrumentAsync(UnitOfWork uow, string id, CancellationToken ct) =>
        uow.Connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
            "select bool_and(tenant_id is not null) from instrument_versions where instrument_id = @id having count(*) > 0",
            new { id }, uow.Transaction, cancellationToken: ct));

    public Task<int> LatestVersionAsync(UnitOfWork uow, string id, CancellationToken ct) =>
        uow.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select coalesce(max(version), 0) from instrument_versions where instrument_id = @id", new { id }, uow.Transaction, cancellationToken: ct));

    /// <summary>Publishes a version; false when that version already exists (published versions never change).</summary>
    public async Task<bool> PublishAsync(UnitOfWork uow, Instrument instrument, bool builtIn, CancellationToken ct)
    {
        if (builtIn)
            await uow.Connection.ExecuteAsync(new CommandDefinition("select set_config('app.system', 'on', true)", transaction: uow.Transaction, cancellationToken: ct));
        return await uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into instrument_versions (instrument_id, version, tenant_id, name, content)
            values (@Id, @Version, @tenant, @Name, @content::jsonb) on conflict do nothing
            """, new { instrument.Id, instrument.Version, tenant = builtIn ? null : uow.TenantId, instrument.Name,
                content = JsonSerializer.Serialize(instrument, Json) }, uow.Transaction, cancellationToken: ct)) == 1;
    }

    // Read models from the Networks events (networks: the shared NetworkFactsStore) ----------------------------------------------------------------------

    public Task UpsertTeamAsync(UnitOfWork uow, Guid teamId, Guid networkId, string name, Guid organizationId, string schoolName, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into teams (team_id, tenant_id, network_id, name, organization_id, school_name)
            values (@teamId, @tenant, @networkId, @name, @organizationId, @schoolName)
            on conflict (team_id) do update set name = excluded.name, school_name = excluded.school_name
            """, new { teamId, tenant = uow.TenantId, networkId, name, organizationId, schoolName }, uow.Transaction, cancellationToken: ct));

    /// <summary>Join facts of many periods in one statement; a period whose MemberLeft came first keeps its end date.</summary>
    public Task MembersJoinedAsync(UnitOfWork uow, IReadOnlyList<MemberJoined> joined, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into members (membership_id, tenant_id, network_id, person_id, role, team_id, organization_id, start_date)
            select membership, @tenant, network, person, role, team, organization, start_date
            from unnest(@memberships, @networks, @people, @roles, @teams, @organizations, @starts) as j(membership, network, person, role, team, organization, start_date)
            on conflict (membership_id) do update set role = excluded.role, team_id = excluded.team_id,
                organization_id = excluded.organization_id, start_date = excluded.start_date
            """, new
            {
                tenant = uow.TenantId, memberships = joined.Select(m => m.MembershipId).ToArray(), networks = joined.Select(m => m.NetworkId).ToArray(),
                people = joined.Select(m => m.PersonId).ToArray(), roles = joined.Select(m => m.Role).ToArray(), teams = joined.Select(m => m.TeamId).ToArray(),
                organizations = joined.Select(m => m.OrganizationId).ToArray(), starts = joined.Select(m => m.StartDate).ToArray(),
            }, uow.Transaction, cancellationToken: ct));

    /// <summary>End dates of many periods in one statement; a period not yet known is stored with its end only.</summary>
    public Task MembersLeftAsync(UnitOfWork uow, IReadOnlyList<MemberLeft> left, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into members (membership_id, tenant_id, network_id, person_id, end_date)
            select membership, @tenant, network, person, end_date from unnest(@memberships, @networks, @people, @ends) as l(membership, network, person, end_date)
            on conflict (membership_id) do update set end_date = excluded.end_date
            """, new
            {
                tenant = uow.TenantId, memberships = left.Select(m => m.MembershipId).ToArray(), networks = left.Select(m => m.NetworkId).ToArray(),
                people = left.Select(m => m.PersonId).ToArray(), ends = left.Select(m => m.EndDate).ToArray(),
            }, uow.Transaction, cancellationToken: ct));

    /// <summary>Every joined membership period of the network (the caller applies the network-year rule).</summary>
    public async Task<IReadOnlyList<RosterMember>> MembershipPeriodsAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<RosterMember>(new CommandDefinition("""
            select person_id as PersonId, role, team_id as TeamId, organization_id as OrganizationId, start_date as Start, end_date as End
            from members where network_id = @networkId and start_date is not null
            """, new { networkId }, uow.Transaction, cancellationToken: ct))).AsList();

    // Waves -----------------------------------------------------------------------------------------------------

    private const string WaveColumns = """
        id, network_id as NetworkId, instrument_id as InstrumentId, instrument_version as InstrumentVersion, network_year as NetworkYear,
        opens_on as OpensOn, closes_on as ClosesOn, status, created_at as CreatedAt, opened_at as OpenedAt, closed_at as ClosedAt,
        last_released_at as ResultsReleasedAt
        """;

    public Task InsertWaveAsync(UnitOfWork uow, SurveyWave w, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into waves (id, tenant_id, network_id, instrument_id, instrument_version, network_year, opens_on, closes_on, status, created_at)
            values (@Id, @tenant, @NetworkId, @InstrumentId, @InstrumentVersion, @NetworkYear, @OpensOn, @ClosesOn, @status, @CreatedAt)
            """, new { w.Id, tenant = uow.TenantId, w.NetworkId, w.InstrumentId, w.InstrumentVersion, w.NetworkYear, w.OpensOn, w.ClosesOn,
                status = w.Status.ToString(), w.CreatedAt }, uow.Transaction, cancellationToken: ct));

    public Task<SurveyWave?> WaveAsync(UnitOfWork uow, Guid id, bool forUpdate, CancellationToken ct) =>
        uow.Connection.QuerySingleOrDefaultAsync<SurveyWave?>(new CommandDefinition(
            $"select {WaveColumns} from waves where id = @id {(forUpdate ? "for update" : "")}", new { id }, uow.Transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<SurveyWave>> WavesAsync(UnitOfWork uow, Guid? networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<SurveyWave>(new CommandDefinition(
            $"select {WaveColumns} from waves where @networkId is null or network_id = @networkId order by network_year desc, created_at desc",
            new { networkId }, uow.Transaction, cancellationToken: ct))).AsList();

    public Task SetWaveStatusAsync(UnitOfWork uow, Guid id, WaveStatus status, DateTimeOffset at, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition($"""
            update waves set status = @status, {(status == WaveStatus.Open ? "opened_at" : "closed_at")} = @at where id = @id
            """, new { id, status = status.ToString(), at }, uow.Transaction, cancellationToken: ct));

    // Invitations and responses ---------------------------------------------------------------------------------

    /// <summary>What a submitted response's event is built from (<see cref="IntegrationEvents.ResponseEvents.Submitted"/>).</summary>
    private const string SubmittedResponseColumns =
        "response_key as ResponseKey, wave_id as WaveId, role, team_id as TeamId, scale_scores::text as ScaleScores, submitted_at as SubmittedAt";

    /// <summary>Every released response of the tenant with what its event carried (for a replay: the same steps again), wave by wave.</summary>
    public async Task<IReadOnlyList<SubmittedResponse>> ReleasedResponsesAsync(UnitOfWork uow, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<SubmittedResponse>(new CommandDefinition($"""
            select {SubmittedResponseColumns}
            from survey_responses where released_at is not null and scale_scores is not null order by wave_id, submitted_at
            """, transaction: uow.Transaction, cancellationToken: ct))).AsList();

    /// <summary>A wave's submitted responses whose step has not been released yet, oldest first.</summary>
    public async Task<IReadOnlyList<SubmittedResponse>> UnreleasedResponsesAsync(UnitOfWork uow, Guid waveId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<SubmittedResponse>(new CommandDefinition($"""
            select {SubmittedResponseColumns}
            from survey_responses where wave_id = @waveId and submitted_at is not null and released_at is null and scale_scores is not null
            order by submitted_at
            """, new { waveId }, uow.Transaction, cancellationToken: ct))).AsList();

    /// <summary>Marks a step released: its responses, and the wave's latest step.</summary>
    public Task MarkReleasedAsync(UnitOfWork uow, Guid waveId, IReadOnlyList<byte[]> responseKeys, DateTimeOffset at, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            update survey_responses set released_at = @at where response_key = any(@responseKeys);
            update waves set last_released_at = @at where id = @waveId;
            """, new { waveId, responseKeys = responseKeys.ToArray(), at }, uow.Transaction, cancellationToken: ct));

    /// <summary>Every hub's waves with responses waiting for their step (ids only: see migration 0004).</summary>
    public async Task<IReadOnlyList<(Guid TenantId, Guid WaveId)>> WavesWithUnreleasedResponsesAsync(UnitOfWork system, CancellationToken ct) =>
        (await system.Connection.QueryAsync<(Guid, Guid)>(new CommandDefinition(
            "select tenant_id, wave_id from waves_with_unreleased_responses()", transaction: system.Transaction, cancellationToken: ct))).AsList();

    /// <summary>
    /// Per wave of the tenant, how many responses were sent to Reporting (released): before <paramref name="before"/>, and
    /// in all. For the consistency check: responses waiting for their step are not expected there yet.
    /// </summary>
    public async Task<IReadOnlyList<WaveReleasedCount>> ReleasedCountsAsync(UnitOfWork uow, DateTimeOffset before, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<WaveReleasedCount>(new CommandDefinition("""
            select wave_id as WaveId, (count(*) filter (where released_at < @before))::int as ReleasedBefore, count(*)::int as Released
            from survey_responses where released_at is not null and scale_scores is not null
            group by wave_id order by wave_id
            """, new { before }, uow.Transaction, cancellationToken: ct))).AsList();

    public Task InsertInvitationsAsync(UnitOfWork uow, Guid waveId, IReadOnlyList<(Guid Id, RosterMember Member, byte[] TokenHash)> invitations, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into survey_invitations (id, tenant_id, wave_id, person_id, token_hash, role, team_id, organization_id)
            select id, @tenant, @waveId, person, hash, role, team, organization
            from unnest(@ids, @people, @hashes, @roles, @teams, @organizations) as i(id, person, hash, role, team, organization)
            """, new
            {
                tenant = uow.TenantId, waveId, ids = invitations.Select(i => i.Id).ToArray(), people = invitations.Select(i => i.Member.PersonId).ToArray(),
                hashes = invitations.Select(i => i.TokenHash).ToArray(), roles = invitations.Select(i => i.Member.Role).ToArray(),
                teams = invitations.Select(i => i.Member.TeamId).ToArray(), organizations = invitations.Select(i => i.Member.OrganizationId).ToArray(),
            }, uow.Transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<InvitationRow>> InvitationsAsync(UnitOfWork uow, Guid waveId, bool onlyNotSubmitted, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<InvitationRow>(new CommandDefinition("""
            select id, wave_id as WaveId, person_id as PersonId, role, team_id as TeamId, organization_id as OrganizationId, started, submitted
            from survey_invitations where wave_id = @waveId and (not @onlyNotSubmitted or not submitted)
            """, new { waveId, onlyNotSubmitted }, uow.Transaction, cancellationToken: ct))).AsList();

    /// <summary>
    /// The invitation a token hash belongs to, with its wave, and the answers saved under the response key: the respond
    /// path's read, one transaction shared with concurrent requests' reads (<see cref="GroupCommit"/>). It locks nothing:
    /// the write that follows checks that the response is still as read (<see cref="SaveResponse"/>). Separate
    /// statements, not a join: no row ever pairs an invitation with answers.
    /// </summary>
    public static Task<(InvitationRow Invitation, SurveyWave Wave, ResponseRow? Saved)?> LinkAsync(GroupCommit db, Guid tenantId, byte[] tokenHash,
        byte[] responseKey) =>
        db.QueryAsync<(InvitationRow, SurveyWave, ResponseRow?)?>(tenantId, [
            """
            select id, wave_id as WaveId, person_id as PersonId, role, team_id as TeamId, organization_id as OrganizationId, started, submitted
            from survey_invitations where token_hash = @tokenHash
            """,
            $"select {WaveColumns} from waves where id = (select wave_id from survey_invitations where token_hash = @tokenHash)",
            "select answers::text as Answers, saved_at as SavedAt, submitted_at as SubmittedAt from survey_responses where response_key = @responseKey",
        ], new Dictionary<string, object?> { ["tokenHash"] = tokenHash, ["responseKey"] = responseKey }, async reader =>
        {
            var invitation = (await GroupCommit.RowsAsync<InvitationRow>(reader)).SingleOrDefault();
            var wave = (await GroupCommit.RowsAsync<SurveyWave>(reader)).SingleOrDefault();
            var saved = (await GroupCommit.RowsAsync<ResponseRow>(reader)).SingleOrDefault();
            return invitation is null || wave is null ? null : (invitation, wave, saved);
        });

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, InvitedGroups> _invitedGroups = new();
    private readonly SemaphoreSlim _countingGroups = new(1, 1);

    /// <summary>
    /// How many invitations of an open wave share each role, team and school. The invitations are a snapshot taken at
    /// opening and never change, so they are counted once per wave. The first submits of a wave arrive together: one of
    /// them counts while the others wait for its result (in the survey benchmark, 32 racing counts of 30,000 invitations
    /// each took 1.5 s). Each counts on its own connection, so a cancelled request cancels only its own count.
    /// </summary>
    public async Task<InvitedGroups> InvitedGroupsAsync(ITenantCommands db, Guid waveId, CancellationToken ct)
    {
        if (_invitedGroups.TryGetValue(waveId, out var cached)) return cached;
        await _countingGroups.WaitAsync(ct);
        try
        {
            if (_invitedGroups.TryGetValue(waveId, out cached)) return cached;
            var counts = (await db.Connection.QueryAsync<InvitedGroups.Count>(db.Command("""
                select role, team_id as TeamId, organization_id as OrganizationId, count(*)::int as Invited
                from survey_invitations where wave_id = @waveId group by role, team_id, organization_id
                """, new { waveId }, ct))).AsList();
            return _invitedGroups[waveId] = new InvitedGroups(counts);
        }
        finally
        {
            _countingGroups.Release();
        }
    }

    public Task MarkMailedAsync(UnitOfWork uow, IReadOnlyList<Guid> invitationIds, DateTimeOffset at, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(
            "update survey_invitations set mailed_count = mailed_count + 1, last_mailed_at = @at where id = any(@ids)",
            new { ids = invitationIds.ToArray(), at }, uow.Transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<ProgressRow>> ProgressAsync(UnitOfWork uow, Guid waveId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<ProgressRow>(new CommandDefinition("""
            select i.role, i.team_id as TeamId, t.name as TeamName, i.organization_id as OrganizationId, t.school_name as SchoolName, i.started, i.submitted
            from survey_invitations i left join teams t on t.team_id = i.team_id where i.wave_id = @waveId
            """, new { waveId }, uow.Transaction, cancellationToken: ct))).AsList();

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
                ["TeamId"] = kept.TeamId, ["OrganizationId"] = kept.OrganizationId, ["answers"] = JsonSerializer.Serialize(answers, Json),
                ["scores"] = scaleScores is null ? null : JsonSerializer.Serialize(scaleScores, Json), ["at"] = at, ["submit"] = scaleScores is not null,
                ["readSavedAt"] = read?.SavedAt,
            });

    /// <summary>Runs a <see cref="SaveResponse"/> that sends no event, in a group commit; returns whether it wrote.</summary>
    public static async Task<bool> SaveAsync(GroupCommit commits, GuardedWrite write) =>
        await commits.ExecuteAsync(write.TenantId, write.Then("select from written"), write.Parameters) == 1;
}
