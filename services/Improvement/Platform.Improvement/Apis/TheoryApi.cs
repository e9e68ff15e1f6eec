using System.Security.Claims;
using Platform.Data;
using Platform.Improvement.Application;
using Platform.Improvement.Data;
using Platform.Improvement.Domain;
using Platform.Improvement.IntegrationEvents;
using Platform.Messaging;
using Platform.ServiceDefaults;

namespace Platform.Improvement.Apis;

/// <summary>The whole tree and why it changed. Nullable on purpose: a missing part is answered by name (400), not by the binder.</summary>
public sealed record TheoryRequest(AimInput? Aim = null, IReadOnlyList<PrimaryDriverInput>? PrimaryDrivers = null, string? Reason = null);

public sealed record TheoryView(Guid NetworkId, int Version, Aim Aim, IReadOnlyList<PrimaryDriver> PrimaryDrivers, string Reason, string Author, DateTimeOffset CreatedAt)
{
    public static TheoryView Of(TheoryVersion v) => new(v.NetworkId, v.Version, v.Diagram.Aim, v.Diagram.PrimaryDrivers, v.Reason, v.Author, v.CreatedAt);
}

/// <summary>
/// A network's theory of improvement (driver diagram), versioned: every PUT is a new version in one transaction, and
/// any two versions can be compared. Everyone of the network reads it; only the hub team writes it.
/// </summary>
public static class TheoryApi
{
    public const int MaxReason = 1000;

    public static RouteGroupBuilder MapTheoryApi(this RouteGroupBuilder network)
    {
        var theory = network.MapGroup("/theory").WithTags("Theory of improvement");
        theory.MapGet("/", Current).WithSummary("The current version (JSON, or the driver diagram as SVG with Accept: image/svg+xml); 404 before the first")
            .Produces<TheoryView>().Produces(StatusCodes.Status200OK, contentType: "image/svg+xml").ProducesProblem(StatusCodes.Status404NotFound);
        theory.MapPut("/", Revise).WithSummary("A new version: the whole tree (aim, primary and secondary drivers, change ideas) and the reason")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        theory.MapGet("/versions", Versions).WithSummary("Every version: number, author, time, reason").ProducesProblem(StatusCodes.Status404NotFound);
        theory.MapGet("/versions/{version:int}", Version).ProducesProblem(StatusCodes.Status404NotFound);
        theory.MapGet("/compare", Compare).WithSummary("Drivers and change ideas added, removed, renamed and moved from one version to another")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return network;
    }

    private static async Task<IResult> Current(Guid networkId, HttpContext http, ClaimsPrincipal user, Database db, Callers callers, TheoryStore store,
        ChangeIdeaStore ideas, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        if (await store.CurrentAsync(uow, networkId, ct) is not { } current)
            return TypedResults.Problem("The network has no theory of improvement yet.", statusCode: StatusCodes.Status404NotFound);
        if (http.Request.Headers.Accept.ToString().Contains("image/svg+xml", StringComparison.OrdinalIgnoreCase))
        {
            var titles = (await ideas.ListAsync(uow, networkId, ct)).ToDictionary(i => i.Id, i => i.Title);
            return TypedResults.Text(DriverDiagramSvg.Draw(current.Diagram, current.Version, titles), "image/svg+xml");
        }
        return TypedResults.Ok(TheoryView.Of(current));
    }

    private static async Task<IResult> Revise(Guid networkId, TheoryRequest request, ClaimsPrincipal user, Database db, Callers callers, TheoryStore store,
        ChangeIdeaStore ideas, MeasureStore measures, Outbox outbox, TimeProvider clock, CancellationToken ct)
    {
        var (diagram, problems) = DriverDiagrams.Build(request.Aim, request.PrimaryDrivers, () => "d" + Guid.NewGuid().ToString("N"));
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > MaxReason)
            problems["reason"] = [$"Say why the theory changed, in 1 to {MaxReason} characters."];
        if (problems.Count > 0) return Invalid.Fields(problems);

        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (!caller.IsHubTeam) return caller.IsOutsider ? Access.NotAMember() : Access.HubTeamOnly();
        var known = await ideas.ExistingAsync(uow, networkId, diagram!.ChangeIdeaIds.ToList(), ct);
        var unknown = new Dictionary<string, string[]>();
        for (var i = 0; i < diagram.PrimaryDrivers.Count; i++)
            for (var j = 0; j < diagram.PrimaryDrivers[i].SecondaryDrivers.Count; j++)
            {
                var ids = diagram.PrimaryDrivers[i].SecondaryDrivers[j].ChangeIdeaIds;
                for (var k = 0; k < ids.Count; k++)
                    if (!known.Contains(ids[k])) unknown[$"primaryDrivers[{i}].secondaryDrivers[{j}].changeIdeaIds[{k}]"] = ["The network has no change idea with this id."];
            }
        // The aim's measure tracks the aim: it must be one of this network's measures.
        if (diagram.Aim.MeasureId is { } measureId && (await measures.FindAsync(uow, measureId, false, ct))?.NetworkId != networkId)
            unknown["aim.measureId"] = ["The network has no measure with this id."];
        if (unknown.Count > 0) return Invalid.Fields(unknown);

        var now = clock.GetUtcNow();
        var version = await store.AddVersionAsync(uow, networkId, diagram, request.Reason!.Trim(), caller.Name, now, ct);
        var saved = new TheoryVersion(networkId, version, diagram, request.Reason.Trim(), caller.Name, now);
        await outbox.EnqueueAsync(uow, ImprovementEvents.Revised(user.TenantId(), saved), ct);
        await uow.CommitAsync(ct);
        return TypedResults.Ok(TheoryView.Of(saved));
    }

    private static async Task<IResult> Versions(Guid networkId, ClaimsPrincipal user, Database db, Callers callers, TheoryStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        return TypedResults.Ok(await store.VersionsAsync(uow, networkId, ct));
    }

    private static async Task<IResult> Version(Guid networkId, int version, ClaimsPrincipal user, Database db, Callers callers, TheoryStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        return await store.VersionAsync(uow, networkId, version, ct) is { } v
            ? TypedResults.Ok(TheoryView.Of(v))
            : TypedResults.Problem($"The theory has no version {version}.", statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Compare(Guid networkId, int? from, int? to, ClaimsPrincipal user, Database db, Callers callers, TheoryStore store, CancellationToken ct)
    {
        // Who asks comes first: another hub learns "no such network" whatever it asked (GeneratedSecurityTests).
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        if (from is null) return Invalid.Field("from", "Name the version to compare from (?from=n).");
        if (to is null) return Invalid.Field("to", "Name the version to compare to (?to=m).");
        if (await store.VersionAsync(uow, networkId, from.Value, ct) is not { } a)
            return TypedResults.Problem($"The theory has no version {from}.", statusCode: StatusCodes.Status404NotFound);
        if (await store.VersionAsync(uow, networkId, to.Value, ct) is not { } b)
            return TypedResults.Problem($"The theory has no version {to}.", statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Ok(TheoryCompare.Compare(a.Version, a.Diagram, b.Version, b.Diagram));
    }
}
