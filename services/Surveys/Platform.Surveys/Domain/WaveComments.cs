using Platform.HealthModel;

namespace Platform.Surveys.Domain;

/// <summary>One open question's comments as the hub may read them: none when fewer than the floor answered it.</summary>
public sealed record QuestionComments(string ItemId, string Question, IReadOnlyList<string>? Comments, string? Note);

/// <summary>
/// Which members' comments a hub may read (domain.md section 4): an open question's answers only once at least
/// <see cref="Suppression.OpenTextFloor"/> respondents answered it, masked, in a random order that carries nothing of
/// who answered when, and nothing else about them.
/// </summary>
public static class WaveComments
{
    public static readonly string HiddenNote = $"fewer than {Suppression.OpenTextFloor} answers";

    /// <param name="answers">The non-blank answers of submitted responses, by item id.</param>
    public static IReadOnlyList<QuestionComments> Of(Instrument instrument, IReadOnlyList<(string ItemId, string Text)> answers,
        Func<string, string> mask, Random random) =>
        instrument.Items.Where(i => i.IsOpenText).Select(item =>
        {
            var texts = answers.Where(a => a.ItemId == item.Id).Select(a => a.Text.Trim()).Where(t => t.Length > 0).ToArray();
            if (texts.Length < Suppression.OpenTextFloor) return new QuestionComments(item.Id, item.Text, null, HiddenNote);
            random.Shuffle(texts);
            return new QuestionComments(item.Id, item.Text, texts.Select(mask).ToList(), null);
        }).ToList();
}
