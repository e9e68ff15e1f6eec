using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Improvement.Data;

/// <summary>How Improvement stores its small documents (a diagram, a cycle's questions and plan) as jsonb.</summary>
internal static class ImprovementJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}
