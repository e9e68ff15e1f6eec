using System.Security.Claims;
using Platform.Data;
using Platform.Improvement.Application;
using Platform.Improvement.Data;
using Platform.Improvement.Domain;
using Platform.Improvement.IntegrationEvents;
using Platform.Messaging;
using Platform.ServiceDefaults;

namespace Platform.Improvement.Apis;

public sealed record ChangeIdeaRequest(string? Title = null, string? Description = null, ChangeIdeaStatus? Status = null, IReadOnlyList<string>? DriverKeys = null);

public sealed record ChangeIdeaEvidence(int Cycles, int CompletedCycles, IReadOnlyList<Guid> Teams, IReadOnlyDictionary<string, int> Decisions,
    IReadOnlyList<LinkedMeasure> Measures);

public sealed record ChangeIdeaView(Guid Id, Guid NetworkId, string Title, string? Description, ChangeIdeaStatus Status, IReadOnlyList<string> DriverKeys,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, ChangeIdeaEvidence Evidence)
{
    public static ChangeIdeaView Of(ChangeIdea i, CycleEvidence? e, IReadOnlyList<LinkedMeasure>? measures) => new(i.Id, i.NetworkId, i.Title, i.Description,
        i.Status, i.DriverKeys, i.CreatedAt, i.UpdatedAt,
        new ChangeIdeaEvidence(e?.Cycles ?? 0, e?.Completed ?? 0, e?.Teams ?? [], e?.Decisions ?? new Dictionary<string, int>(), measures ?? []));
}

/// <summary>
/// The network's change ideas: practice changes it believes will move a driver, with their status and the evidence
/// of the cycles that tested them. Everyone of the network reads them; the hub team records and edits them.
/// </summary>
public static class ChangeIdeasApi
{
    public const int MaxTitle = 200, MaxDescription = 4000, MaxDrivers = 20;

    public static RouteGroupBuilder MapChangeIdeasApi(this RouteGroupBuilder network)
    {
        var ideas = network.MapGroup("/change-ideas").WithTags("Change ideas");
        ideas.MapPost("/", Create).WithSummary("Record a change idea (status Idea unless given)").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        ideas.MapGet("/", List).WithSummary("The network's change ideas with their evidence").ProducesProblem(StatusCodes.Status404NotFound);
        ideas.MapGet("/{id:guid}", Get).ProducesProblem(StatusCodes.Status404NotFound);
        ideas.MapPut("/{id:guid}", Update).WithSummary("Edit a change idea: title, description, status, the drivers it serves").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return network;
    }

