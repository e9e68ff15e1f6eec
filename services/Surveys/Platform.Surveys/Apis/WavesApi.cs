using Platform.Surveys.Application;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Surveys;
using Platform.Data;
using Platform.HealthModel;
using Platform.Messaging;
using Platform.Messaging.ReadModels;
using Platform.ServiceDefaults;
using Platform.Surveys.Data;
using Platform.Surveys.Domain;
using Platform.Surveys.IntegrationEvents;

namespace Platform.Surveys.Apis;

public sealed record CreateWaveRequest(
    Guid NetworkId,
    [property: Required, StringLength(80, MinimumLength = 1)] string InstrumentId,
    [property: Range(1, 10_000)] int Version,
    [property: Range(2000, 2100)] int NetworkYear,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    // Results are released at the close, or once this % of the invited have submitted (0: at once); default 50.
    [property: Range(0, 100)] int? ReleaseThreshold = null,
    // The languages it is offered in: English and any of the instrument's translations; default all of them.
    [property: MaxLength(10)] string[]? Languages = null);

public sealed record MailingResult(int Invited, int Mailed);

public sealed record RosterPreview(int NetworkYear, int Members, bool Draft);

/// <summary>A count that is either shown or, for a group under the minimum, replaced by a note.</summary>
public sealed record GroupProgress(string Group, string Key, int? Invited, int? Started, int? Submitted, decimal? ResponseRate, string? Note);

/// <param name="MoreToRelease">How many more submits reach the release threshold; 0 once reached, released or closed.</param>
public sealed record WaveProgress(int Invited, int Started, int Submitted, decimal ResponseRate, IReadOnlyList<GroupProgress> ByTeam, IReadOnlyList<GroupProgress> BySchool,
    int ReleaseThreshold, bool ResultsReleased, int MoreToRelease);

/// <summary>Survey waves, run by a hub admin: create, open (snapshot the year's members and mail their links), remind, close, watch progress.</summary>
public static class WavesApi
{
    public static RouteGroupBuilder MapWavesApi(this RouteGroupBuilder api)
    {
        // What a wave is (not its answers) is the hub team's to read: hub staff find the wave of a report's comments.
        // Running it, and its progress, are the hub admins'.
        var read = api.MapGroup("/waves").WithTags("Waves").RequireAuthorization(Policies.HubTeam);
        read.MapGet("/", List).WithSummary("The hub's waves, optionally of one network");
        read.MapGet("/{id:guid}", Get).ProducesProblem(StatusCodes.Status404NotFound);
        var waves = api.MapGroup("/waves").WithTags("Waves").RequireAuthorization(Policies.HubAdmin);
        waves.MapPost("/", Create).WithSummary("Create a wave (draft) of an instrument version for a network year")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        waves.MapGet("/{id:guid}/roster", Preview).WithSummary("How many members opening the wave would invite (the network year's members as of now)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        waves.MapPost("/{id:guid}/open", Open).WithSummary("Open: snapshot the network year's members and mail each a personal link")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        waves.MapPost("/{id:guid}/reminders", Remind).WithSummary("Mail the link again to those who have not submitted (counts toward the reminder schedule and keeps its spacing: 409 with the reason otherwise)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        waves.MapPost("/{id:guid}/close", Close).WithSummary("Close: the wave accepts nothing more")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        waves.MapGet("/{id:guid}/progress", Progress).WithSummary("Invited, started, submitted and response rate, overall and by team and school (small groups suppressed), and how far the wave is from its release threshold")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Created<SurveyWave>, ValidationProblem, ProblemHttpResult>> Create(
        CreateWaveRequest request, ClaimsPrincipal user, Database db, WaveStore waves, InstrumentStore instruments, InstrumentLanguages languages, NetworkFactsStore networks,
        TimeProvider clock, CancellationToken ct)
    {
        if (request.ClosesOn < request.OpensOn)
            return Invalid.Field("closesOn", "The wave must close on or after the day it opens.");
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await networks.NetworkAsync(uow, request.NetworkId, ct) is null)
            return TypedResults.Problem("No network of your hub has that id.", statusCode: StatusCodes.Status404NotFound);
        if (await instruments.InstrumentAsync(uow, request.InstrumentId, request.Version, ct) is not { } instrument)
            return Invalid.Field("version", $"There is no instrument {request.InstrumentId} version {request.Version}.");
        var offered = languages.Of(instrument);
        var chosen = (request.Languages ?? [.. offered]).Append(InstrumentTranslation.English).Distinct().ToArray();
        if (chosen.Except(offered).ToList() is { Count: > 0 } unknown)
            return Invalid.Field("languages", $"This instrument is offered in {string.Join(", ", offered)}, not in {string.Join(", ", unknown)}.");
        var wave = new SurveyWave(Guid.CreateVersion7(), request.NetworkId, request.InstrumentId, request.Version, request.NetworkYear,
            request.OpensOn, request.ClosesOn, WaveStatus.Draft, clock.GetUtcNow(), null, null,
            ReleaseThreshold: request.ReleaseThreshold ?? ReleaseRule.DefaultThreshold, LanguageList: string.Join(',', chosen));
        await waves.InsertWaveAsync(uow, wave, ct);
        await uow.CommitAsync(ct);
        return TypedResults.Created($"/api/surveys/waves/{wave.Id}", wave);
    }

