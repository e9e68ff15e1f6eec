using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Platform.Data;

namespace Platform.ServiceDefaults;

/// <summary>
/// Answers a request that failed because PostgreSQL was briefly unavailable (restarting, connection refused or broken,
/// pool exhausted, too many connections, a deadlock or serialization failure) with 503 and Retry-After: the client may
/// try again, and nothing was written, since every write is one transaction. Any other exception stays a 500.
/// </summary>
internal sealed class DependencyUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<DependencyUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>Seconds a client should wait before trying again; PostgreSQL restarts in a few.</summary>
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!TransientDatabaseFailure.Is(exception)) return false;
        logger.LogWarning(exception, "{Method} {Path} answered 503: a dependency is unavailable", http.Request.Method, http.Request.Path);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service temporarily unavailable",
                Detail = $"A dependency of this service is briefly unavailable and nothing was saved; try again in {RetryAfterSeconds} seconds.",
            },
        });
    }
}
