namespace Platform.Surveys.Domain;

public sealed record ScaleTranslation(string Title, IReadOnlyList<string> Labels);

public sealed record SectionTranslation(string Title, string? Intro = null);

/// <summary>
/// An instrument version in another language: the same scales, sections and items by id, other words. Answers are kept
/// by item id, so scoring and reports do not care which language a member answered in.
/// </summary>
/// <param name="Draft">Set while no translator has reviewed the text; shown to nobody, kept so it is not forgotten.</param>
public sealed record InstrumentTranslation(
    string InstrumentId, int Version, string Language, string? Draft, string Name, string? Description,
    IReadOnlyDictionary<string, ScaleTranslation> Scales, IReadOnlyDictionary<string, SectionTranslation> Sections, IReadOnlyDictionary<string, string> Items)
{
    public const string English = "en";

    /// <summary>What the translation misses or has too much of, against its instrument version.</summary>
    public IReadOnlyList<string> Problems(Instrument instrument)
    {
        var problems = new List<string>();
        if (instrument.Id != InstrumentId || instrument.Version != Version) problems.Add($"translates {InstrumentId} v{Version}, not {instrument.Id} v{instrument.Version}.");
        foreach (var scale in instrument.Scales)
            if (!Scales.TryGetValue(scale.Key, out var t) || t.Labels.Count != scale.Labels.Count) problems.Add($"scales.{scale.Key}: title and {scale.Labels.Count} labels.");
        foreach (var section in instrument.Sections)
            if (!Sections.TryGetValue(section.Id, out var t) || (section.Intro is null) != (t.Intro is null)) problems.Add($"sections.{section.Id}: title{(section.Intro is null ? "" : " and intro")}.");
        foreach (var item in instrument.Items)
            if (!Items.ContainsKey(item.Id)) problems.Add($"items.{item.Id}: missing.");
        problems.AddRange(Items.Keys.Where(id => instrument.Item(id) is null).Select(id => $"items.{id}: no such item."));
        return problems;
    }

    /// <summary>The instrument in this language (a new instance: an instrument caches its items by id).</summary>
    public Instrument Apply(Instrument instrument) => new(instrument.Id, instrument.Version, Name, Description,
        instrument.Scales.Select(s => s with { Title = Scales[s.Key].Title, Labels = Scales[s.Key].Labels }).ToList(),
        instrument.Sections.Select(s => new InstrumentSection(s.Id, Sections[s.Id].Title,
            s.Items.Select(i => i with { Text = Items[i.Id] }).ToList(), Sections[s.Id].Intro)).ToList());
}