    private static Dictionary<string, string[]> Problems(ChangeIdeaRequest r)
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(r.Title) || r.Title.Trim().Length > MaxTitle) problems["title"] = [$"A title is 1 to {MaxTitle} characters."];
        if (r.Description is { Length: > MaxDescription }) problems["description"] = [$"A description has at most {MaxDescription} characters."];
        if (r.DriverKeys is { Count: > MaxDrivers }) problems["driverKeys"] = [$"At most {MaxDrivers} drivers."];
        return problems;
    }

    /// <summary>The drivers named must be drivers of the network's current theory.</summary>
    private static async Task<Dictionary<string, string[]>> UnknownDriversAsync(UnitOfWork uow, TheoryStore theories, Guid networkId, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var problems = new Dictionary<string, string[]>();
        if (keys.Count == 0) return problems;
        var known = (await theories.CurrentAsync(uow, networkId, ct))?.Diagram.DriverKeys ?? new HashSet<string>();
        for (var i = 0; i < keys.Count; i++)
            if (keys[i] is null || !known.Contains(keys[i])) problems[$"driverKeys[{i}]"] = ["The network's current theory has no driver with this key."];
        return problems;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task<IResult> Create(Guid networkId, ChangeIdeaRequest request, ClaimsPrincipal user, Database db, Callers callers, ChangeIdeaStore store,
        TheoryStore theories, Outbox outbox, TimeProvider clock, CancellationToken ct)
    {
        if (Problems(request) is { Count: > 0 } problems) return Invalid.Fields(problems);
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (!caller.IsHubTeam) return caller.IsOutsider ? Access.NotAMember() : Access.HubTeamOnly();
        var keys = (request.DriverKeys ?? []).Distinct().ToList();
        if (await UnknownDriversAsync(uow, theories, networkId, keys, ct) is { Count: > 0 } unknown) return Invalid.Fields(unknown);
        var now = clock.GetUtcNow();
        var idea = new ChangeIdea(Guid.CreateVersion7(), networkId, request.Title!.Trim(), Clean(request.Description), request.Status ?? ChangeIdeaStatus.Idea, keys, now, now);
        await store.InsertAsync(uow, idea, ct);
        await outbox.EnqueueAsync(uow, ImprovementEvents.StatusChanged(user.TenantId(), idea, null), ct);
        await uow.CommitAsync(ct);
        return TypedResults.Created($"/api/improvement/networks/{networkId}/change-ideas/{idea.Id}", ChangeIdeaView.Of(idea, null, null));
    }

    private static async Task<IResult> List(Guid networkId, ClaimsPrincipal user, Database db, Callers callers, ChangeIdeaStore store, MeasureStore measures,
        CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        var evidence = await store.EvidenceAsync(uow, networkId, null, ct);
        var linked = await measures.MeasuresByChangeIdeaAsync(uow, networkId, ct);
        return TypedResults.Ok((await store.ListAsync(uow, networkId, ct))
            .Select(i => ChangeIdeaView.Of(i, evidence.GetValueOrDefault(i.Id), linked.GetValueOrDefault(i.Id))).ToList());
    }

    private static async Task<IResult> Get(Guid networkId, Guid id, ClaimsPrincipal user, Database db, Callers callers, ChangeIdeaStore store, MeasureStore measures,
        CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (caller.IsOutsider) return Access.NotAMember();
        if (await store.FindAsync(uow, networkId, id, false, ct) is not { } idea) return Access.NotFound("change idea");
        return TypedResults.Ok(ChangeIdeaView.Of(idea, (await store.EvidenceAsync(uow, networkId, id, ct)).GetValueOrDefault(id),
            await measures.MeasuresOfChangeIdeaAsync(uow, networkId, id, ct)));
    }

    private static async Task<IResult> Update(Guid networkId, Guid id, ChangeIdeaRequest request, ClaimsPrincipal user, Database db, Callers callers,
        ChangeIdeaStore store, TheoryStore theories, MeasureStore measures, Outbox outbox, TimeProvider clock, CancellationToken ct)
    {
        if (Problems(request) is { Count: > 0 } problems) return Invalid.Fields(problems);
        if (request.Status is null) return Invalid.Field("status", "Give the change idea's status (Idea, Testing, Adopted, Adapted, Abandoned or Spreading).");
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await callers.ForNetworkAsync(user, uow, networkId, ct) is not { } caller) return Access.NoNetwork();
        if (!caller.IsHubTeam) return caller.IsOutsider ? Access.NotAMember() : Access.HubTeamOnly();
        if (await store.FindAsync(uow, networkId, id, forUpdate: true, ct) is not { } idea) return Access.NotFound("change idea");
        var keys = (request.DriverKeys ?? []).Distinct().ToList();
        if (await UnknownDriversAsync(uow, theories, networkId, keys, ct) is { Count: > 0 } unknown) return Invalid.Fields(unknown);
        var updated = idea with { Title = request.Title!.Trim(), Description = Clean(request.Description), Status = request.Status.Value, DriverKeys = keys, UpdatedAt = clock.GetUtcNow() };
        await ChangeIdeaStatusRule.SaveAsync(uow, store, outbox, user.TenantId(), idea, updated, ct);
        var evidence = (await store.EvidenceAsync(uow, networkId, id, ct)).GetValueOrDefault(id);
        var linked = await measures.MeasuresOfChangeIdeaAsync(uow, networkId, id, ct);
        await uow.CommitAsync(ct);
        return TypedResults.Ok(ChangeIdeaView.Of(updated, evidence, linked));
    }
}
