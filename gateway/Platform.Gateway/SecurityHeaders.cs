namespace Platform.Gateway;

/// <summary>
/// Security headers on every answer that leaves the platform (portal pages, Identity's pages, API answers, the gateway's
/// own), set once here, where everything passes, over whatever a service set.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// What the pages actually use: the portal is server-rendered without any script; its progress bars and Identity's
    /// sign-in page style inline (so styles allow 'unsafe-inline', scripts never do). The one script allowed is the one
    /// OpenIddict's form_post answer runs to hand the authorization code to the portal, pinned by its hash.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'sha256-j7OoGArf6XW6YY4cAyS3riSSvrJRqpSi1fOF9vQ5SrI='; " +
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>The API reference page (Scalar) runs its own inline start-up script: it is only kept from being framed.</summary>
    private const string ApiReferencePolicy = "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/api/docs") ? ApiReferencePolicy : ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            // Survey and invitation links carry their secret in the path: a link followed from those pages must not hand it on.
            headers["Referrer-Policy"] = "no-referrer";
            // Signed-in pages, a member's survey and API answers hold personal data: a shared computer's back button or a
            // proxy must not show them again. Only static assets (stylesheets, scripts, images, fonts) keep their caching.
            if (!IsStaticAsset(http.Response.ContentType))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
                headers.Expires = "0";
            }
            // Over plain HTTP (local runs) HSTS means nothing; behind TLS (here, or at an Ingress that says so in
            // X-Forwarded-Proto) it pins the browser to HTTPS. Browsers ignore HSTS received over HTTP, so a forged
            // header gains nothing.
            if (http.Request.IsHttps || string.Equals(http.Request.Headers["X-Forwarded-Proto"], "https", StringComparison.OrdinalIgnoreCase))
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            return Task.CompletedTask;
        });
        return next(http);
    });

    private static bool IsStaticAsset(string? contentType) =>
        contentType is not null && (contentType.StartsWith("text/css", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("javascript", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("font/", StringComparison.OrdinalIgnoreCase));
}
