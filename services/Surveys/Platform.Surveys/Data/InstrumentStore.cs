using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Platform.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Data;

public sealed record InstrumentSummary(string Id, string Name, int LatestVersion, bool BuiltIn);

/// <summary>Instrument versions: the built-in ones (no tenant) and each hub's own. Published versions never change.</summary>
public sealed class InstrumentStore : IDisposable
{
    /// <summary>
    /// Bounded, never invalidated: a published version never changes, so a cached one is never stale, and the bound keeps
    /// a long-running service from holding every version every hub ever published (an evicted one is read again).
    /// </summary>
    private readonly MemoryCache _waveInstruments = new(new MemoryCacheOptions { SizeLimit = 256 });

    public async Task<IReadOnlyList<InstrumentSummary>> InstrumentsAsync(ITenantCommands db, CancellationToken ct) =>
        (await db.Connection.QueryAsync<InstrumentSummary>(db.Command("""
            select instrument_id as Id, (array_agg(name order by version desc))[1] as Name, max(version) as LatestVersion, bool_and(tenant_id is null) as BuiltIn
            from instrument_versions group by instrument_id order by bool_and(tenant_id is null) desc, instrument_id
            """, ct: ct))).AsList();

    public async Task<Instrument?> InstrumentAsync(ITenantCommands db, string id, int version, CancellationToken ct)
    {
        var content = await db.Connection.QuerySingleOrDefaultAsync<string>(db.Command(
            "select content::text from instrument_versions where instrument_id = @id and version = @version", new { id, version }, ct));
        return content is null ? null : JsonSerializer.Deserialize<Instrument>(content, SurveyJson.Options);
    }

    /// <summary>
    /// The instrument of a wave the caller could already read (so row-level security has been applied): the respond path
    /// reads one on every request, so it comes from the cache.
    /// </summary>
    public async Task<Instrument> WaveInstrumentAsync(ITenantCommands db, SurveyWave wave, CancellationToken ct)
    {
        var key = (wave.InstrumentId, wave.InstrumentVersion);
        if (_waveInstruments.TryGetValue(key, out Instrument? cached)) return cached!;
        var instrument = await InstrumentAsync(db, wave.InstrumentId, wave.InstrumentVersion, ct)
            ?? throw new InvalidOperationException($"Wave {wave.Id} names a missing instrument version.");
        return _waveInstruments.Set(key, instrument, new MemoryCacheEntryOptions { Size = 1 });
    }

    /// <summary>Whether the instrument exists for this tenant, and whether it is the tenant's own (built-in ones are not).</summary>
    public Task<bool?> IsOwnInstrumentAsync(ITenantCommands db, string id, CancellationToken ct) =>
        db.Connection.QuerySingleOrDefaultAsync<bool?>(db.Command(
            "select bool_and(tenant_id is not null) from instrument_versions where instrument_id = @id having count(*) > 0", new { id }, ct));

    public Task<int> LatestVersionAsync(ITenantCommands db, string id, CancellationToken ct) =>
        db.Connection.ExecuteScalarAsync<int>(db.Command(
            "select coalesce(max(version), 0) from instrument_versions where instrument_id = @id", new { id }, ct));

    /// <summary>Publishes a version; false when that version already exists (published versions never change).</summary>
    public async Task<bool> PublishAsync(UnitOfWork uow, Instrument instrument, bool builtIn, CancellationToken ct)
    {
        if (builtIn)
            await uow.Connection.ExecuteAsync(uow.Command("select set_config('app.system', 'on', true)", ct: ct));
        return await uow.Connection.ExecuteAsync(uow.Command("""
            insert into instrument_versions (instrument_id, version, tenant_id, name, content)
            values (@Id, @Version, @tenant, @Name, @content::jsonb) on conflict do nothing
            """, new { instrument.Id, instrument.Version, tenant = builtIn ? null : uow.TenantId, instrument.Name,
                content = JsonSerializer.Serialize(instrument, SurveyJson.Options) }, ct)) == 1;
    }

    public void Dispose() => _waveInstruments.Dispose();
}
