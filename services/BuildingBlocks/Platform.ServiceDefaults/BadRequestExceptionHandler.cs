using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Platform.ServiceDefaults;

/// <summary>
/// Turns request-reading failures (malformed JSON, unknown or missing fields, bad enum names, oversized bodies)
/// into 400/413 problem details that say what was wrong, instead of the 500 an unhandled exception would give.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } bad => (bad.StatusCode, json.Message),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            UnauthorizedAccessException denied => (StatusCodes.Status403Forbidden, denied.Message),
            _ => (0, null),
        };
        if (status == 0) return false;
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = status == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : status == 403 ? "Forbidden" : "Bad request",
                Detail = detail,
            },
        });
    }
}
