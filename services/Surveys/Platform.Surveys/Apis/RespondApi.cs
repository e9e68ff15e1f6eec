using Platform.Surveys.Application;
using Platform.ServiceDefaults;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Platform.Contracts.Surveys;
using Platform.Data;
using Platform.HealthModel;
using Platform.Messaging.ReadModels;
using Platform.Surveys.Data;
using Platform.Surveys.IntegrationEvents;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Apis;

public sealed record SaveAnswersRequest(Dictionary<string, JsonElement> Answers);

/// <param name="Language">The language <paramref name="Instrument"/> is in; <paramref name="Languages"/>: those it can be shown in.</param>
public sealed record SurveyToRespond(string Network, int NetworkYear, DateOnly ClosesOn, string Status, Instrument Instrument, Answers Answers, DateTimeOffset? SavedAt,
    string Language, IReadOnlyList<string> Languages);

public sealed record Submitted(DateTimeOffset SubmittedAt);

/// <summary>
/// Answering from a personal link: no login; the token is the credential. Nothing here ever returns or logs who the
/// respondent is, and the response row is reached only through the token.
/// </summary>
public static class RespondApi
{
    public const int MaxAnswersPerSave = 500;

    public static RouteGroupBuilder MapRespondApi(this RouteGroupBuilder api)
    {
        var respond = api.MapGroup("/respond").WithTags("Respond").AllowAnonymous();
        respond.MapGet("/{token}", Get).WithSummary("The instrument to render (in ?lang=, default en; answers are kept by item id, whatever the language), the answers saved so far, and the status")
            .ProducesProblem(404).ProducesProblem(410);
        respond.MapPut("/{token}", Save).WithSummary("Save some answers (a value sets an item, null clears it); resume later from any device; ?lang= words the refusals")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(410);
        respond.MapPost("/{token}/submit", Submit).WithSummary("Submit once (optionally with last answers): validates ranges, items and required answers")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(410);
        return api;
    }

    private sealed record Link(TenantConnection Connection, InvitationRow Invitation, SurveyWave Wave, byte[] ResponseKey, ResponseRow? Saved);

    /// <summary>How often a save or submit reads again after its write found the response changed since its read.</summary>
    private const int Attempts = 3;

