namespace Platform.Portal.Api.Models;

// What the member's "My team" page reads from the Improvement API (me/teams and the network's cycles, measures, theory and
// change ideas); only the parts the page shows.

public sealed record MyTeam(Guid NetworkId, string NetworkName, Guid TeamId, string TeamName);

public sealed record MyTeams(IReadOnlyList<MyTeam> Teams, IReadOnlyList<MyTeam> NetworkTeams);

public sealed record MemberCycle(Guid Id, Guid NetworkId, Guid TeamId, Guid? ChangeIdeaId, string Title, string Objective, string Status, string? Decision,
    DateTimeOffset CreatedAt, DateOnly? StartedOn, DateOnly? CompletedOn);

public sealed record MemberCycleView(MemberCycle Cycle);

public sealed record MemberSignal(string Kind, int Part, DateOnly FirstPeriod, DateOnly LastPeriod, bool? InDirectionOfImprovement);

public sealed record MemberMeasure(Guid Id, Guid NetworkId, Guid? TeamId, string Name, string Kind, string Direction, MemberSignal? LatestSignal);

public sealed record MemberChangeIdea(Guid Id, string Title, string? Description, string Status);

public sealed record MemberAim(string Statement);

public sealed record MemberSecondaryDriver(string Key, string Title, IReadOnlyList<Guid> ChangeIdeaIds);

public sealed record MemberPrimaryDriver(string Key, string Title, IReadOnlyList<MemberSecondaryDriver> SecondaryDrivers);

public sealed record MemberTheory(int Version, MemberAim Aim, IReadOnlyList<MemberPrimaryDriver> PrimaryDrivers);
