using Platform.Surveys.Application;
using System.Text.Json;
using Platform.Surveys;
using Platform.Surveys.Domain;

namespace Surveys.Tests;

public class ScoringTests
{
    private static readonly Instrument Builtin = BuiltInInstruments.Load().Single(i => i.Id == "network-health-member");

    private static Answers Rated(params (string Item, int Value)[] ratings) =>
        new(ratings.ToDictionary(r => r.Item, r => r.Value), new Dictionary<string, string>());

    [Fact]
    public void The_built_in_survey_has_three_to_five_items_on_each_of_the_nine_scales_and_two_open_questions()
    {
        Assert.Empty(Builtin.Problems());
        var perScale = Builtin.Items.Where(i => i.Scale is not null).GroupBy(i => i.Scale!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["ACROSS_TEAM", "AIM_PROGRESS", "BENEFITS", "CI_PROCESSES", "CONTEXT_ALIGNMENT", "HUB_LEADERSHIP", "NETWORK_CULTURE", "ROLES_ENGAGEMENT", "WITHIN_TEAM"],
            perScale.Keys.Order().ToArray());
        Assert.All(perScale.Values, n => Assert.InRange(n, 3, 5));
        Assert.Equal(2, Builtin.Items.Count(i => i.IsOpenText));
        Assert.All(Builtin.Scales, s => Assert.Equal(5, s.Labels.Count));
    }

    [Fact]
    public void A_scale_score_is_the_mean_of_answered_items_when_two_thirds_are_answered()
    {
        // HUB_LEADERSHIP has 4 items: 3 answered (>= 2/3) scores; 2 answered (< 2/3) does not.
        var scores = Scoring.RespondentScaleScores(Builtin, Rated(("HL1", 4), ("HL2", 5), ("HL3", 3), ("WT1", 2), ("WT2", 3)));
        Assert.Equal(4.00m, scores["HUB_LEADERSHIP"]);
        Assert.Equal(2.50m, scores["WITHIN_TEAM"]); // 2 of 3 items: exactly two thirds
        Assert.False(Scoring.RespondentScaleScores(Builtin, Rated(("HL1", 4), ("HL2", 5))).ContainsKey("HUB_LEADERSHIP"));
        Assert.False(scores.ContainsKey("CI_PROCESSES"));
    }

    [Fact]
    public void Scores_round_to_two_decimals()
    {
        var scores = Scoring.RespondentScaleScores(Builtin, Rated(("WT1", 4), ("WT2", 4), ("WT3", 5)));
        Assert.Equal(4.33m, scores["WITHIN_TEAM"]);
    }

    private static Dictionary<string, JsonElement> Changes(string json) => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Fact]
    public void A_save_sets_and_clears_answers()
    {
        var (first, _) = AnswerRules.Merge(Builtin, Answers.None, Changes("""{"HL1": 4, "OT1": "  Keep the visits. "}"""));
        var (second, problems) = AnswerRules.Merge(Builtin, first!, Changes("""{"HL1": null, "HL2": 2}"""));
        Assert.Empty(problems);
        Assert.Equal(new Dictionary<string, int> { ["HL2"] = 2 }, second!.Ratings);
        Assert.Equal("Keep the visits.", second.Texts["OT1"]);
    }

    [Theory]
    [InlineData("""{"HL1": 0}""", "HL1")]
    [InlineData("""{"HL1": 6}""", "HL1")]
    [InlineData("""{"HL1": 3.5}""", "HL1")]
    [InlineData("""{"HL1": "4"}""", "HL1")]
    [InlineData("""{"OT1": 4}""", "OT1")]
    [InlineData("""{"ZZ9": 4}""", "ZZ9")]
    public void A_bad_answer_names_its_item_and_nothing_is_merged(string json, string item)
    {
        var saved = Rated(("HL2", 3));
        var (merged, problems) = AnswerRules.Merge(Builtin, saved, Changes(json.Replace("}", """, "HL3": 5}""")));
        Assert.Null(merged);
        Assert.Equal(item, Assert.Single(problems).ItemId);
    }

    [Fact]
    public void Submitting_needs_every_required_item()
    {
        var missing = AnswerRules.MissingRequired(Builtin, Rated(("HL1", 4)));
        Assert.DoesNotContain(missing, p => p.ItemId == "HL1");
        Assert.Contains(missing, p => p.ItemId == "CI1");
        var all = Builtin.Items.Where(i => i.Required).Select(i => (i.Id, 3)).ToArray();
        Assert.Empty(AnswerRules.MissingRequired(Builtin, Rated(all)));
    }

    [Fact]
    public void Instrument_content_with_unknown_scales_duplicate_items_or_short_label_sets_is_rejected()
    {
        var bad = Builtin with
        {
            Scales = [new InstrumentScale("A", "A", ResponseType.Labelled, ["1", "2", "3"])],
            Sections = [new InstrumentSection("s", "S", [new InstrumentItem("X", "Q?", "A"), new InstrumentItem("X", "Q?", "B")])],
        };
        var problems = bad.Problems();
        Assert.Contains(problems, p => p.Contains("exactly 5"));
        Assert.Contains(problems, p => p.Contains("appears twice"));
        Assert.Contains(problems, p => p.Contains("unknown scale 'B'"));
    }
}
