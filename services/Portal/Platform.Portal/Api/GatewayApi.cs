using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Portal.Api;

/// <summary>
/// The portal's only way to the platform: every call goes through the gateway with the signed-in user's access token,
/// so each decision (role, tenant, grant) is the API's, never the portal's.
/// </summary>
public sealed class GatewayApi(HttpClient http)
{
    /// <summary>
    /// The key of the instance that sends no user token: for pages whose link is the credential (a survey, an invitation),
    /// so a signed-in member's identity never travels with their answers.
    /// </summary>
    public const string Anonymous = "anonymous";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken ct = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), ct);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken ct = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }, options: Json) }, ct);

    public Task<ApiResult<T>> PutAsync<T>(string path, object body, CancellationToken ct = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: Json) }, ct);

    public Task<ApiResult<JsonElement>> DeleteAsync(string path, CancellationToken ct = default) =>
        SendAsync<JsonElement>(new HttpRequestMessage(HttpMethod.Delete, path), ct);

    /// <summary>Sends a body that is not JSON (a CSV roster, say).</summary>
    public Task<ApiResult<T>> PostContentAsync<T>(string path, HttpContent content, CancellationToken ct = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, ct);

    /// <summary>Replaces with a body that is not JSON (a measure's CSV series).</summary>
    public Task<ApiResult<T>> PutContentAsync<T>(string path, HttpContent content, CancellationToken ct = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Put, path) { Content = content }, ct);

    /// <summary>The raw answer, for what the portal passes on untouched (CSV downloads, the printable report).</summary>
    public Task<HttpResponseMessage> GetRawAsync(string path, string accept, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        using (var response = await http.SendAsync(request, ct))
        {
            if (response.IsSuccessStatusCode)
            {
                var value = response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0
                    ? default
                    : await response.Content.ReadFromJsonAsync<T>(Json, ct);
                return new ApiResult<T>(value, null);
            }
            return new ApiResult<T>(default, await ApiProblem.ReadAsync(response, ct));
        }
    }
}

public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;
}

/// <summary>An RFC 7807 answer, read for people: its title, detail and the messages it carries.</summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, JsonElement Body)
{
    /// <summary>The problem's <c>errors</c> member, if any.</summary>
    public JsonElement Errors => Extension("errors");

    /// <summary>A member the API added to the problem (e.g. <c>items</c> for survey answers), or an undefined element.</summary>
    public JsonElement Extension(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) ? value : default;

    /// <summary>Field validation messages (<c>errors</c> as an object of arrays), flattened for a summary.</summary>
    public IEnumerable<string> Messages => Errors.ValueKind == JsonValueKind.Object
        ? Errors.EnumerateObject().SelectMany(f => f.Value.ValueKind == JsonValueKind.Array
            ? f.Value.EnumerateArray().Select(m => m.ToString())
            : [f.Value.ToString()])
        : [];

    /// <summary>Row-level problems (<c>errors</c> as an array of objects), as the roster import reports them.</summary>
    public IReadOnlyList<JsonElement> Rows => Errors.ValueKind == JsonValueKind.Array ? [.. Errors.EnumerateArray()] : [];

    /// <summary>One sentence for the page: the first field message, else the detail, else the title.</summary>
    public string Summary => Messages.FirstOrDefault() ?? Detail ?? Title;

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        try
        {
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
            return new ApiProblem(status,
                body.TryGetProperty("title", out var title) ? title.GetString() ?? response.ReasonPhrase ?? "" : response.ReasonPhrase ?? "",
                body.TryGetProperty("detail", out var detail) ? detail.GetString() : null,
                body.Clone());
        }
        catch (JsonException)
        {
            return new ApiProblem(status, response.ReasonPhrase ?? "The request failed", null, default);
        }
    }
}
