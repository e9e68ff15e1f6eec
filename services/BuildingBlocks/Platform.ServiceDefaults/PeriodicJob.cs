using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults;

/// <summary>
/// A background job that looks for due work every interval (the setting <paramref name="intervalSetting"/>, else
/// <paramref name="defaultInterval"/>) and, when a look fails, logs it and looks again next time. Every replica runs it:
/// the job claims its work in the database, so two looks never do one thing twice.
/// </summary>
public abstract class PeriodicJob(IConfiguration config, string intervalSetting, TimeSpan defaultInterval, TimeProvider clock, ILogger logger)
    : BackgroundService
{
    /// <summary>The one clock (tests move it).</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>What the job does, for the log ("Releasing survey results").</summary>
    protected abstract string Doing { get; }

    /// <summary>One look: does whatever is due now.</summary>
    public abstract Task RunOnceAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = config.GetValue(intervalSetting, defaultInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "{Doing} failed; trying again in {Interval}", Doing, interval);
            }
            await Task.Delay(interval, Clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
