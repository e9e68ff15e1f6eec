using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Messaging.ReadModels;
using Platform.ServiceDefaults;
using Platform.Surveys.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Apis;

/// <summary>Omitted fields take the defaults: 3 reminders, 7 days apart, at 9:00, in the network's time zone.</summary>
public sealed record ReminderScheduleRequest(
    [property: Range(1, 10)] int? MaxReminders = null,
    [property: Range(1, 60)] int? MinDaysApart = null,
    [property: Range(0, 23)] int? HourOfDay = null,
    [property: StringLength(64)] string? TimeZone = null);

/// <summary>
/// A wave's reminders: its schedule (null: reminders only by hand), when the next one is due, when each went, and whether
/// the schedule keeps the network's time zone (it moves when the network's does).
/// </summary>
public sealed record ReminderPlan(ReminderSchedule? Schedule, DateTimeOffset? NextDueAt, IReadOnlyList<DateTimeOffset> Sent, bool FollowsNetwork = false);

/// <summary>A wave's reminder schedule, set by the hub admin; the reminders go from <c>WaveReminderJob</c>.</summary>
public static class ReminderScheduleApi
{
    public static RouteGroupBuilder MapReminderScheduleApi(this RouteGroupBuilder api)
    {
        var schedule = api.MapGroup("/waves/{id:guid}/reminder-schedule").WithTags("Waves").RequireAuthorization(Policies.HubAdmin);
        schedule.MapGet("/", Get).WithSummary("The wave's reminder schedule, when the next reminder is due, and when each reminder went")
            .ProducesProblem(StatusCodes.Status404NotFound);
        schedule.MapPut("/", Put).WithSummary("Send reminders automatically: at most N, at least D days apart (and after the invitation), at an hour in a time zone, to those who have not submitted")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        schedule.MapDelete("/", Delete).WithSummary("Stop sending reminders automatically").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<ReminderPlan>, NotFound>> Get(Guid id, ClaimsPrincipal user, Database db, WaveStore waves, ReminderStore reminders, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await waves.WaveAsync(uow, id, false, ct) is null) return TypedResults.NotFound();
        var scheduled = await reminders.ScheduleAsync(uow, id, claim: false, ct);
        return TypedResults.Ok(new ReminderPlan(scheduled?.Schedule, scheduled?.NextDueAt, await reminders.SentAsync(uow, id, ct), scheduled?.FollowsNetwork ?? false));
    }

    private static async Task<Results<Ok<ReminderPlan>, ValidationProblem, NotFound, ProblemHttpResult>> Put(
        Guid id, ReminderScheduleRequest request, ClaimsPrincipal user, Database db, WaveStore waves, NetworkFactsStore networks, ReminderStore reminders,
        TimeProvider clock, CancellationToken ct)
    {
        var asked = NetworkTimeZone.Known(request.TimeZone);
        if (request.TimeZone is not null && asked is null)
            return Invalid.Field("timeZone", $"'{request.TimeZone}' is not a time zone; use an IANA name such as America/Chicago.");
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await waves.WaveAsync(uow, id, forUpdate: true, ct) is not { } wave) return TypedResults.NotFound();
        // The hour is in the network's zone, and moves with it, unless the hub names another zone for this wave.
        var networkZone = (await networks.NetworkAsync(uow, wave.NetworkId, ct))?.TimeZone ?? NetworkTimeZone.Default;
        var zone = asked ?? networkZone;
        var followsNetwork = zone == networkZone;
        var schedule = new ReminderSchedule(request.MaxReminders ?? ReminderSchedule.DefaultMaxReminders, request.MinDaysApart ?? ReminderSchedule.DefaultMinDaysApart,
            request.HourOfDay ?? ReminderSchedule.DefaultHourOfDay, zone);
        if (wave.Status == WaveStatus.Closed) return TypedResults.Problem("A closed wave sends no more reminders.", statusCode: StatusCodes.Status409Conflict);
        var sent = await reminders.SentAsync(uow, id, ct);
        // A draft's first reminder is timed from its opening (WavesApi.Open sets it).
        var next = Reminders.NextDue(schedule, wave, sent);
        await reminders.SaveScheduleAsync(uow, id, schedule, next, followsNetwork, ct);
        await uow.CommitAsync(ct);
        return TypedResults.Ok(new ReminderPlan(schedule, next, sent, followsNetwork));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(Guid id, ClaimsPrincipal user, Database db, WaveStore waves, ReminderStore reminders, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await waves.WaveAsync(uow, id, forUpdate: true, ct) is null) return TypedResults.NotFound();
        await reminders.DeleteScheduleAsync(uow, id, ct);
        await uow.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
