namespace Platform.Portal.Api.Models;

// What a member's personal survey link shows (GET /api/surveys/respond/{token}).

public sealed record SurveyToRespond(string Network, int NetworkYear, DateOnly ClosesOn, string Status, SurveyInstrument Instrument, SavedAnswers Answers, DateTimeOffset? SavedAt,
    string Language = "en", IReadOnlyList<string>? Languages = null);

public sealed record SurveyInstrument(string Name, string? Description, IReadOnlyList<SurveyScale> Scales, IReadOnlyList<SurveySection> Sections);

public sealed record SurveyScale(string Key, IReadOnlyList<string> Labels);

public sealed record SurveySection(string Id, string Title, string? Intro, IReadOnlyList<SurveyItem> Items);

public sealed record SurveyItem(string Id, string Text, string? Scale, bool Required)
{
    public bool IsOpenText => Scale is null;
}

public sealed record SavedAnswers(Dictionary<string, int> Ratings, Dictionary<string, string> Texts)
{
    public bool Has(string itemId) => Ratings.ContainsKey(itemId) || Texts.ContainsKey(itemId);
}

public sealed record AnswerProblem(string ItemId, string Message);
