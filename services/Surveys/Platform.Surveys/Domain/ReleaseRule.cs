namespace Platform.Surveys.Domain;

/// <summary>
/// When a wave's results are first released (issue 24): at the close, or earlier once the response rate reaches the
/// hub's threshold, so a hub does not read a profile of its keenest few as if it were the network. After the first
/// step, results move only in the released steps of <see cref="Platform.HealthModel.SteppedRelease"/>.
/// </summary>
public static class ReleaseRule
{
    public const int DefaultThreshold = 50;

    /// <summary>Whether results may be released: at the close, once a step has gone, or at the threshold (compared exactly, not rounded).</summary>
    public static bool Released(int threshold, int submitted, int invited, bool closed, bool released) =>
        closed || released || (invited > 0 && 100L * submitted >= (long)threshold * invited);

    /// <summary>How many more submits reach the threshold (0 when reached).</summary>
    public static int MoreNeeded(int threshold, int submitted, int invited) =>
        Math.Max(0, (int)Math.Ceiling(threshold * invited / 100m) - submitted);
}
