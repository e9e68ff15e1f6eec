using System.Net;
using System.Text;
using Platform.Portal.Api.Models;

namespace Platform.Portal.Api;

/// <summary>
/// The printable feedback report's "In members' words" section. Reporting builds the report but never holds a comment
/// (comments never leave Surveys, docs/privacy.md), so the portal adds the section, with the reader's own token, from
/// the Surveys API: the closed wave of the report's network year, up to <see cref="PerQuestion"/> comments per open
/// question (the API shuffles them, so these are chosen at random), masked as the API masks them.
/// </summary>
public static class MembersWords
{
    public const int PerQuestion = 5;

    // Placed before the debrief questions; a browser test (AccessibilityTests) pins the anchor to Reporting's page.
    private const string Anchor = "<h2 id=\"debrief\">";

    /// <summary>The report with the section, when it names its network year (the portal's links always do).</summary>
    public static async Task<string> AddToAsync(string report, Guid networkId, int? year, GatewayApi api, CancellationToken ct)
    {
        var at = report.IndexOf(Anchor, StringComparison.Ordinal);
        return at < 0 || year is not { } y ? report : report.Insert(at, await SectionAsync(networkId, y, api, ct));
    }

    private static async Task<string> SectionAsync(Guid networkId, int year, GatewayApi api, CancellationToken ct)
    {
        var html = new StringBuilder("<h2 id=\"members-words\">In members' words</h2>\n");
        var waves = await api.GetAsync<IReadOnlyList<SurveyWave>>($"api/surveys/waves?networkId={networkId}", ct);
        if (!waves.Ok) return Paragraph(html, "Members' comments are shown to the hub admins and to the hub staff who hold a seat in the network.");
        var wave = waves.Value!.Where(w => w.NetworkYear == year).MaxBy(w => w.ClosedAt);
        if (wave is null) return Paragraph(html, "No survey wave in this network year.");
        var comments = await api.GetAsync<WaveComments>($"api/surveys/waves/{wave.Id}/comments", ct);
        if (!comments.Ok) return Paragraph(html, comments.Problem!.Detail ?? comments.Problem.Title);
        if (!comments.Value!.Shown) return Paragraph(html, comments.Value.Reason ?? "");

        Paragraph(html, $"Up to {PerQuestion} answers to each open question, chosen at random, with names, email addresses and phone numbers masked.");
        foreach (var q in comments.Value.Questions)
        {
            html.Append("<h3>").Append(WebUtility.HtmlEncode(q.Question)).Append("</h3>\n");
            if (q.Comments is null) { Paragraph(html, q.Note ?? ""); continue; }
            html.Append("<ul>\n");
            foreach (var c in q.Comments.Take(PerQuestion)) html.Append("<li>").Append(WebUtility.HtmlEncode(c)).Append("</li>\n");
            html.Append("</ul>\n");
        }
        return html.ToString();
    }

    private static string Paragraph(StringBuilder html, string text) =>
        html.Append("<p>").Append(WebUtility.HtmlEncode(text)).Append("</p>\n").ToString();
}
