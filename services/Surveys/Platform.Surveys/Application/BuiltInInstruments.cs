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
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Instruments.") && n.EndsWith(".json")).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var instrument = JsonSerializer.Deserialize<Instrument>(stream, SurveyJson.Options)!;
            if (instrument.Problems() is { Count: > 0 } problems)
                throw new InvalidOperationException($"Built-in instrument {name} is invalid: {string.Join(" ", problems)}");
            yield return instrument;
        }
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
