using System.Xml.Linq;
using Platform.Improvement.Application;
using Platform.Improvement.Domain;

namespace Improvement.Tests;

public sealed class DriverDiagramSvgTests
{
    [Fact]
    public void The_diagram_is_an_accessible_image_with_every_box_as_text()
    {
        var idea = Guid.NewGuid();
        var diagram = new DriverDiagram(new Aim("Every student <on track> & thriving"),
            [new PrimaryDriver("rel", "Relationships", [new SecondaryDriver("adv", "Advisory", [idea])])]);
        var svg = XDocument.Parse(DriverDiagramSvg.Draw(diagram, 3, new Dictionary<Guid, string> { [idea] = "Weekly check-ins" }));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("img", svg.Root!.Attribute("role")!.Value);
        Assert.StartsWith("Driver diagram, version 3: 1 primary drivers, 1 secondary drivers, 1 change ideas", svg.Root.Element(ns + "title")!.Value);
        var texts = string.Join(" ", svg.Descendants(ns + "text").Select(t => t.Value));
        foreach (var expected in new[] { "Every student <on track> & thriving", "Relationships", "Advisory", "Weekly check-ins" })
            Assert.Contains(expected, texts);
        Assert.Equal(3, svg.Descendants(ns + "line").Count());
    }
}
