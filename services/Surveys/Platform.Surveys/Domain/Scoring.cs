namespace Platform.Surveys.Domain;

/// <summary>Respondent scale scores (domain.md section 3). The only implementation: the submit path, the events and the demo use it.</summary>
public static class Scoring
{
    /// <summary>
    /// Per scale, the mean of the respondent's answered items, only when at least two thirds of the scale's items are
    /// answered; scales below that are left out. Rounded to two decimals.
    /// </summary>
    public static IReadOnlyDictionary<string, decimal> RespondentScaleScores(Instrument instrument, Answers answers)
    {
        var scores = new Dictionary<string, decimal>();
        foreach (var scale in instrument.Items.Where(i => i.Scale is not null).GroupBy(i => i.Scale!))
        {
            var items = scale.Count();
            var answered = scale.Where(i => answers.Ratings.ContainsKey(i.Id)).Select(i => answers.Ratings[i.Id]).ToList();
            if (answered.Count * 3 < items * 2) continue;
            scores[scale.Key] = Math.Round((decimal)answered.Sum() / answered.Count, 2, MidpointRounding.AwayFromZero);
        }
        return scores;
    }
}
