using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Data;
using Platform.Networks.Data;
using Platform.ServiceDefaults;

namespace Platform.Networks.Apis;

public sealed record ContactsRequest([property: Required, MaxLength(ContactsApi.MaxPeople)] Guid[] PersonIds);

/// <summary>
/// Service-to-service only (not routed by the gateway): where to mail people that another service knows by id from
/// the Networks events, which never carry addresses. Surveys mails personal survey links with it and masks the roster's
/// names in members' comments; Assessments recognises a signed-in hub-staff rater by it.
/// </summary>
public static class ContactsApi
{
    public const int MaxPeople = 20_000;
    public const string PeopleDirectoryPolicy = "PeopleDirectory";

    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/service/tenants/{tenantId:guid}/contacts", Contacts).RequireAuthorization(PeopleDirectoryPolicy)
            .WithTags("Service").WithSummary("Email addresses and names of a hub's people, by person id (surveys-service, assessments-service and improvement-service only)")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Ok<IReadOnlyList<PersonContact>>> Contacts(Guid tenantId, ContactsRequest request, Database db, MembershipStore store, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(tenantId, ct);
        return TypedResults.Ok(await store.ContactsAsync(uow, request.PersonIds, ct));
    }
}
