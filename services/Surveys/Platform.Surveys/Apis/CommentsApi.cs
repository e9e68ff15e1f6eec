using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Data;
using Platform.Messaging.ReadModels;
using Platform.ServiceDefaults;
using Platform.Surveys.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Apis;

/// <summary>What a wave's members wrote in the open questions, as the network's own hub may read it.</summary>
public sealed record WaveCommentsAnswer(Guid WaveId, bool Shown, string? Reason, IReadOnlyList<QuestionComments> Questions);

/// <summary>
/// Members' comments (domain.md section 4): the network's hub only (hub admins, and hub staff who hold a seat in the
/// wave's network; funders and members are refused), once the wave's results are released, from the released responses
/// only (so they move in the same steps as the scores), per open question only from ten answers up, masked, shuffled on
/// every read. Nothing here is logged, published or sent to Reporting (docs/privacy.md).
/// </summary>
public static class CommentsApi
{
    public const string NotYet = "Members' comments are shown once the wave's results are released (at its response-rate threshold or when it closes), "
        + "and then move only in the same steps as its scores: comments that grew with every submit would show who wrote what.";

    public const string NoSeat = "Members' comments are read by the hub admins and by the hub staff who hold a seat in this network.";

    public static RouteGroupBuilder MapCommentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/waves/{id:guid}/comments", Comments).WithTags("Waves").RequireAuthorization(Policies.HubTeam)
            .WithSummary("Members' answers to the open questions once the wave's results are released (hub admins, and hub staff with a seat in the network): only where at least 10 answered, names, emails and phone numbers masked, in random order, nothing about who wrote them")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Results<Ok<WaveCommentsAnswer>, NotFound, ProblemHttpResult>> Comments(
        Guid id, ClaimsPrincipal user, Database db, WaveStore waves, InstrumentStore instruments, InvitationStore invitations,
        ResponseStore responses, HubStaffSeatsStore seats, PeopleDirectory people, TimeProvider clock, CancellationToken ct)
    {
        // Hub staff read a network's comments only from a seat in it; a hub admin runs every network of the hub.
        var needsSeat = !user.IsInRole(Roles.HubAdmin);
        Instrument? instrument = null;
        IReadOnlyList<(string ItemId, string Text)> answers = [];
        IReadOnlyList<Guid> roster = [], seatHolders = [];
        bool released;
        await using (var uow = await db.BeginAsync(user.TenantId(), ct))
        {
            if (await waves.WaveAsync(uow, id, false, ct) is not { } wave) return TypedResults.NotFound();
            if (needsSeat) seatHolders = (await seats.CurrentSeatsAsync(uow, wave.NetworkId, clock.Today(), ct)).Select(s => s.PersonId).Distinct().ToList();
            if (needsSeat && seatHolders.Count == 0) return TypedResults.Problem(NoSeat, statusCode: StatusCodes.Status403Forbidden);
            released = wave.ResultsReleasedAt is not null || wave.Status == WaveStatus.Closed;
            if (released)
            {
                instrument = await instruments.WaveInstrumentAsync(uow, wave, ct);
                answers = await responses.OpenTextAnswersAsync(uow, id, ct);
                roster = (await invitations.InvitationsAsync(uow, id, onlyNotSubmitted: false, ct)).Select(i => i.PersonId).ToList();
            }
        }

        IReadOnlyList<PersonContact> contacts;
        try
        {
            var asked = roster.Concat(seatHolders).Distinct().ToList();
            contacts = asked.Count == 0 ? [] : await people.ContactsAsync(user.TenantId(), asked, ct);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // Without the roster's names nothing can be masked (nor a seat recognised): show nothing rather than a name.
            return TypedResults.Problem("The people directory (Networks) cannot be reached, so names cannot be masked; try again shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Comments are unavailable");
        }
        if (needsSeat && !contacts.Any(c => seatHolders.Contains(c.PersonId) && c.IsCaller(user)))
            return TypedResults.Problem(NoSeat, statusCode: StatusCodes.Status403Forbidden);
        if (!released) return TypedResults.Ok(new WaveCommentsAnswer(id, false, NotYet, []));

        var rosterIds = roster.ToHashSet();
        var mask = CommentMasking.For(contacts.Where(c => rosterIds.Contains(c.PersonId)).Select(c => (c.GivenName, c.FamilyName)));
        return TypedResults.Ok(new WaveCommentsAnswer(id, true, null, WaveComments.Of(instrument!, answers, mask, Random.Shared)));
    }
}
