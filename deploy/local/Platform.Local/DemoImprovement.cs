using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Local;

/// <summary>
/// The demo networks' improvement work, seeded through the Improvement API (never its tables): change ideas in several
/// statuses, an outcome and a process measure with 30 monthly points that shift after a change, a theory of improvement
/// with two revisions, PDSA cycles across teams (ramps, a team whose plans lack predictions, cycles recorded afterwards
/// with their real dates), and an open cycle for the demo member's team. Literacy Collaborative's cycles stopped four
/// months ago, so its fizzling-out warning fires; a cycle review spreads one idea; coaches log touchpoints with two teams.
/// Teams run their own cycles: two members of each team sign in and record them, except in Algebra for All, where the
/// hub admin and one team lead recorded them all (its over-reliance example).
/// Reproducible (fixed seeds); a network that already has a theory is left alone.
/// </summary>
public static class DemoImprovement
{
    private sealed record Template(string Outcome, string OutcomeDefinition, double Baseline, double Improved, string Process, string ProcessDefinition,
        (string Driver, string[] Secondary)[] Drivers, string[] Ideas);

    private static readonly Dictionary<string, Template> ByGoal = new()
    {
        ["EarlyWarning"] = new("Students on track", "Share of students in the grade with no course failure and attendance of 90% or more, counted on the first school day of each month from the student information system.",
            0.72, 0.80, "Advisories holding weekly check-ins", "Share of advisories that held a documented check-in with every advisee in the month, from advisors' logs.",
            [("Every student known by an adult", ["Weekly advisory check-ins", "Attendance outreach within 48 hours"]), ("Timely intervention on failing grades", ["Grade reviews every three weeks"])],
            ["Weekly check-in script", "Call home on the second absence", "Three-week grade review meeting", "Peer mentoring for ninth graders", "Saturday recovery sessions"]),
        ["Instructional"] = new("Students meeting the standard", "Share of students scoring proficient or above on the common unit assessment, each month's assessments pooled.",
            0.41, 0.52, "Lessons using the shared routine", "Share of observed lessons that used the shared discourse routine, from monthly walkthroughs.",
            [("Rigorous tasks in every lesson", ["Shared task bank", "Common planning time"]), ("Students talk about their thinking", ["Discourse routines"])],
            ["Number talks to open the lesson", "Weekly common planning with the coach", "Task bank from the district", "Exit tickets sorted together", "Parent math nights"]),
        ["PostSecondaryMatch"] = new("Seniors with a completed application", "Share of seniors with at least one completed application (college or FAFSA, as the aim says), from the counselors' tracker at month end.",
            0.48, 0.62, "Seniors met by a counselor", "Share of seniors with a one-to-one counseling meeting in the month, from the counselors' calendar.",
            [("Every senior has a plan", ["Senior meetings each semester", "Family nights"]), ("Barriers removed early", ["Fee waivers and documents checklist"])],
            ["Application workshop in English class", "Text reminders to families", "Documents checklist in September", "Counselor office hours at lunch", "Alumni panel"]),
    };

    private static readonly (string Status, int Cycles)[] IdeaPlan = [("Spreading", 4), ("Adopted", 3), ("Testing", 2), ("Abandoned", 1), ("Idea", 0)];

    public static async Task RunAsync(PlatformApiClient api, CancellationToken ct = default)
    {
        foreach (var hub in new[] { "hubadmin@riverbend.demo", "hubadmin@lakeside.demo" })
        {
            var token = await api.GetTokenAsync(hub, LocalPlatform.DemoPassword, ct);
            foreach (var network in await api.GetAsync<JsonElement[]>("/api/networks", token, ct))
                await SeedAsync(api, token, network.GetProperty("id").GetGuid(), network.GetProperty("name").GetString()!, network.GetProperty("goalType").ToString(),
                    network.GetProperty("aim").GetString()!, ct);
        }
        await MemberCycleAsync(api, ct);
    }

