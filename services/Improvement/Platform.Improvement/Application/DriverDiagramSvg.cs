using System.Globalization;
using System.Net;
using System.Text;
using Platform.Improvement.Domain;

namespace Platform.Improvement.Application;

/// <summary>
/// The driver diagram as SVG, read left to right: the aim, its primary drivers, their secondary drivers, and the change
/// ideas on the right, joined by lines. Plain text at a readable size (wrapped, never shrunk), <c>role="img"</c> with a
/// title and description as its accessible name. A small writer: a chart library adds nothing to boxes and lines.
/// </summary>
public static class DriverDiagramSvg
{
    private const int ColumnWidth = 230, Gap = 40, BoxWidth = ColumnWidth, LineHeight = 18, Padding = 8, RowGap = 12, CharsPerLine = 30;

    private sealed record Box(int Column, string Text, string Kind)
    {
        public List<string> Lines { get; } = Wrap(Text);
        public int Height => Lines.Count * LineHeight + 2 * Padding;
        public int Y { get; set; }
        public int X => Column * (ColumnWidth + Gap) + 10;
    }

    public static string Draw(DriverDiagram diagram, int version, IReadOnlyDictionary<Guid, string> ideaTitles)
    {
        var aim = new Box(0, diagram.Aim.Statement, "aim");
        var edges = new List<(Box From, Box To)>();
        var columns = new List<Box>[] { [aim], [], [], [] };
        var ideaBoxes = new Dictionary<Guid, Box>();
        foreach (var p in diagram.PrimaryDrivers)
        {
            var pb = new Box(1, p.Title, "primary");
            columns[1].Add(pb);
            edges.Add((aim, pb));
            foreach (var s in p.SecondaryDrivers)
            {
                var sb = new Box(2, s.Title, "secondary");
                columns[2].Add(sb);
                edges.Add((pb, sb));
                foreach (var id in s.ChangeIdeaIds)
                {
                    if (!ideaBoxes.TryGetValue(id, out var ib))
                        columns[3].Add(ideaBoxes[id] = ib = new Box(3, ideaTitles.GetValueOrDefault(id, "Change idea"), "idea"));
                    edges.Add((sb, ib));
                }
            }
        }
        foreach (var column in columns)
        {
            var y = 60;
            foreach (var b in column) { b.Y = y; y += b.Height + RowGap; }
        }
        var height = Math.Max(200, columns.Max(c => c.Count == 0 ? 0 : c[^1].Y + c[^1].Height) + 20);
        var width = 4 * (ColumnWidth + Gap) + 10;

        var svg = new StringBuilder();
        var name = $"Driver diagram, version {version}: {diagram.PrimaryDrivers.Count} primary drivers, {diagram.SecondaryDrivers.Count()} secondary drivers, {ideaBoxes.Count} change ideas";
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="title desc" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="14">""");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"title\">{Esc(name)}</title><desc id=\"desc\">Aim: {Esc(diagram.Aim.Statement)}</desc>");
        var headings = new[] { "Aim", "Primary drivers", "Secondary drivers", "Change ideas" };
        for (var c = 0; c < 4; c++)
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{c * (ColumnWidth + Gap) + 10}\" y=\"30\" font-weight=\"bold\" fill=\"#1a1a1a\">{headings[c]}</text>");
        foreach (var (from, to) in edges)
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{from.X + BoxWidth}\" y1=\"{from.Y + from.Height / 2}\" x2=\"{to.X}\" y2=\"{to.Y + to.Height / 2}\" stroke=\"#6b6b6b\" stroke-width=\"1.5\"/>");
        foreach (var b in columns.SelectMany(c => c))
        {
            var fill = b.Kind switch { "aim" => "#dbe9f6", "primary" => "#e4f1e1", "secondary" => "#f3f3f3", _ => "#fff4d6" };
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"{b.Kind}\"><rect x=\"{b.X}\" y=\"{b.Y}\" width=\"{BoxWidth}\" height=\"{b.Height}\" rx=\"6\" fill=\"{fill}\" stroke=\"#333\"/>");
            for (var i = 0; i < b.Lines.Count; i++)
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{b.X + Padding}\" y=\"{b.Y + Padding + (i + 1) * LineHeight - 4}\" fill=\"#1a1a1a\">{Esc(b.Lines[i])}</text>");
            svg.Append("</g>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Greedy word wrap; a word longer than a line is cut.</summary>
    private static List<string> Wrap(string text)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var w = word.Length > CharsPerLine ? word[..(CharsPerLine - 1)] + "…" : word;
            if (line.Length > 0 && line.Length + 1 + w.Length > CharsPerLine) { lines.Add(line.ToString()); line.Clear(); }
            if (line.Length > 0) line.Append(' ');
            line.Append(w);
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line.ToString());
        return lines;
    }
}
