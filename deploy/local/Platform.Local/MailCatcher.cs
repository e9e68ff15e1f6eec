namespace Platform.Local;

/// <summary>maildev (from npm, installed by ./dev into .tools/): an SMTP listener plus a web page and REST API of what arrived.</summary>
public sealed class MailCatcher(string repoRoot, int smtpPort, int webPort, string logFile, string pidFile)
{
    public string Executable => Path.Combine(repoRoot, ".tools", "node_modules", "maildev", "bin", "maildev");
    public Uri WebUrl => new($"http://127.0.0.1:{webPort}/");
    public int SmtpPort => smtpPort;

    public async Task StartAsync(CancellationToken ct = default)
    {
        if (await Shell.PortOpenAsync(smtpPort)) return;
        if (!File.Exists(Executable)) throw new FileNotFoundException("maildev is not installed; ./dev installs it into .tools/.", Executable);
        var pid = Shell.StartDetached("node", [Executable, "--smtp", smtpPort.ToString(), "--web", webPort.ToString(), "--ip", "127.0.0.1"],
            new Dictionary<string, string>(), logFile);
        await File.WriteAllTextAsync(pidFile, pid.ToString(), ct);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await Shell.PortOpenAsync(smtpPort) || !await Shell.PortOpenAsync(webPort))
        {
            if (!Shell.IsAlive(pid) || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"maildev did not start; see {logFile}:\n{RabbitMqNode.Tail(logFile)}");
            await Task.Delay(100, ct);
        }
    }

    public async Task StopAsync()
    {
        if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile), out var pid))
            await Shell.StopGroupAsync(pid, TimeSpan.FromSeconds(5));
        File.Delete(pidFile);
    }
}
