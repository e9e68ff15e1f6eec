using System.Text.Json;

namespace Platform.Surveys.Domain;

/// <summary>A respondent's answers: ratings 1 to 5 for rated items, text for open-text items, keyed by item id.</summary>
public sealed record Answers(IReadOnlyDictionary<string, int> Ratings, IReadOnlyDictionary<string, string> Texts)
{
    public static readonly Answers None = new(new Dictionary<string, int>(), new Dictionary<string, string>());

    public int Count => Ratings.Count + Texts.Count;
}

/// <summary>One thing wrong with an answer, naming the item.</summary>
public sealed record AnswerProblem(string ItemId, string Message);

public static class AnswerRules
{
    /// <summary>
    /// Merges a partial save into what was saved before: a value sets the item, null clears it. Every problem is
    /// reported and then nothing is merged, so a bad save never loses what was saved.
    /// </summary>
    public static (Answers? Merged, IReadOnlyList<AnswerProblem> Problems) Merge(Instrument instrument, Answers saved, IReadOnlyDictionary<string, JsonElement> changes)
    {
        var ratings = new Dictionary<string, int>(saved.Ratings);
        var texts = new Dictionary<string, string>(saved.Texts);
        var problems = new List<AnswerProblem>();
        foreach (var (itemId, value) in changes)
        {
            var item = instrument.Item(itemId);
            if (item is null) { problems.Add(new(itemId, "This instrument has no such item.")); continue; }
            if (value.ValueKind == JsonValueKind.Null) { ratings.Remove(itemId); texts.Remove(itemId); continue; }
            if (item.IsOpenText)
            {
                if (value.ValueKind != JsonValueKind.String) problems.Add(new(itemId, "An open-text answer is a string."));
                else if (value.GetString()!.Length > Instrument.MaxOpenTextLength) problems.Add(new(itemId, $"At most {Instrument.MaxOpenTextLength} characters."));
                else if (string.IsNullOrWhiteSpace(value.GetString())) texts.Remove(itemId);
                else texts[itemId] = value.GetString()!.Trim();
            }
            else if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var rating))
                problems.Add(new(itemId, $"A rating is a whole number from {Instrument.RatingMin} to {Instrument.RatingMax}."));
            else if (rating is < Instrument.RatingMin or > Instrument.RatingMax)
                problems.Add(new(itemId, $"{rating} is outside {Instrument.RatingMin} to {Instrument.RatingMax}."));
            else ratings[itemId] = rating;
        }
        return problems.Count > 0 ? (null, problems) : (new Answers(ratings, texts), []);
    }

    /// <summary>What stops these answers from being submitted: required items left unanswered.</summary>
    public static IReadOnlyList<AnswerProblem> MissingRequired(Instrument instrument, Answers answers) =>
        instrument.Items.Where(i => i.Required && !answers.Ratings.ContainsKey(i.Id) && !answers.Texts.ContainsKey(i.Id))
            .Select(i => new AnswerProblem(i.Id, "This question needs an answer before you submit.")).ToList();
}