    private static async Task<Ok<IReadOnlyList<SurveyWave>>> List(Guid? networkId, ClaimsPrincipal user, Database db, WaveStore waves, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        return TypedResults.Ok(await waves.WavesAsync(uow, networkId, ct));
    }

    private static async Task<Results<Ok<SurveyWave>, NotFound>> Get(Guid id, ClaimsPrincipal user, Database db, WaveStore waves, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        return await waves.WaveAsync(uow, id, false, ct) is { } wave ? TypedResults.Ok(wave) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<MailingResult>, NotFound, ProblemHttpResult>> Open(
        Guid id, ClaimsPrincipal user, Database db, WaveStore waves, InvitationStore invitations, RosterStore members, NetworkFactsStore networks, ReminderStore reminders,
        SurveyLinks links, SurveyMail mail, TimeProvider clock, CancellationToken ct)
    {
        var tenant = user.TenantId();
        List<(Guid Id, Guid PersonId)> invited;
        NetworkFacts network;
        SurveyWave wave;
        await using (var uow = await db.BeginAsync(tenant, ct))
        {
            if (await waves.WaveAsync(uow, id, forUpdate: true, ct) is not { } found) return TypedResults.NotFound();
            wave = found;
            if (wave.Status != WaveStatus.Draft) return TypedResults.Problem($"The wave is already {wave.Status.ToString().ToLowerInvariant()}.", statusCode: 409);
            network = (await networks.NetworkAsync(uow, wave.NetworkId, ct))!;
            var roster = await RosterAsync(uow, members, network, wave, ct);
            if (roster.Count == 0)
                return TypedResults.Problem($"The network has no members in network year {wave.NetworkYear} yet.", statusCode: 409);
            var rows = roster.Select(m => (Id: Guid.CreateVersion7(), Member: m)).ToList();
            await invitations.InsertInvitationsAsync(uow, wave.Id,
                rows.Select(r => (r.Id, r.Member, TenantToken.Hash(links.TokenFor(tenant, r.Id)))).ToList(), ct);
            var now = clock.GetUtcNow();
            await waves.SetWaveStatusAsync(uow, wave.Id, WaveStatus.Open, now, ct);
            // A schedule set on the draft times its first reminder from now.
            if (await reminders.ScheduleAsync(uow, wave.Id, claim: false, ct) is { } scheduled)
                await reminders.SetNextDueAsync(uow, wave.Id, Reminders.NextDue(scheduled.Schedule, now, wave.ClosesOn, []), ct);
            await uow.CommitAsync(ct);
            invited = rows.Select(r => (r.Id, r.Member.PersonId)).ToList();
        }
        // Mail after the commit: the invitations exist whatever happens to the mail, and reminders can re-send.
        var mailed = await mail.SendAndRecordAsync(tenant, network.Name, wave, invited, reminder: false, ct);
        return TypedResults.Ok(new MailingResult(invited.Count, mailed));
    }

    /// <summary>
    /// Members(Y) as Surveys knows them: one entry per person with a membership period overlapping the wave's network
    /// year (domain.md section 2); their latest period in it gives role and team.
    /// </summary>
    private static async Task<List<RosterMember>> RosterAsync(UnitOfWork uow, RosterStore members, NetworkFacts network, SurveyWave wave, CancellationToken ct)
    {
        var calendar = new NetworkYearCalendar(network.YearStartMonth, network.YearStartDay);
        return (await members.MembershipPeriodsAsync(uow, wave.NetworkId, ct))
            .Where(m => calendar.Overlaps(m.Start, m.End, wave.NetworkYear))
            .GroupBy(m => m.PersonId).Select(g => g.OrderByDescending(m => m.Start).First()).ToList();
    }

    private static async Task<Results<Ok<RosterPreview>, NotFound>> Preview(Guid id, ClaimsPrincipal user, Database db, WaveStore waves, RosterStore members, NetworkFactsStore networks, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await waves.WaveAsync(uow, id, false, ct) is not { } wave) return TypedResults.NotFound();
        var roster = await RosterAsync(uow, members, (await networks.NetworkAsync(uow, wave.NetworkId, ct))!, wave, ct);
        return TypedResults.Ok(new RosterPreview(wave.NetworkYear, roster.Count, wave.Status == WaveStatus.Draft));
    }

