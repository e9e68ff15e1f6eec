using System.Text.Json.Serialization;

namespace Platform.Surveys.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<WaveStatus>))]
public enum WaveStatus { Draft, Open, Closed }

/// <summary>One administration of one instrument version to one network for one network year.</summary>
public sealed record SurveyWave(
    Guid Id, Guid NetworkId, string InstrumentId, int InstrumentVersion, int NetworkYear, DateOnly OpensOn, DateOnly ClosesOn,
    WaveStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? OpenedAt, DateTimeOffset? ClosedAt, DateTimeOffset? ResultsReleasedAt = null,
    int ReleaseThreshold = 0, [property: JsonIgnore] string LanguageList = InstrumentTranslation.English)
{
    /// <summary>A wave takes answers while it is open and its closing day has not passed.</summary>
    public bool AcceptsResponses(DateOnly today) => Status == WaveStatus.Open && today <= ClosesOn;

    /// <summary>The languages the wave is offered in (stored as a PostgreSQL array, read comma-joined: Dapper maps no arrays into records).</summary>
    public IReadOnlyList<string> Languages => LanguageList.Split(',');

    /// <summary>Whether the wave is offered in <paramref name="language"/> (English always).</summary>
    public bool OffersLanguage(string language) => language == InstrumentTranslation.English || Languages.Contains(language);
}

/// <summary>A member of the network year, as known from the Networks events: the roster a wave's opening snapshots.</summary>
public sealed record RosterMember(Guid PersonId, string Role, Guid? TeamId, Guid? OrganizationId, DateOnly Start, DateOnly? End);
