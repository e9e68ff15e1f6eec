using Dapper;
using Platform.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Data;

/// <summary>Survey waves: created as drafts, opened, closed.</summary>
public sealed class WaveStore
{
    /// <summary>A wave row as <see cref="SurveyWave"/> (also read by <see cref="ResponseStore.LinkAsync"/>).</summary>
    internal const string WaveColumns = """
        id, network_id as NetworkId, instrument_id as InstrumentId, instrument_version as InstrumentVersion, network_year as NetworkYear,
        opens_on as OpensOn, closes_on as ClosesOn, status, created_at as CreatedAt, opened_at as OpenedAt, closed_at as ClosedAt,
        last_released_at as ResultsReleasedAt, release_threshold as ReleaseThreshold, array_to_string(languages, ',') as LanguageList
        """;

    public Task InsertWaveAsync(UnitOfWork uow, SurveyWave w, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command("""
            insert into waves (id, tenant_id, network_id, instrument_id, instrument_version, network_year, opens_on, closes_on, status, created_at, release_threshold, languages)
            values (@Id, @tenant, @NetworkId, @InstrumentId, @InstrumentVersion, @NetworkYear, @OpensOn, @ClosesOn, @status, @CreatedAt, @ReleaseThreshold, string_to_array(@LanguageList, ','))
            """, new { w.Id, tenant = uow.TenantId, w.NetworkId, w.InstrumentId, w.InstrumentVersion, w.NetworkYear, w.OpensOn, w.ClosesOn,
                status = w.Status.ToString(), w.CreatedAt, w.ReleaseThreshold, w.LanguageList }, ct));

    /// <param name="forUpdate">Lock the row until the unit of work ends, so changes to one wave serialize.</param>
    public Task<SurveyWave?> WaveAsync(ITenantCommands db, Guid id, bool forUpdate, CancellationToken ct) =>
        db.Connection.QuerySingleOrDefaultAsync<SurveyWave?>(db.Command(
            $"select {WaveColumns} from waves where id = @id {(forUpdate ? "for update" : "")}", new { id }, ct));

    public async Task<IReadOnlyList<SurveyWave>> WavesAsync(ITenantCommands db, Guid? networkId, CancellationToken ct) =>
        (await db.Connection.QueryAsync<SurveyWave>(db.Command(
            $"select {WaveColumns} from waves where @networkId is null or network_id = @networkId order by network_year desc, created_at desc",
            new { networkId }, ct))).AsList();

    public Task SetWaveStatusAsync(UnitOfWork uow, Guid id, WaveStatus status, DateTimeOffset at, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(uow.Command($"""
            update waves set status = @status, {(status == WaveStatus.Open ? "opened_at" : "closed_at")} = @at where id = @id
            """, new { id, status = status.ToString(), at }, ct));
}
