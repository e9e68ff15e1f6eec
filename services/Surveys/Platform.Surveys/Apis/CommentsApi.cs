using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Data;
using Platform.ServiceDefaults;
using Platform.Surveys.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Apis;

/// <summary>What a wave's members wrote in the open questions, as the network's own hub may read it.</summary>
public sealed record WaveCommentsAnswer(Guid WaveId, bool Shown, string? Reason, IReadOnlyList<QuestionComments> Questions);

/// <summary>
/// Members' comments (domain.md section 4): the network's hub only (hub admins and hub staff; funders and members are
/// refused), once the wave has closed, per open question only from ten answers up, masked, shuffled on every read.
/// Nothing here is logged, published or sent to Reporting (docs/privacy.md).
/// </summary>
public static class CommentsApi
{
    public const string NotYet = "Members' comments are shown once the wave closes: while answers still arrive, two reads a while apart would show who wrote what.";

    public static RouteGroupBuilder MapCommentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/waves/{id:guid}/comments", Comments).WithTags("Waves").RequireAuthorization(Policies.HubTeam)
            .WithSummary("Members' answers to the open questions once the wave has closed: only where at least 10 answered, names, emails and phone numbers masked, in random order, nothing about who wrote them")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Results<Ok<WaveCommentsAnswer>, NotFound, ProblemHttpResult>> Comments(
        Guid id, ClaimsPrincipal user, Database db, WaveStore waves, InstrumentStore instruments, InvitationStore invitations,
        ResponseStore responses, PeopleDirectory people, CancellationToken ct)
    {
        Instrument instrument;
        IReadOnlyList<(string ItemId, string Text)> answers;
        IReadOnlyList<Guid> roster;
        await using (var uow = await db.BeginAsync(user.TenantId(), ct))
        {
            if (await waves.WaveAsync(uow, id, false, ct) is not { } wave) return TypedResults.NotFound();
            if (wave.Status != WaveStatus.Closed) return TypedResults.Ok(new WaveCommentsAnswer(id, false, NotYet, []));
            instrument = await instruments.WaveInstrumentAsync(uow, wave, ct);
            answers = await responses.OpenTextAnswersAsync(uow, id, ct);
            roster = (await invitations.InvitationsAsync(uow, id, onlyNotSubmitted: false, ct)).Select(i => i.PersonId).ToList();
        }

        IReadOnlyList<PersonContact> names;
        try
        {
            names = roster.Count == 0 ? [] : await people.ContactsAsync(user.TenantId(), roster, ct);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // Without the roster's names nothing can be masked: show nothing rather than a name.
            return TypedResults.Problem("The people directory (Networks) cannot be reached, so names cannot be masked; try again shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Comments are unavailable");
        }
        var mask = CommentMasking.For(names.Select(n => (n.GivenName, n.FamilyName)));
        return TypedResults.Ok(new WaveCommentsAnswer(id, true, null, WaveComments.Of(instrument, answers, mask, Random.Shared)));
    }
}