    /// <summary>
    /// Resolves a token to its invitation, wave and saved answers (a group read) and hands them to <paramref name="act"/>,
    /// which answers the request, or returns null when its guarded write found the response changed since the read
    /// (another device saved or submitted in between): then it runs again on a fresh read.
    /// </summary>
    private static async Task<IResult> WithLinkAsync(string token, string? lang, Database db, ResponseStore responses, Func<Link, Task<IResult?>> act, CancellationToken ct)
    {
        if (!TenantToken.TryReadTenant(token, out var tenant)) return NotFound(lang);
        await using var connection = db.ForTenant(tenant);
        var tokenHash = TenantToken.Hash(token);
        var responseKey = SurveyLinks.ResponseKey(token);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (await responses.LinkAsync(tenant, tokenHash, responseKey) is not { } found) return NotFound(lang);
            if (await act(new Link(connection, found.Invitation, found.Wave, responseKey, found.Saved)) is { } answered) return answered;
        }
        return TypedResults.Problem(RespondTexts.In(lang, "Your answers changed on another device at the same moment. Reload the survey and try again."), statusCode: 409);
    }

    private static IResult NotFound(string? lang) =>
        TypedResults.Problem(RespondTexts.In(lang, "This survey link is not valid. Check that you used the whole link from your mail."), statusCode: 404);

    private static IResult Gone(SurveyWave wave, string? lang) =>
        TypedResults.Problem(RespondTexts.In(lang, $"This survey closed on {(wave.ClosedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : wave.ClosesOn):yyyy-MM-dd} and takes no more answers."),
            statusCode: StatusCodes.Status410Gone);

    private static Task<IResult> Get(string token, string? lang, Database db, ResponseStore responses, InstrumentStore instruments, InstrumentLanguages languages,
        NetworkFactsStore networks, TimeProvider clock, CancellationToken ct) =>
        WithLinkAsync(token, lang, db, responses, async link =>
        {
            var saved = link.Saved;
            var status = link.Invitation.Submitted ? "Submitted" : !link.Wave.AcceptsResponses(clock.Today()) ? "Closed" : saved is null ? "NotStarted" : "InProgress";
            if (status == "Closed") return Gone(link.Wave, lang);
            var network = await networks.NetworkAsync(link.Connection, link.Wave.NetworkId, ct);
            var instrument = await instruments.WaveInstrumentAsync(link.Connection, link.Wave, ct);
            var language = lang ?? InstrumentTranslation.English;
            var offered = languages.Of(instrument).Where(link.Wave.OffersLanguage).ToList();
            if (!offered.Contains(language) || languages.In(instrument, language) is not { } shown)
                return Invalid.Field("lang", $"This survey can be answered in: {string.Join(", ", offered)}.");
            return TypedResults.Ok(new SurveyToRespond(network?.Name ?? "", link.Wave.NetworkYear, link.Wave.ClosesOn, status, shown,
                saved is null ? Answers.None : Read(saved), saved?.SavedAt, language, offered));
        }, ct);

    private static async Task<IResult> Save(string token, string? lang, SaveAnswersRequest request, Database db, ResponseStore responses, InstrumentStore instruments,
        InvitationStore invitations, TimeProvider clock, CancellationToken ct)
    {
        if (request.Answers is null || request.Answers.Count > MaxAnswersPerSave)
            return Invalid.Request($"Send between 0 and {MaxAnswersPerSave} answers as an object of item id to value.");
        return await WithLinkAsync(token, lang, db, responses, async link =>
        {
            if (link.Invitation.Submitted) return TypedResults.Problem(RespondTexts.In(lang, "This survey was already submitted; answers can no longer change."), statusCode: 409);
            if (!link.Wave.AcceptsResponses(clock.Today())) return Gone(link.Wave, lang);
            var instrument = await instruments.WaveInstrumentAsync(link.Connection, link.Wave, ct);
            var (merged, problems) = AnswerRules.Merge(instrument, link.Saved is null ? Answers.None : Read(link.Saved), request.Answers);
            if (merged is null) return AnswersRejected(problems, lang);
            var now = clock.GetUtcNow();
            var kept = await KeptGroupsAsync(invitations, link, ct);
            var write = ResponseStore.SaveResponse(link.Connection.TenantId, link.ResponseKey, link.Wave.Id, link.Invitation, kept, link.Saved, merged, null, now);
            return await responses.SaveAsync(write) ? TypedResults.Ok(new { answers = merged, savedAt = now }) : null;
        }, ct);
    }

    private static async Task<IResult> Submit(string token, string? lang, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] SaveAnswersRequest? request,
        Database db, ResponseStore responses, InstrumentStore instruments, InvitationStore invitations, TimeProvider clock, CancellationToken ct)
    {
        if (request?.Answers is { Count: > MaxAnswersPerSave })
            return Invalid.Request($"Send at most {MaxAnswersPerSave} answers.");
        return await WithLinkAsync(token, lang, db, responses, async link =>
        {
            if (link.Invitation.Submitted) return TypedResults.Problem(RespondTexts.In(lang, "This survey was already submitted."), statusCode: 409);
            if (!link.Wave.AcceptsResponses(clock.Today())) return Gone(link.Wave, lang);
            var instrument = await instruments.WaveInstrumentAsync(link.Connection, link.Wave, ct);
            var answers = link.Saved is null ? Answers.None : Read(link.Saved);
            if (request?.Answers is { Count: > 0 } last)
            {
                // A client may send its last answers with the submit: they are merged first, all-or-nothing as in a save.
                var (merged, problems) = AnswerRules.Merge(instrument, answers, last);
                if (merged is null) return AnswersRejected(problems, lang);
                answers = merged;
            }
            var missing = AnswerRules.MissingRequired(instrument, answers);
            if (missing.Count > 0) return AnswersRejected(missing, lang);

            var scores = Scoring.RespondentScaleScores(instrument, answers);
            var now = clock.GetUtcNow();
            // The response and its invitation's flag: one statement, committed with the writes of concurrent submits. Its event
            // leaves later, with the released step it falls in (ResponseRelease), never alone.
            var kept = await KeptGroupsAsync(invitations, link, ct);
            var write = ResponseStore.SaveResponse(link.Connection.TenantId, link.ResponseKey, link.Wave.Id, link.Invitation, kept, link.Saved, answers, scores, now);
            return await responses.SaveAsync(write) ? TypedResults.Ok(new Submitted(now)) : null;
        }, ct);
    }

    /// <summary>What a response of this link may keep of its invitation's role, team and school (saved or submitted alike).</summary>
    private static async Task<KeptGroups> KeptGroupsAsync(InvitationStore invitations, Link link, CancellationToken ct) =>
        (await invitations.InvitedGroupsAsync(link.Connection, link.Wave.Id, ct))
            .Kept(link.Invitation.Role, link.Invitation.TeamId, link.Invitation.OrganizationId, Suppression.MinimumN);

    private static Answers Read(ResponseRow row) => JsonSerializer.Deserialize<Answers>(row.Answers, SurveyJson.Options)!;

    private static IResult AnswersRejected(IReadOnlyList<AnswerProblem> problems, string? lang)
    {
        var said = RespondTexts.In(lang, problems);
        return Invalid.Batch(RespondTexts.In(lang, "Some answers cannot be accepted; nothing was changed"),
            string.Join(" ", said.Select(p => $"{p.ItemId}: {p.Message}")), "items", said);
    }
}