    private static async Task SeedAsync(PlatformApiClient api, string token, Guid networkId, string name, string goalType, string aim, CancellationToken ct)
    {
        var root = $"/api/improvement/networks/{networkId}";
        var teams = (await api.GetAsync<JsonElement[]>($"/api/networks/{networkId}/teams", token, ct)).Select(t => t.GetProperty("id").GetGuid()).Take(4).ToList();
        // Improvement learns of the network and its teams from Networks' events: wait until it answers for both.
        await UntilAsync(async () => (await api.SendAsync(HttpMethod.Get, $"{root}/change-ideas", token, ct: ct)).StatusCode == HttpStatusCode.OK, $"Improvement knows {name}", ct);
        using (var theory = await api.SendAsync(HttpMethod.Get, $"{root}/theory", token, ct: ct))
            if (theory.StatusCode == HttpStatusCode.OK) return;

        var template = ByGoal.GetValueOrDefault(goalType) ?? ByGoal["EarlyWarning"];
        var random = new Random(name.Sum(c => c));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var stalled = name == "Literacy Collaborative"; // its work stopped four months ago: the fizzling-out warning's example
        var authors = await AuthorsAsync(api, token, networkId, teams, concentrated: name == "Algebra for All", ct);

        var ideas = new List<Guid>();
        for (var i = 0; i < template.Ideas.Length; i++)
            ideas.Add(Id(await api.PostAsync<JsonElement>($"{root}/change-ideas", token, new { title = template.Ideas[i], description = $"Tested by the teams of {name}." }, ct)));

        // Outcome and process measures: 30 monthly points up to last month, shifting after the change 12 months ago.
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-30);
        var change = firstMonth.AddMonths(18);
        var outcome = Id(await api.PostAsync<JsonElement>($"{root}/measures", token, new
        {
            name = template.Outcome, kind = "Outcome", chart = "P", definition = template.OutcomeDefinition, direction = "Up", multiplier = 100.0,
            target = Math.Round(template.Improved * 100 + 3), changeIdeaIds = ideas.Take(2).ToArray(),
        }, ct));
        var process = Id(await api.PostAsync<JsonElement>($"{root}/measures", token, new
        {
            name = template.Process + " (%)", kind = "Process", chart = "Run", definition = template.ProcessDefinition, direction = "Up",
            changeIdeaIds = ideas.Take(1).ToArray(),
        }, ct));
        await PointsAsync(api, token, outcome, Enumerable.Range(0, 30).Select(m =>
        {
            var period = firstMonth.AddMonths(m);
            var share = (period < change ? template.Baseline : template.Improved) + (random.NextDouble() - 0.5) * 0.05;
            var students = 180 + random.Next(40);
            return (object)new { period, numerator = Math.Round(share * students), denominator = (double)students };
        }), ct);
        await PointsAsync(api, token, process, Enumerable.Range(0, 30).Select(m =>
        {
            var period = firstMonth.AddMonths(m);
            var share = (period < change ? 0.35 : 0.75) + (random.NextDouble() - 0.5) * 0.1;
            return (object)new { period, numerator = Math.Round(share * 100, 1) };
        }), ct);
        foreach (var measure in new[] { outcome, process })
            await SendAsync(api, HttpMethod.Put, $"/api/improvement/measures/{measure}/chart-settings", token, new { splits = new[] { change.ToString("yyyy-MM-dd") } }, ct);

        // The theory: a first version whose aim names no measure, then the outcome measure and a third driver.
        object Tree(bool revised) => new
        {
            aim = new { statement = aim, measureId = revised ? outcome : (Guid?)null, target = revised ? Math.Round(template.Improved * 100 + 3) : (double?)null },
            primaryDrivers = template.Drivers.Select((d, p) => new
            {
                title = d.Driver, key = $"p{p}",
                secondaryDrivers = d.Secondary.Append(revised && p == 0 ? "Students own their goals" : null).OfType<string>()
                    .Select((s, q) => new { title = s, key = $"p{p}s{q}", changeIdeaIds = ideas.Take(4).Where((_, i) => i % 3 == (p * 2 + q) % 3).ToArray() }).ToArray(),
            }).ToArray(),
            reason = revised ? "The outcome measure is agreed; student agency added after the spring cycle review." : "First draft from the launch convening.",
        };
        await SendAsync(api, HttpMethod.Put, $"{root}/theory", token, Tree(false), ct);
        await SendAsync(api, HttpMethod.Put, $"{root}/theory", token, Tree(true), ct);

