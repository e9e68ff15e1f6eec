namespace Platform.Local;

/// <summary>A running service process: where it listens and where it logs.</summary>
public sealed class ServiceProcess(string name, int pid, Uri url, string logFile)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public string Name => name;
    public int Pid => pid;
    public Uri Url => url;
    public string LogFile => logFile;

    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (!Shell.IsAlive(pid))
                throw new InvalidOperationException($"{name} exited during start-up; log {logFile}:\n{RabbitMqNode.Tail(logFile)}");
            try
            {
                using var response = await Http.GetAsync(new Uri(url, "/health/ready"), ct);
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested) { }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{name} was not ready within {timeout}; log {logFile}:\n{RabbitMqNode.Tail(logFile)}");
            await Task.Delay(250, ct);
        }
    }

    public Task StopAsync() => Shell.StopGroupAsync(pid, TimeSpan.FromSeconds(10));
}
