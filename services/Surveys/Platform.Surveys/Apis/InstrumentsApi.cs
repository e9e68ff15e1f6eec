using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Data;
using Platform.ServiceDefaults;
using Platform.Surveys.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Apis;

/// <summary>A hub's own instrument content: the same shape as the built-in one.</summary>
public sealed record InstrumentContent(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: StringLength(2000)] string? Description,
    [property: Required, MaxLength(30)] IReadOnlyList<InstrumentScale> Scales,
    [property: Required, MaxLength(30)] IReadOnlyList<InstrumentSection> Sections);

public static class InstrumentsApi
{
    public static RouteGroupBuilder MapInstrumentsApi(this RouteGroupBuilder api)
    {
        var instruments = api.MapGroup("/instruments").WithTags("Instruments").RequireAuthorization(Policies.HubTeam);
        instruments.MapGet("/", List).WithSummary("Built-in instruments and the hub's own, with their latest version");
        instruments.MapGet("/{id}/versions/{version:int}", Get).WithSummary("One published version: sections, items, scales and labels")
            .ProducesProblem(StatusCodes.Status404NotFound);
        instruments.MapPost("/", Create).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Add a network-specific instrument (published as version 1)").ProducesValidationProblem();
        instruments.MapPost("/{id}/versions", NewVersion).RequireAuthorization(Policies.HubAdmin)
            .WithSummary("Publish a new version of one of the hub's own instruments (published versions never change)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<InstrumentSummary>>> List(ClaimsPrincipal user, Database db, InstrumentStore instruments, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        return TypedResults.Ok(await instruments.InstrumentsAsync(uow, ct));
    }

    private static async Task<Results<Ok<Instrument>, NotFound>> Get(string id, int version, ClaimsPrincipal user, Database db, InstrumentStore instruments, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        return await instruments.InstrumentAsync(uow, id, version, ct) is { } instrument ? TypedResults.Ok(instrument) : TypedResults.NotFound();
    }

    private static Task<IResult> Create(InstrumentContent content, ClaimsPrincipal user, Database db, InstrumentStore instruments, CancellationToken ct) =>
        PublishAsync($"custom-{Guid.NewGuid():N}"[..19], content, user, db, instruments, isNew: true, ct);

    private static Task<IResult> NewVersion(string id, InstrumentContent content, ClaimsPrincipal user, Database db, InstrumentStore instruments, CancellationToken ct) =>
        PublishAsync(id, content, user, db, instruments, isNew: false, ct);

    private static async Task<IResult> PublishAsync(string id, InstrumentContent content, ClaimsPrincipal user, Database db, InstrumentStore instruments, bool isNew, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (!isNew)
        {
            var own = await instruments.IsOwnInstrumentAsync(uow, id, ct);
            if (own is null) return TypedResults.NotFound();
            if (own == false) return TypedResults.Problem("Built-in instruments cannot be edited; add your own instrument instead.", statusCode: 403);
        }
        var instrument = new Instrument(id, await instruments.LatestVersionAsync(uow, id, ct) + 1, content.Name.Trim(), content.Description, content.Scales, content.Sections);
        if (instrument.Problems() is { Count: > 0 } problems)
            return Invalid.Fields(new Dictionary<string, string[]> { ["content"] = [.. problems] });
        if (!await instruments.PublishAsync(uow, instrument, builtIn: false, ct))
            return TypedResults.Problem("Another version was published at the same moment; try again.", statusCode: 409);
        await uow.CommitAsync(ct);
        return TypedResults.Created($"/api/surveys/instruments/{id}/versions/{instrument.Version}", instrument);
    }
}
