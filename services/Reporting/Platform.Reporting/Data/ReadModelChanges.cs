using Npgsql;

namespace Platform.Reporting.Data;

/// <summary>
/// Hears the database announce each committed read-model change (a trigger on every read-model table notifies
/// <see cref="Channel"/>) and counts them. A cache may keep an answer only under the count it saw before reading, and
/// only while changes are being heard: a lost listening connection bumps the count and turns caching off until it is back.
/// </summary>
public sealed class ReadModelChanges(NpgsqlDataSource dataSource, ILogger<ReadModelChanges> log) : BackgroundService
{
    public const string Channel = "reporting_read_model";
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    private long _version;
    private volatile bool _listening;

    /// <summary>The current version of the read models, or null while changes are not being heard (nothing may be cached).</summary>
    public long? Version => _listening ? Interlocked.Read(ref _version) : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => Interlocked.Increment(ref _version);
                await using (var listen = new NpgsqlCommand($"listen {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                Interlocked.Increment(ref _version); // a change made while nobody listened must not look cached
                _listening = true;
                while (true)
                {
                    // A quiet connection is checked now and then, so a dead one is noticed.
                    if (!await connection.WaitAsync(Heartbeat, stoppingToken))
                        await using (var ping = new NpgsqlCommand("select 1", connection)) await ping.ExecuteScalarAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _listening = false;
                Interlocked.Increment(ref _version);
                log.LogWarning(e, "Not hearing read-model changes; answers are not cached until the connection is back");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
        _listening = false;
    }
}