        // Cycles: each tested idea gets a ramp across the teams, recorded with the days they ran; the last team's plans lack predictions.
        var end = stalled ? today.AddDays(-125) : today.AddDays(-10);
        var n = 0;
        for (var i = 0; i < IdeaPlan.Length; i++)
        {
            Guid? previous = null;
            for (var c = 0; c < IdeaPlan[i].Cycles && teams.Count > 0; c++, n++)
            {
                var team = teams[n % Math.Max(1, teams.Count - 1)];
                var started = end.AddDays(-21 * (IdeaPlan[i].Cycles - c) - 7 * i);
                var open = !stalled && c == IdeaPlan[i].Cycles - 1 && IdeaPlan[i].Status == "Testing";
                var author = authors.TryGetValue(team, out var people) ? people[c % people.Count] : token;
                previous = await CycleAsync(api, author, root, team, ideas[i], previous, template.Ideas[i], c + 1, started, open ? null : started.AddDays(14),
                    IdeaPlan[i].Status switch { "Abandoned" => "Abandon", "Testing" => "TestAgain", _ => c == 0 ? "Adapt" : "Adopt" }, true, ct);
            }
            // The spreading idea gets its status from the cycle review below, as a network would decide it.
            if (IdeaPlan[i].Status is not ("Idea" or "Spreading"))
                await SendAsync(api, HttpMethod.Put, $"{root}/change-ideas/{ideas[i]}", token, new { title = template.Ideas[i], description = $"Tested by the teams of {name}.", status = IdeaPlan[i].Status }, ct);
        }
        if (teams.Count > 1)
            await CycleAsync(api, authors.TryGetValue(teams[^1], out var last) ? last[0] : token, root, teams[^1], ideas[4], null, template.Ideas[4], 1, null, null, null, false, ct);

