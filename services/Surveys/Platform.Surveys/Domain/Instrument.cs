using System.Text.Json.Serialization;

namespace Platform.Surveys.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<ResponseType>))]
public enum ResponseType { Labelled, Frequency, OpenText }

/// <summary>A response scale of an instrument: the construct it measures (e.g. CI_PROCESSES) and its five labels, 1 to 5.</summary>
public sealed record InstrumentScale(string Key, string Title, ResponseType ResponseType, IReadOnlyList<string> Labels);

/// <summary>One question. A rated item names its scale; an open-text item has none.</summary>
public sealed record InstrumentItem(string Id, string Text, string? Scale = null, ResponseType? ResponseType = null, bool Required = false)
{
    public bool IsOpenText => Scale is null;
}

public sealed record InstrumentSection(string Id, string Title, IReadOnlyList<InstrumentItem> Items, string? Intro = null);

/// <summary>
/// A published instrument version: immutable content (a change makes a new version). The built-in Network Health
/// Member Survey ships as JSON in Instruments/; hubs may add their own.
/// </summary>
public sealed record Instrument(string Id, int Version, string Name, string? Description, IReadOnlyList<InstrumentScale> Scales, IReadOnlyList<InstrumentSection> Sections)
{
    public const int RatingMin = 1;
    public const int RatingMax = 5;
    public const int MaxOpenTextLength = 4000;

    [JsonIgnore] public IEnumerable<InstrumentItem> Items => Sections.SelectMany(s => s.Items);

    // Every answer of every save looks its item up; published versions are cached and read on each request.
    private Dictionary<string, InstrumentItem>? _itemsById;

    /// <summary>The item with this id (the first, should an unpublished draft repeat one), or null.</summary>
    public InstrumentItem? Item(string id)
    {
        if (_itemsById is null)
        {
            var byId = new Dictionary<string, InstrumentItem>(StringComparer.Ordinal);
            foreach (var item in Items)
                if (item.Id is not null) byId.TryAdd(item.Id, item);
            _itemsById = byId;
        }
        return _itemsById.GetValueOrDefault(id);
    }

    /// <summary>What is wrong with this content as an instrument (empty when it can be published).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200) problems.Add("name: 1 to 200 characters.");
        if (Sections.Count == 0) problems.Add("sections: at least one section.");
        var scaleKeys = new HashSet<string>();
        foreach (var scale in Scales)
        {
            if (!scaleKeys.Add(scale.Key)) problems.Add($"scales: '{scale.Key}' appears twice.");
            if (scale.Labels.Count != RatingMax || scale.Labels.Any(string.IsNullOrWhiteSpace))
                problems.Add($"scales.{scale.Key}: exactly {RatingMax} non-empty labels, from 1 to {RatingMax}.");
            if (scale.ResponseType == ResponseType.OpenText) problems.Add($"scales.{scale.Key}: a scale is Labelled or Frequency.");
        }
        var itemIds = new HashSet<string>();
        foreach (var item in Items)
        {
            if (string.IsNullOrWhiteSpace(item.Id) || item.Id.Length > 40) problems.Add("items: every item needs an id of 1 to 40 characters.");
            else if (!itemIds.Add(item.Id)) problems.Add($"items: '{item.Id}' appears twice.");
            if (string.IsNullOrWhiteSpace(item.Text) || item.Text.Length > 500) problems.Add($"items.{item.Id}: text of 1 to 500 characters.");
            if (item.Scale is not null && !scaleKeys.Contains(item.Scale)) problems.Add($"items.{item.Id}: unknown scale '{item.Scale}'.");
            if (item.Scale is null && item.ResponseType != ResponseType.OpenText) problems.Add($"items.{item.Id}: name a scale, or make it OpenText.");
        }
        if (itemIds.Count == 0) problems.Add("items: at least one item.");
        return problems;
    }
}
