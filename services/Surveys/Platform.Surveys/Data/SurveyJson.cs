using System.Text.Json;

namespace Platform.Surveys.Data;

/// <summary>How Surveys writes instruments, answers and scale scores as JSON (stored, and shipped in Instruments/*.json).</summary>
internal static class SurveyJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
