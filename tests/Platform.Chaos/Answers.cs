using System.Collections.Concurrent;
using System.Net;

namespace Platform.Chaos;

/// <summary>
/// What the clients were answered during a scenario: every failed request is classified as clean (the platform said it
/// could not serve: 502/503/504 as problem+json, or the connection failed) or not (a 500, a 2xx-less surprise, a 409 on
/// a first try); the suite allows no unclean answer.
/// </summary>
public sealed class Answers
{
    private long _failedCleanly;
    private readonly ConcurrentQueue<string> _unclean = new();

    public long FailedCleanly => Interlocked.Read(ref _failedCleanly);
    public IReadOnlyCollection<string> Unclean => _unclean;

    public void FailedClean() => Interlocked.Increment(ref _failedCleanly);
    public void FailedUnclean(string what) => _unclean.Enqueue(what);

    /// <summary>True when the answer is one a client may retry after: the service said it was unavailable, as problem+json.</summary>
    public static async Task<bool> IsCleanFailureAsync(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
        && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
        && (await response.Content.ReadAsStringAsync()).Length > 0;

    public static bool IsConnectionFailure(Exception e) => e is HttpRequestException { StatusCode: null } or TaskCanceledException or IOException;
}