    private static async Task<Results<Ok<MailingResult>, NotFound, ProblemHttpResult>> Remind(Guid id, ClaimsPrincipal user, WaveReminders reminders, CancellationToken ct)
    {
        var result = await reminders.ByHandAsync(user.TenantId(), id, ct);
        if (result.Outcome == WaveReminders.Outcome.NotFound) return TypedResults.NotFound();
        if (result.Outcome != WaveReminders.Outcome.Sent) return TypedResults.Problem(result.Refusal, statusCode: StatusCodes.Status409Conflict);
        return TypedResults.Ok(new MailingResult(result.Invited, result.Mailed));
    }

    private static async Task<Results<Ok<SurveyWave>, NotFound, ProblemHttpResult>> Close(
        Guid id, ClaimsPrincipal user, Database db, WaveStore waves, InvitationStore invitations, ResponseRelease release, Outbox outbox, TimeProvider clock, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await waves.WaveAsync(uow, id, forUpdate: true, ct) is not { } wave) return TypedResults.NotFound();
        if (wave.Status != WaveStatus.Open) return TypedResults.Problem($"Only an open wave can be closed; this one is {wave.Status.ToString().ToLowerInvariant()}.", statusCode: 409);
        var now = clock.GetUtcNow();
        await waves.SetWaveStatusAsync(uow, id, WaveStatus.Closed, now, ct);
        // The final step: every response still waiting goes now, before the close itself.
        await release.ReleaseDueAsync(uow, wave with { Status = WaveStatus.Closed, ClosedAt = now }, ct);
        var invited = await invitations.InvitationsAsync(uow, id, false, ct);
        await outbox.EnqueueAsync(uow, WaveEvents.Closed(user.TenantId(), wave, invited, now), ct);
        await uow.CommitAsync(ct);
        return TypedResults.Ok(wave with { Status = WaveStatus.Closed, ClosedAt = now });
    }

    private static async Task<Results<Ok<WaveProgress>, NotFound>> Progress(Guid id, ClaimsPrincipal user, Database db, WaveStore waves, InvitationStore invitations, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        if (await waves.WaveAsync(uow, id, false, ct) is not { } wave) return TypedResults.NotFound();
        var rows = await invitations.ProgressAsync(uow, id, ct);
        var minimum = Suppression.MinimumN;
        var submitted = rows.Count(r => r.Submitted);
        var released = wave.ResultsReleasedAt is not null || wave.Status == WaveStatus.Closed;
        return TypedResults.Ok(new WaveProgress(rows.Count, rows.Count(r => r.Started), submitted, Rate(rows),
            Groups(rows, r => r.TeamId?.ToString() ?? "none", r => r.TeamName ?? "No team", minimum),
            Groups(rows, r => r.OrganizationId?.ToString() ?? "none", r => r.SchoolName ?? "No school", minimum),
            wave.ReleaseThreshold, released, released ? 0 : ReleaseRule.MoreNeeded(wave.ReleaseThreshold, submitted, rows.Count)));
    }

    /// <summary>Per group, the counts; groups under the minimum (by invited) and their complements say so instead.</summary>
    private static List<GroupProgress> Groups(IReadOnlyList<ProgressRow> rows, Func<ProgressRow, string> key, Func<ProgressRow, string> name, int minimum)
    {
        var groups = rows.GroupBy(key).ToList();
        var hidden = Suppression.HiddenGroups(groups.Select(g => (g.Key, g.Count())), minimum);
        return groups.OrderBy(g => name(g.First())).Select(g => hidden.Contains(g.Key)
                ? new GroupProgress(name(g.First()), g.Key, null, null, null, null, Suppression.HiddenNote(minimum))
                : new GroupProgress(name(g.First()), g.Key, g.Count(), g.Count(r => r.Started), g.Count(r => r.Submitted), Rate(g.ToList()), null))
            .ToList();
    }

    private static decimal Rate(IReadOnlyCollection<ProgressRow> rows) => ResponseRate.Of(rows.Count(r => r.Submitted), rows.Count);

}
