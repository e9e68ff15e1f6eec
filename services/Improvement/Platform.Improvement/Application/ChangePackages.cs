using System.Text.Json.Serialization;
using Platform.Data;
using Platform.Improvement.Data;
using Platform.Improvement.Domain;
using Platform.Messaging.ReadModels;
using Platform.ServiceDefaults;
using Platform.Spc;

namespace Platform.Improvement.Application;

public sealed record PackageAim(string Statement, Guid? MeasureId, string? MeasureName, decimal? Target, DateOnly? ByDate);

public sealed record PackageIdeaRef(Guid Id, string Title, ChangeIdeaStatus Status);

public sealed record PackageSecondaryDriver(string Key, string Title, IReadOnlyList<PackageIdeaRef> ChangeIdeas);

public sealed record PackagePrimaryDriver(string Key, string Title, IReadOnlyList<PackageSecondaryDriver> SecondaryDrivers);

public sealed record PackageLinkedMeasure(Guid Id, string Name, string LatestSignal);

/// <summary>A change idea the network stands behind, with its evidence: the cycles that tested it, by which teams, what they decided, and the linked measures.</summary>
public sealed record PackageIdea(Guid Id, string Title, string? Description, ChangeIdeaStatus Status, int Cycles, int CompletedCycles, IReadOnlyList<string> Teams,
    IReadOnlyDictionary<string, int> Decisions, IReadOnlyList<PackageLinkedMeasure> Measures);

/// <summary>A measure's operational definition and what its chart says; its chart SVG travels in the HTML only.</summary>
public sealed record PackageMeasure(Guid Id, string Name, MeasureKind Kind, ChartKind Chart, string Definition, Direction Direction, double? Target,
    string? Team, int Points, string LatestSignal)
{
    [JsonIgnore] public string? ChartSvg { get; init; }
}

/// <summary>What the network has learned, ready to share (domain.md section 8): the aim and theory, the change ideas it adopted, adapted or is spreading, and its measures.</summary>
public sealed record ChangePackage(Guid NetworkId, string Network, DateOnly AsOf, int? TheoryVersion, PackageAim? Aim, IReadOnlyList<PackagePrimaryDriver> Theory,
    IReadOnlyList<PackageIdea> ChangeIdeas, IReadOnlyList<PackageMeasure> Measures)
{
    /// <summary>The statuses a change idea has when the package shares it.</summary>
    public static readonly IReadOnlySet<ChangeIdeaStatus> Shared = new HashSet<ChangeIdeaStatus> { ChangeIdeaStatus.Adopted, ChangeIdeaStatus.Adapted, ChangeIdeaStatus.Spreading };

    [JsonIgnore] public string? DriverDiagramSvg { get; init; }
}

/// <summary>Composes the change package from the stores: the same evidence the change ideas list shows, the charts as the measure routes draw them.</summary>
public sealed class ChangePackages(NetworkFactsStore networks, TheoryStore theories, ChangeIdeaStore ideas, MeasureStore measures, RosterStore roster, TimeProvider clock)
{
    public async Task<ChangePackage?> ForNetworkAsync(UnitOfWork uow, Guid networkId, CancellationToken ct)
    {
        if (await networks.NetworkAsync(uow, networkId, ct) is not { } network) return null;
        var theory = await theories.CurrentAsync(uow, networkId, ct);
        var allIdeas = await ideas.ListAsync(uow, networkId, ct);
        var byId = allIdeas.ToDictionary(i => i.Id);
        var evidence = await ideas.EvidenceAsync(uow, networkId, null, ct);
        var linked = await measures.MeasuresByChangeIdeaAsync(uow, networkId, ct);
        var teams = await roster.TeamsAsync(uow, networkId, ct);
        var all = await measures.ListAsync(uow, networkId, null, ct);

        PackageAim? aim = null;
        IReadOnlyList<PackagePrimaryDriver> outline = [];
        if (theory is not null)
        {
            var a = theory.Diagram.Aim;
            aim = new PackageAim(a.Statement, a.MeasureId, all.FirstOrDefault(m => m.Id == a.MeasureId)?.Name, a.Target, a.ByDate);
            outline = theory.Diagram.PrimaryDrivers.Select(p => new PackagePrimaryDriver(p.Key, p.Title, p.SecondaryDrivers.Select(s => new PackageSecondaryDriver(
                s.Key, s.Title, s.ChangeIdeaIds.Where(byId.ContainsKey).Select(id => new PackageIdeaRef(id, byId[id].Title, byId[id].Status)).ToList())).ToList())).ToList();
        }

        var shared = allIdeas.Where(i => ChangePackage.Shared.Contains(i.Status)).Select(i =>
        {
            var e = evidence.GetValueOrDefault(i.Id);
            return new PackageIdea(i.Id, i.Title, i.Description, i.Status, e?.Cycles ?? 0, e?.Completed ?? 0,
                (e?.Teams ?? []).Select(t => teams.GetValueOrDefault(t, "a team no longer listed")).ToList(), e?.Decisions ?? new Dictionary<string, int>(),
                (linked.GetValueOrDefault(i.Id) ?? []).Select(m => new PackageLinkedMeasure(m.Id, m.Name, SignalWords.Describe(m.LatestSignal))).ToList());
        }).ToList();

        var packaged = new List<PackageMeasure>();
        foreach (var m in all)
        {
            var points = await measures.PointsAsync(uow, m.Id, ct);
            string? svg = null;
            if (points.Count > 0)
            {
                var chart = SpcChart.Compute(m.Chart, points.Select(p => p.ToSpc()).ToList(), m.Settings());
                svg = MeasureChartSvg.Draw(m, chart, await measures.CyclesOfAsync(uow, networkId, m.ChangeIdeaIds, ct));
            }
            packaged.Add(new PackageMeasure(m.Id, m.Name, m.Kind, m.Chart, m.Definition, m.Direction, m.Target, m.TeamId is { } t ? teams.GetValueOrDefault(t) : null,
                points.Count, SignalWords.Describe(m.LatestSignal)) { ChartSvg = svg });
        }

        return new ChangePackage(networkId, network.Name, clock.Today(), theory?.Version, aim, outline, shared, packaged)
        {
            DriverDiagramSvg = theory is null ? null : DriverDiagramSvg.Draw(theory.Diagram, theory.Version, allIdeas.ToDictionary(i => i.Id, i => i.Title)),
        };
    }
}
