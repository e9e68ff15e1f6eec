using System.Security.Claims;
using Platform.Data;
using Platform.Improvement.Application;
using Platform.Improvement.Data;
using Platform.ServiceDefaults;

namespace Platform.Improvement.Apis;

public sealed record MyTeam(Guid NetworkId, string NetworkName, Guid TeamId, string TeamName);

/// <summary>The signed-in member's teams, and every team of their networks by name (to say which team tests what).</summary>
public sealed record MyTeams(IReadOnlyList<MyTeam> Teams, IReadOnlyList<MyTeam> NetworkTeams);

/// <summary>
/// The member's own view: which improvement teams they belong to today, across the hub's networks. Members are
/// recognised as every endpoint recognises them (<see cref="Callers"/>); hub admins and hub staff belong to no team.
/// </summary>
public static class MemberApi
{
    public static IEndpointRouteBuilder MapMemberApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/improvement/me").WithTags("Member").RequireAuthorization(Access.Policy);
        me.MapGet("/teams", Teams).WithSummary("The caller's current improvement teams (network and team, id and name), and the names of their networks' teams");
        return app;
    }

    private static async Task<IResult> Teams(ClaimsPrincipal user, Database db, Callers callers, RosterStore roster, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(user.TenantId(), ct);
        var mine = await callers.CurrentTeamsAsync(user, uow, ct);
        var networkTeams = mine.Count == 0 ? [] : await roster.TeamsOfAsync(uow, mine.Select(t => t.NetworkId).Distinct().ToList(), ct);
        return TypedResults.Ok(new MyTeams(mine.Select(View).ToList(), networkTeams.Select(View).ToList()));
    }

    private static MyTeam View(NetworkTeam t) => new(t.NetworkId, t.NetworkName, t.TeamId, t.TeamName);
}
