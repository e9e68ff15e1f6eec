namespace Platform.Portal.Api;

/// <summary>
/// What the browser downloads or opens as it is (CSV tables, the printable feedback report and change package): fetched from the API with the
/// user's token and passed on untouched, except that the feedback report gains its "In members' words" section. Only these
/// addresses exist, so the portal is not a general proxy.
/// </summary>
public static class Downloads
{
    private static readonly HashSet<string> PortfolioTables = ["health", "clusters", "trend", "structure", "leadership", "improvement"];

    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder app)
    {
        var downloads = app.MapGroup("/downloads").RequireAuthorization();
        downloads.MapGet("/portfolio/{table}.csv", (string table, int? year, GatewayApi api, HttpContext context) =>
            PortfolioTables.Contains(table)
                ? PassOnAsync(api, context, $"api/reporting/portfolio/{table}?format=csv{Year(year, "&")}", "text/csv", $"portfolio-{table}{(year is null ? "" : "-" + year)}.csv")
                : Task.FromResult(Results.NotFound()));
        // The feedback report gains the members' words, which only Surveys holds (MembersWords).
        app.MapGet("/reports/networks/{id:guid}/feedback-report", async (Guid id, int? year, GatewayApi api, HttpContext context) =>
        {
            using var response = await api.GetRawAsync($"api/reporting/networks/{id}/feedback-report{Year(year, "?")}", "text/html", context.RequestAborted);
            var body = await response.Content.ReadAsStringAsync(context.RequestAborted);
            var type = response.Content.Headers.ContentType?.ToString();
            return response.IsSuccessStatusCode
                ? Results.Content(await MembersWords.AddToAsync(body, id, year, api, context.RequestAborted), type ?? "text/html", statusCode: 200)
                : Results.Content(body, type ?? "application/problem+json", statusCode: (int)response.StatusCode);
        }).RequireAuthorization();
        // The change package opens as its printable page, or (?download=true) is saved under the name the Improvement service gives it.
        app.MapGet("/reports/networks/{id:guid}/change-package", (Guid id, bool? download, GatewayApi api, HttpContext context) =>
            PassOnAsync(api, context, $"api/improvement/networks/{id}/change-package{(download == true ? "?download=true" : "")}", "text/html", null,
                keepFileName: download == true)).RequireAuthorization();
        return app;
    }

    private static string Year(int? year, string separator) => year is { } y ? $"{separator}year={y}" : "";

    private static async Task<IResult> PassOnAsync(GatewayApi api, HttpContext context, string path, string accept, string? fileName, bool keepFileName = false)
    {
        var response = await api.GetRawAsync(path, accept, context.RequestAborted);
        context.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode)
            return Results.Content(await response.Content.ReadAsStringAsync(context.RequestAborted),
                response.Content.Headers.ContentType?.ToString() ?? "application/problem+json", statusCode: (int)response.StatusCode);
        var stream = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var type = response.Content.Headers.ContentType?.ToString() ?? accept;
        if (keepFileName) fileName = response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? fileName;
        return fileName is null ? Results.Stream(stream, type) : Results.File(stream, type, fileName);
    }
}
