using System.Text.Json;
using Platform.Surveys.Apis;
using Platform.Surveys.Application;
using Platform.Surveys.Domain;

namespace Surveys.Tests;

public class TranslationTests
{
    private static readonly Instrument Builtin = BuiltInInstruments.Load().Single(i => i.Id == "network-health-member");

    [Fact]
    public void The_built_in_survey_ships_a_complete_spanish_translation_marked_draft()
    {
        var spanish = BuiltInInstruments.LoadTranslations().Single(t => t.Language == "es");
        Assert.Empty(spanish.Problems(Builtin));
        Assert.False(string.IsNullOrWhiteSpace(spanish.Draft)); // until a translator has reviewed it
        Assert.Equal(["en", "es"], new InstrumentLanguages().Of(Builtin));
    }

    [Fact]
    public void A_translated_instrument_has_the_same_ids_in_the_same_order_and_other_words()
    {
        var spanish = new InstrumentLanguages().In(Builtin, "es")!;
        Assert.Equal(Builtin.Items.Select(i => (i.Id, i.Scale, i.Required)), spanish.Items.Select(i => (i.Id, i.Scale, i.Required)));
        Assert.Equal(Builtin.Scales.Select(s => (s.Key, s.ResponseType, s.Labels.Count)), spanish.Scales.Select(s => (s.Key, s.ResponseType, s.Labels.Count)));
        Assert.All(Builtin.Items, i => Assert.NotEqual(i.Text, spanish.Item(i.Id)!.Text));
        Assert.Equal("¿Qué tan bien cumple el equipo central lo que dice que hará?", spanish.Item("HL4")!.Text);
        Assert.Equal("How well does the hub team follow through on what it says it will do?", Builtin.Item("HL4")!.Text); // the original is untouched
        Assert.Null(new InstrumentLanguages().In(Builtin, "fr"));
    }

    [Fact]
    public void The_same_answers_score_the_same_in_either_language()
    {
        var spanish = new InstrumentLanguages().In(Builtin, "es")!;
        var ratings = Builtin.Items.Where(i => !i.IsOpenText).Select((i, n) => (i.Id, Value: n % 5 + 1)).ToDictionary(r => r.Id, r => r.Value);
        var answers = new Answers(ratings, new Dictionary<string, string>());
        Assert.Equal(Scoring.RespondentScaleScores(Builtin, answers), Scoring.RespondentScaleScores(spanish, answers));
    }

    [Fact]
    public void A_translation_that_misses_an_item_is_refused()
    {
        var spanish = BuiltInInstruments.LoadTranslations().Single(t => t.Language == "es");
        var incomplete = spanish with { Items = spanish.Items.Where(i => i.Key != "CA2").ToDictionary() };
        Assert.Contains("items.CA2: missing.", incomplete.Problems(Builtin));
    }

    [Fact]
    public void Every_refusal_of_an_answer_has_spanish_words()
    {
        JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;
        var (_, problems) = AnswerRules.Merge(Builtin, Answers.None, new Dictionary<string, JsonElement>
        {
            ["XX"] = Json("1"), ["OT1"] = Json("3"), ["OT2"] = Json($"\"{new string('a', Instrument.MaxOpenTextLength + 1)}\""),
            ["HL1"] = Json("\"high\""), ["HL2"] = Json("9"),
        });
        var all = problems.Concat(AnswerRules.MissingRequired(Builtin, Answers.None)).ToList();
        Assert.Equal(6, all.Select(p => p.Message).Distinct().Count());
        Assert.All(RespondTexts.In("es", all).Zip(all), p => Assert.NotEqual(p.Second.Message, p.First.Message));
        Assert.Equal(all, RespondTexts.In("en", all));
    }
}
