using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Platform.Data;
using Platform.Improvement.Application;
using Platform.ServiceDefaults;

namespace Platform.Improvement.Apis;

/// <summary>
/// The network's change package: one self-contained printable HTML page (inline CSS and SVG, no scripts, no external
/// resources), or the same content as JSON with <c>Accept: application/json</c>. The hub team and the network's members read it.
/// </summary>
public static partial class ChangePackageApi
{
    public static RouteGroupBuilder MapChangePackageApi(this RouteGroupBuilder network)
    {
        network.MapGet("/change-package", Get).WithTags("Change package")
            .WithSummary("The change package as a printable HTML page (?download=true: as an attachment), or JSON with Accept: application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").Produces<ChangePackage>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return network;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();

    /// <summary>change-package-&lt;network&gt;-&lt;date&gt;.html, the network's name cut to letters, digits and dashes.</summary>
    public static string FileName(ChangePackage p)
    {
        var slug = NotSlug().Replace(p.Network.ToLowerInvariant(), "-").Trim('-');
        if (slug.Length > 60) slug = slug[..60].Trim('-');
        return $"change-package-{(slug.Length > 0 ? slug : p.NetworkId.ToString("N"))}-{p.AsOf:yyyy-MM-dd}.html";
    }

    private static async Task<IResult> Get(Guid networkId, bool? download, HttpContext http, ClaimsPrincipal user, Database db, Callers callers,
        ChangePackages packages, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        if (await packages.ForNetworkAsync(uow, networkId, ct) is not { } package) return Access.NoNetwork();
        if (http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase)) return TypedResults.Ok(package);
        if (download == true)
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = FileName(package) }.ToString();
        return new RazorComponentResult<Reports.ChangePackagePage>(new { Package = package });
    }
}
