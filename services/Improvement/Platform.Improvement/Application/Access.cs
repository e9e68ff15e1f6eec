using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Improvement.Application;

/// <summary>The refusals every endpoint gives the same way.</summary>
public static class Access
{
    /// <summary>Hub admins, hub staff and members of a hub; funders (and everyone else) get 403 on every endpoint.</summary>
    public const string Policy = "ImprovementWork";

    public static ProblemHttpResult NoNetwork() =>
        TypedResults.Problem("No network of your hub has that id.", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem($"The network has no {what} with that id.", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult NotAMember() =>
        TypedResults.Problem("You are not a current member of this network.", statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult HubTeamOnly() =>
        TypedResults.Problem("Only the hub team (hub admins and hub staff) may change this.", statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult NotYourTeam() =>
        TypedResults.Problem("You may write cycles only for the improvement teams you belong to.", statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult CoachesOnly() =>
        TypedResults.Problem("Only hub admins and the network's improvement coaches log coaching touchpoints.", statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult NoCoachSeat() =>
        TypedResults.Problem("You hold no current Improvement coach seat in this network; a hub admin can assign one (hub staff, role ImprovementCoach).",
            statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict);
}
