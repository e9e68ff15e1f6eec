using System.Text.Json;
using Platform.Data;
using Platform.Surveys.Data;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Application;

/// <summary>Publishes the instruments shipped in Instruments/*.json at startup (a version already published is left as it is).</summary>
public static class BuiltInInstruments
{
    public static IEnumerable<Instrument> Load()
    {
        var assembly = typeof(BuiltInInstruments).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Instruments.") && !n.Contains(".Translations.") && n.EndsWith(".json")).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var instrument = JsonSerializer.Deserialize<Instrument>(stream, SurveyJson.Options)!;
            if (instrument.Problems() is { Count: > 0 } problems)
                throw new InvalidOperationException($"Built-in instrument {name} is invalid: {string.Join(" ", problems)}");
            yield return instrument;
        }
    }

    /// <summary>
    /// The shipped translations of the built-in instruments (Instruments/Translations/*.json), checked against their
    /// versions. Translations of a hub's own instruments are not supported yet.
    /// </summary>
    public static IReadOnlyList<InstrumentTranslation> LoadTranslations()
    {
        var assembly = typeof(BuiltInInstruments).Assembly;
        var instruments = Load().ToList();
        var translations = new List<InstrumentTranslation>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Instruments.Translations.") && n.EndsWith(".json")).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var translation = JsonSerializer.Deserialize<InstrumentTranslation>(stream, SurveyJson.Options)!;
            var instrument = instruments.SingleOrDefault(i => i.Id == translation.InstrumentId && i.Version == translation.Version)
                ?? throw new InvalidOperationException($"Translation {name} is of no built-in instrument.");
            if (translation.Problems(instrument) is { Count: > 0 } problems)
                throw new InvalidOperationException($"Translation {name} is incomplete: {string.Join(" ", problems)}");
            translations.Add(translation);
        }
        return translations;
    }

    public static async Task PublishBuiltInInstrumentsAsync(this WebApplication app)
    {
        var db = app.Services.GetRequiredService<Database>();
        var store = app.Services.GetRequiredService<InstrumentStore>();
        await using var uow = await db.BeginSystemAsync();
        foreach (var instrument in Load()) await store.PublishAsync(uow, instrument, builtIn: true, default);
        await uow.CommitAsync();
    }
}
