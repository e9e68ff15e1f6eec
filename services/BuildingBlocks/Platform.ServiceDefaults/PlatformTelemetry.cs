using System.Diagnostics;

namespace Platform.ServiceDefaults;

/// <summary>The activity source for the platform's own spans (outbox relay, inbox consumers).</summary>
public static class PlatformTelemetry
{
    public const string SourceName = "Platform";
    public static readonly ActivitySource Source = new(SourceName);
}
