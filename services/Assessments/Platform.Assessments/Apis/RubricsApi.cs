using Platform.Assessments.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Assessments.Domain;
using Platform.ServiceDefaults;

namespace Platform.Assessments.Apis;

public sealed record RubricListing(string Id, string Name, int LatestVersion);

public static class RubricsApi
{
    public static RouteGroupBuilder MapRubricsApi(this RouteGroupBuilder api)
    {
        var rubrics = api.MapGroup("/rubrics").WithTags("Rubrics").RequireAuthorization(Policies.HubTeam);
        rubrics.MapGet("/", (RubricCatalog catalog) => TypedResults.Ok(catalog.All.GroupBy(r => r.Id)
                .Select(g => new RubricListing(g.Key, g.MaxBy(r => r.Version)!.Name, g.Max(r => r.Version))).ToList()))
            .WithSummary("The rubrics, with their latest version");
        rubrics.MapGet("/{id}/versions/{version:int}", Results<Ok<Rubric>, NotFound> (string id, int version, RubricCatalog catalog) =>
                catalog.Find(id, version) is { } rubric ? TypedResults.Ok(rubric) : TypedResults.NotFound())
            .WithSummary("One rubric version: areas (goal, draft), practices, look-fors and the four levels").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
