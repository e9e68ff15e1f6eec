using System.Collections.Concurrent;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Application;

/// <summary>
/// The languages an instrument version can be answered in: English, its own words, and its shipped translations
/// (<see cref="BuiltInInstruments.LoadTranslations"/>). Translated instruments are built once and kept: versions never change.
/// </summary>
public sealed class InstrumentLanguages
{
    private readonly Dictionary<(string Id, int Version, string Language), InstrumentTranslation> _translations =
        BuiltInInstruments.LoadTranslations().ToDictionary(t => (t.InstrumentId, t.Version, t.Language));
    private readonly ConcurrentDictionary<(string, int, string), Instrument> _translated = new();

    public IReadOnlyList<string> Of(Instrument instrument) =>
        [InstrumentTranslation.English, .. _translations.Keys.Where(k => k.Id == instrument.Id && k.Version == instrument.Version).Select(k => k.Language).Order()];

    /// <summary>The instrument in <paramref name="language"/>, or null when it has no such translation.</summary>
    public Instrument? In(Instrument instrument, string language) =>
        language == InstrumentTranslation.English ? instrument
        : _translations.TryGetValue((instrument.Id, instrument.Version, language), out var translation)
            ? _translated.GetOrAdd((instrument.Id, instrument.Version, language), _ => translation.Apply(instrument))
            : null;
}
