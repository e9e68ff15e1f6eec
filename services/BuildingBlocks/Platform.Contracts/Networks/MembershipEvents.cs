namespace Platform.Contracts.Networks;

/// <summary>A person's membership period in a network began (ids and facts only: never an email or a name).</summary>
public sealed record MemberJoined(
    Guid TenantId,
    Guid NetworkId,
    Guid PersonId,
    Guid MembershipId,
    string Role,
    Guid? TeamId,
    Guid? OrganizationId,
    DateOnly StartDate,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A membership period ended.</summary>
public sealed record MemberLeft(
    Guid TenantId,
    Guid NetworkId,
    Guid PersonId,
    Guid MembershipId,
    DateOnly EndDate,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// Several of one tenant's <see cref="MemberJoined"/> events in one message: a roster import writes its joiners as packs,
/// and Networks' outbox relay packs the single ones it finds pending together. Consumers take a pack in one statement.
/// </summary>
public sealed record MembersJoined(Guid TenantId, IReadOnlyList<MemberJoined> Members, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    /// <summary>The pack of one tenant's joiners (at least one), dated by the latest.</summary>
    public static MembersJoined Of(IReadOnlyList<MemberJoined> members) => new(members[0].TenantId, members, members.Max(m => m.OccurredAt));
}

/// <summary>Several of one tenant's <see cref="MemberLeft"/> events in one message, packed like <see cref="MembersJoined"/>.</summary>
public sealed record MembersLeft(Guid TenantId, IReadOnlyList<MemberLeft> Members, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    /// <summary>The pack of one tenant's leavers (at least one), dated by the latest.</summary>
    public static MembersLeft Of(IReadOnlyList<MemberLeft> members) => new(members[0].TenantId, members, members.Max(m => m.OccurredAt));
}

/// <summary>A person took a seat on the hub team.</summary>
public sealed record HubStaffAssigned(
    Guid TenantId,
    Guid NetworkId,
    Guid PersonId,
    Guid AssignmentId,
    string HubRole,
    bool Core,
    DateOnly StartDate,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A hub-staff assignment ended; Reason: Departure | RoleChange | Planned.</summary>
public sealed record HubStaffDeparted(
    Guid TenantId,
    Guid NetworkId,
    Guid PersonId,
    Guid AssignmentId,
    DateOnly EndDate,
    string Reason,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// The structural figures of one network year, recomputed whenever membership or hub staff change.
/// HubStability is the computed class; HubStabilityOverride the hub's own judgement, if set (with its reason).
/// </summary>
public sealed record NetworkYearStabilityComputed(
    Guid TenantId,
    Guid NetworkId,
    int Year,
    int Members,
    int Joiners,
    int Leavers,
    decimal? MemberStabilityPct,
    decimal? AverageTenureYears,
    string HubStability,
    string? HubStabilityOverride,
    string? HubStabilityOverrideReason,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>An improvement team was formed in a member school (names travel so other services can label groups).</summary>
public sealed record ImprovementTeamFormed(
    Guid TenantId,
    Guid NetworkId,
    Guid TeamId,
    string Name,
    Guid OrganizationId,
    string SchoolName,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
