using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.RateLimiting;
using Scalar.AspNetCore;
using Platform.ServiceDefaults;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Gateway;

public static class GatewayExtensions
{
    public const string TenantRateLimit = "per-tenant";
    private static readonly string[] DocumentedApis = ["networks", "surveys", "assessments", "improvement", "reporting", "tenants"];

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            // The tenant comes only from the validated token; a client-supplied header is never passed on.
            .AddTransforms(t => t.AddRequestHeaderRemove("X-Tenant-Id"));

        var limits = builder.Configuration.GetSection("RateLimiting");
        var permitsPerSecond = limits.GetValue("PermitsPerSecond", 500);
        var burst = limits.GetValue("Burst", permitsPerSecond * 2);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // One token bucket per tenant (per client address before sign-in), so one busy hub cannot starve the others.
            o.AddPolicy(TenantRateLimit, http => RateLimitPartition.GetTokenBucketLimiter(
                http.User.FindFirst(PlatformClaims.TenantId)?.Value ?? "anon:" + http.Connection.RemoteIpAddress,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = permitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                context.HttpContext.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "The tenant's request rate limit was exceeded." },
                });
            };
        });

        // Under the readiness probe's 3 s timeout: a hung service must not make the gateway's own readiness time out.
        builder.Services.AddHttpClient(DownstreamHealthCheck.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(2));
        builder.Services.AddHealthChecks().AddCheck<DownstreamHealthCheck>("downstream", tags: ["ready"]);
        return builder;
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UseSecurityHeaders();
        // Every answer names its trace, so a user's report can be found in the logs and traces.
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                if (System.Diagnostics.Activity.Current is { } activity)
                    http.Response.Headers["X-Correlation-Id"] = activity.TraceId.ToString();
                return Task.CompletedTask;
            });
            return next(http);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// A service that is down (or has no destination left) is answered here with a problem+json the clients understand
    /// (503, or 504 when it did not answer in time) instead of YARP's empty 502: the other routes keep working meanwhile.
    /// </summary>
    private static async Task AnswerForwardingFailuresAsync(HttpContext http, Func<Task> next)
    {
        await next();
        var failure = http.Features.Get<IForwarderErrorFeature>();
        if (failure is null || http.Response.HasStarted
            || failure.Error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled) return;
        var (status, title) = failure.Error switch
        {
            ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout, "Service did not answer in time"),
            ForwarderError.Request or ForwarderError.NoAvailableDestinations => (StatusCodes.Status503ServiceUnavailable, "Service unavailable"),
            _ => (StatusCodes.Status502BadGateway, "Bad gateway"),
        };
        http.Response.Clear();
        http.Response.StatusCode = status; // the problem writer takes the status from the response, not from the details
        if (status == StatusCodes.Status503ServiceUnavailable) http.Response.Headers.RetryAfter = "5";
        var service = http.GetReverseProxyFeature().Route.Config.ClusterId;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = $"The {service} service is not reachable right now; try again shortly." },
        });
    }

    /// <summary>
    /// When a replica could not even be connected to (it was killed, or is restarting), the request is sent to another
    /// replica of the service: nothing reached the first, so any request, a POST too, is safe to send again. A request
    /// that reached a replica and then failed (the connection broke mid-answer) is never repeated here, since its write
    /// may have committed; the client gets 503 and decides (a survey submit retried that had committed answers 409).
    /// Passive health checks meanwhile take the dead replica out of the rotation, active ones bring it back.
    /// </summary>
    private static async Task TryAnotherReplicaWhenNoneWasReachedAsync(HttpContext http, Func<Task> next)
    {
        var proxy = http.GetReverseProxyFeature();
        var candidates = proxy.AvailableDestinations;
        if (candidates.Count < 2)
        {
            await next();
            return;
        }
        // Buffered so a retry can send the body again (bodies are small here: 1 MiB at most outside the roster route).
        http.Request.EnableBuffering();
        var tried = new HashSet<DestinationState>();
        while (true)
        {
            await next();
            var failure = http.Features.Get<IForwarderErrorFeature>();
            if (failure is null || http.Response.HasStarted || !NothingReachedTheService(failure) || proxy.ProxiedDestination is not { } failed) return;
            tried.Add(failed);
            var remaining = candidates.Where(d => !tried.Contains(d)).ToList();
            if (remaining.Count == 0) return;
            proxy.AvailableDestinations = remaining;
            http.Features.Set<IForwarderErrorFeature>(null);
            http.Response.Clear();
            http.Request.Body.Position = 0;
        }
    }

    /// <summary>The connection itself failed (refused, reset while connecting): not a byte of the request was sent.</summary>
    private static bool NothingReachedTheService(IForwarderErrorFeature failure) =>
        failure.Error == ForwarderError.Request
        && failure.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };

    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync }).AllowAnonymous();
        app.MapScalarApiReference("/api/docs", o =>
        {
            o.Title = "Network Health platform APIs";
            foreach (var api in DocumentedApis)
                o.AddDocument(api, char.ToUpperInvariant(api[0]) + api[1..], $"/api/{api}/openapi/v1.json");
        }).AllowAnonymous();
        // Any /api path no route above owns (service-only /api/service/... included) ends here, not in the Portal's
        // catch-all: a template with the literal "api" outranks the Portal's "/{**rest}", and every service route outranks it.
        app.Map("/api/{**rest}", (HttpContext http) => Results.Problem(statusCode: StatusCodes.Status404NotFound,
            title: "Not found", detail: $"No API answers {http.Request.Path}.")).AllowAnonymous();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseSessionAffinity();
            // Outside the retries: a failure is answered as problem+json only once no replica is left to try.
            proxy.Use(AnswerForwardingFailuresAsync);
            proxy.Use(TryAnotherReplicaWhenNoneWasReachedAsync);
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