        // A cycle review after the cycles, spreading the first idea; coaching touchpoints with the first two teams.
        await SendAsync(api, HttpMethod.Post, $"{root}/cycle-reviews", token, new
        {
            heldOn = end.AddDays(2),
            synthesis = $"\"{template.Ideas[0]}\" worked in every team that tried it, twice adapted to fit the timetable: spread it to all teams. "
                + $"\"{template.Ideas[3]}\" cost more than it gave.",
            decisions = new[] { new { changeIdeaId = ideas[0], status = "Spreading", note = "Every team by the end of the term." } },
        }, ct);
        foreach (var (team, t) in teams.Take(2).Select((team, t) => (team, t)))
            for (var k = 0; k < 2; k++)
                await SendAsync(api, HttpMethod.Post, $"{root}/coaching", token, new
                {
                    teamId = team, on = end.AddDays(-30 * k - 7 * t), focus = k == 0 ? "Reading the run chart together" : "Sharpening the next cycle's predictions",
                    agreed = "The team lead brings the tally sheets to the next meeting.", nextStep = "Plan the next cycle with a prediction for every question.",
                }, ct);
    }

    /// <summary>
    /// The tokens of the people who record each team's cycles: two current members of the team (team leads first), given a
    /// member login with the demo password. In the concentrated network only the first team's lead, beside the hub admin.
    /// </summary>
    private static async Task<Dictionary<Guid, List<string>>> AuthorsAsync(PlatformApiClient api, string hub, Guid networkId, IReadOnlyList<Guid> teams,
        bool concentrated, CancellationToken ct)
    {
        var admin = await api.GetTokenAsync(LocalPlatform.DemoAdminEmail, LocalPlatform.DemoPassword, ct);
        var tenant = PlatformApiClient.TenantOf(hub);
        var members = await api.GetAsync<JsonElement[]>($"/api/networks/{networkId}/members", hub, ct);
        var authors = new Dictionary<Guid, List<string>>();
        foreach (var team in concentrated ? teams.Take(1) : teams)
        {
            var people = members.Where(m => m.TryGetProperty("teamId", out var t) && t.ValueKind == JsonValueKind.String && t.GetGuid() == team
                    && m.GetProperty("periods").EnumerateArray().Last().GetProperty("endDate").ValueKind == JsonValueKind.Null)
                .OrderBy(m => m.GetProperty("role").ToString() == "TeamLead" ? 0 : 1).ThenBy(m => m.GetProperty("email").GetString(), StringComparer.Ordinal)
                .Select(m => m.GetProperty("email").GetString()!).Take(concentrated ? 1 : 2).ToList();
            var tokens = new List<string>();
            foreach (var email in people)
            {
                try
                {
                    await api.PostAsync<JsonElement>($"/api/tenants/{tenant}/users", admin, new { email, password = LocalPlatform.DemoPassword, role = "member" }, ct);
                }
                catch (HttpRequestException e) when (PlatformApiClient.IsConflict(e)) { /* the login exists: a second run, or the demo member */ }
                tokens.Add(await api.GetTokenAsync(email, LocalPlatform.DemoPassword, ct));
            }
            if (tokens.Count > 0) authors[team] = tokens;
        }
        return authors;
    }

    /// <summary>One cycle: planned, and (when <paramref name="startedOn"/> is given) started, observed, studied and finished on its days.</summary>
    private static async Task<Guid> CycleAsync(PlatformApiClient api, string token, string root, Guid team, Guid idea, Guid? buildsOn, string title, int number,
        DateOnly? startedOn, DateOnly? completedOn, string? decision, bool predictions, CancellationToken ct)
    {
        var body = new
        {
            teamId = team, changeIdeaId = idea, buildsOnCycleId = buildsOn, title = $"{title}, cycle {number}",
            objective = $"Does \"{title.ToLowerInvariant()}\" work for our students as we run it now?",
            questions = new[]
            {
                new { question = "Will we run it as planned every week?", prediction = predictions ? "Yes, in at least 4 of 5 weeks" : null },
                new { question = "Will the students it targets respond?", prediction = predictions ? "About two thirds will" : null },
            },
            plan = new { who = "Team lead and two teachers", where = "One classroom", when = "Two weeks", dataToCollect = "A tally sheet per session" },
        };
        var id = Guid.Empty;
        await UntilAsync(async () =>
        {
            using var r = await api.SendAsync(HttpMethod.Post, $"{root}/cycles", token, body, ct);
            if (r.StatusCode != HttpStatusCode.Created) return false;
            id = (await r.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("cycle").GetProperty("id").GetGuid();
            return true;
        }, "Improvement knows the team", ct);
        if (startedOn is not { } on) return id;
        var cycle = $"{root}/cycles/{id}";
        await SendAsync(api, HttpMethod.Post, $"{cycle}/start", token, new { on }, ct);
        await SendAsync(api, HttpMethod.Post, $"{cycle}/observations", token, new { on = on.AddDays(3), text = "Ran it in four sessions; one was cut short by an assembly." }, ct);
        if (completedOn is not { } done) return id;
        await SendAsync(api, HttpMethod.Post, $"{cycle}/study", token, new
        {
            findings = new[]
            {
                new { questionIndex = 0, whatHappened = "Ran it in 4 of 5 weeks.", matchedPrediction = "Yes" },
                new { questionIndex = 1, whatHappened = "Just over half responded.", matchedPrediction = "Partly" },
            },
        }, ct);
        await SendAsync(api, HttpMethod.Post, $"{cycle}/act", token, new { decision, nextStep = "Bring it to the next team meeting.", on = done }, ct);
        return id;
    }

    /// <summary>The demo member's team has a cycle in Do, planned by the member.</summary>
    private static async Task MemberCycleAsync(PlatformApiClient api, CancellationToken ct)
    {
        var hub = await api.GetTokenAsync("hubadmin@riverbend.demo", LocalPlatform.DemoPassword, ct);
        var network = (await api.GetAsync<JsonElement[]>("/api/networks", hub, ct)).First(n => n.GetProperty("name").GetString() == "Ninth Grade On-Track");
        var networkId = network.GetProperty("id").GetGuid();
        var root = $"/api/improvement/networks/{networkId}";
        var member = await api.GetTokenAsync(DemoSurveys.DemoMember, LocalPlatform.DemoPassword, ct);
        var mine = (await api.GetAsync<JsonElement[]>($"/api/networks/{networkId}/teams", hub, ct)).First(t => t.GetProperty("name").GetString() == "Riverside team");
        var team = mine.GetProperty("id").GetGuid();
        var existing = await api.GetAsync<JsonElement[]>($"{root}/cycles?teamId={team}&status=Do", member, ct);
        if (existing.Any(c => c.GetProperty("title").GetString()!.StartsWith("Morning greeting", StringComparison.Ordinal))) return;
        var ideas = await api.GetAsync<JsonElement[]>($"{root}/change-ideas", member, ct);
        await CycleAsync(api, member, root, team, Id(ideas[0]), null, "Morning greeting at the door", 1, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-5),
            null, null, true, ct);
    }

    private static async Task PointsAsync(PlatformApiClient api, string token, Guid measure, IEnumerable<object> points, CancellationToken ct) =>
        await SendAsync(api, HttpMethod.Put, $"/api/improvement/measures/{measure}/points", token, points.ToArray(), ct);

    private static async Task SendAsync(PlatformApiClient api, HttpMethod method, string path, string token, object body, CancellationToken ct)
    {
        using var r = await api.SendAsync(method, path, token, body, ct);
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"Demo improvement: {method} {path} -> {(int)r.StatusCode} {await r.Content.ReadAsStringAsync(ct)}");
    }

    private static async Task UntilAsync(Func<Task<bool>> done, string what, CancellationToken ct)
    {
        for (var i = 0; !await done(); i++)
        {
            if (i == 300) throw new TimeoutException($"Demo improvement: waited 30 s for: {what}.");
            await Task.Delay(100, ct);
        }
    }

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();
}
