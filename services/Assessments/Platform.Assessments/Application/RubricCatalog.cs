using System.Text.Json;
using Platform.Assessments.Data;
using Platform.Assessments.Domain;
using Platform.Data;

namespace Platform.Assessments.Application;

/// <summary>The rubrics shipped in Rubrics/*.json: validated and published at startup, then served from memory (they never change).</summary>
public sealed class RubricCatalog
{
    public const string HubLeadershipPractice = "hub-leadership-practice";
    public const string LeaderQualities = "leader-qualities";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<Rubric> All { get; } = Load();

    public Rubric? Find(string id, int version) => All.FirstOrDefault(r => r.Id == id && r.Version == version);

    public Rubric Latest(string id) => All.Where(r => r.Id == id).MaxBy(r => r.Version) ?? throw new InvalidOperationException($"No rubric {id}.");

    private static List<Rubric> Load()
    {
        var assembly = typeof(RubricCatalog).Assembly;
        return assembly.GetManifestResourceNames().Where(n => n.Contains(".Rubrics.") && n.EndsWith(".json")).Order().Select(name =>
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var rubric = JsonSerializer.Deserialize<Rubric>(stream, Json)!;
            return rubric.Problems() is { Count: > 0 } problems
                ? throw new InvalidOperationException($"Built-in rubric {name} is invalid: {string.Join(" ", problems)}")
                : rubric;
        }).ToList();
    }
}

public static class RubricCatalogExtensions
{
    public static async Task PublishRubricsAsync(this WebApplication app)
    {
        var store = app.Services.GetRequiredService<AssessmentStore>();
        await using var uow = await app.Services.GetRequiredService<Database>().BeginSystemAsync();
        foreach (var rubric in app.Services.GetRequiredService<RubricCatalog>().All) await store.PublishRubricAsync(uow, rubric, default);
        await uow.CommitAsync();
    }
}
