using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Platform.Local;

/// <summary>
/// Six demo networks for the two demo hubs, with multi-year membership histories (through the roster API) and hub-staff
/// changes that give each hub-stability class at least once, all shared with Demo Foundation. Reproducible (fixed seeds);
/// networks that already exist are left alone.
/// </summary>
public static class DemoPortfolio
{
    private sealed record Seat(string Role, bool Core, string Start, string? End = null, string? Reason = null);

    /// <summary>A demo network; without a time zone it keeps Networks' default (US Eastern).</summary>
    private sealed record DemoNetwork(string Hub, string Name, string Aim, string GoalType, string Launch, int Members, Seat[] Staff, string? TimeZone = null);

    private static readonly DemoNetwork[] Networks =
    [
        new("hubadmin@riverbend.demo", "Ninth Grade On-Track", "Raise the share of ninth graders on track to graduate from 72% to 85%.",
            "EarlyWarning", "2018-08-01", 120,
            [new("HubLead", true, "2018-08-01"), new("ImprovementLead", true, "2018-08-01"), new("ImprovementCoach", true, "2018-09-01"), new("DataLead", false, "2019-01-15")]),
        new("hubadmin@riverbend.demo", "Algebra for All", "Double the share of students passing Algebra I by the end of ninth grade.",
            "Instructional", "2019-08-01", 300,
            [new("HubLead", true, "2019-08-01"), new("ImprovementCoach", true, "2019-08-01", "2020-03-01", "Departure"),
             new("ImprovementCoach", true, "2020-03-01"), new("ImprovementLead", true, "2019-08-01")]),
        new("hubadmin@riverbend.demo", "College Match Network", "Every senior applies to at least one college that matches their record.",
            "PostSecondaryMatch", "2020-08-01", 60,
            [new("HubLead", true, "2020-08-01"), new("ImprovementLead", true, "2020-08-01"), new("ImprovementCoach", true, "2020-08-01"),
             new("ImprovementCoach", true, "2020-08-01", "2023-01-31", "Departure"), new("ImprovementCoach", true, "2023-02-01")]),
        new("hubadmin@lakeside.demo", "Attendance Matters", "Cut chronic absence in our middle schools by a third.",
            "EarlyWarning", "2021-08-01", 40,
            [new("HubLead", true, "2021-08-01", "2022-06-30", "Departure"), new("HubLead", true, "2022-07-01", "2024-01-15", "Departure"),
             new("HubLead", true, "2024-02-01"), new("ImprovementCoach", true, "2021-08-01"), new("Operations", false, "2021-08-01")], "America/Chicago"),
        new("hubadmin@lakeside.demo", "Literacy Collaborative", "Every third grader reads on grade level.",
            "Instructional", "2022-08-01", 150,
            [new("HubLead", true, "2022-08-01"), new("ImprovementLead", true, "2022-08-01", "2024-06-30", "RoleChange"),
             new("ImprovementCoach", true, "2024-07-01")], "America/Chicago"),
        new("hubadmin@lakeside.demo", "FAFSA Completion", "Raise FAFSA completion among seniors from 48% to 70%.",
            "PostSecondaryMatch", "2019-08-01", 90,
            [new("HubLead", true, "2019-08-01"), new("ImprovementLead", true, "2019-08-01", "2022-12-15", "Departure"),
             new("ImprovementCoach", true, "2019-08-01", "2023-05-31", "Departure"), new("ImprovementLead", true, "2023-01-09"),
             new("ImprovementCoach", true, "2023-08-01")], "America/Chicago"),
    ];

    public static async Task RunAsync(PlatformApiClient api, CancellationToken ct = default)
    {
        foreach (var hub in Networks.GroupBy(n => n.Hub))
        {
            var token = await api.GetTokenAsync(hub.Key, LocalPlatform.DemoPassword, ct);
            var existing = (await api.GetAsync<JsonElement[]>("/api/networks", token, ct)).Select(n => n.GetProperty("name").GetString()).ToHashSet();
            var foundation = (await api.GetAsync<JsonElement[]>("/api/funders", token, ct))
                .FirstOrDefault(f => f.GetProperty("name").GetString() == "Demo Foundation");
            foreach (var network in hub.Where(n => !existing.Contains(n.Name)))
                await SeedAsync(api, token, network, foundation, ct);
        }
    }

    private static async Task SeedAsync(PlatformApiClient api, string token, DemoNetwork demo, JsonElement foundation, CancellationToken ct)
    {
        var id = (await api.PostAsync<JsonElement>("/api/networks", token,
            new { name = demo.Name, aim = demo.Aim, goalType = demo.GoalType, launchDate = demo.Launch, timeZone = demo.TimeZone }, ct)).GetProperty("id").GetGuid();

        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/networks/{id}/roster") { Content = new StringContent(Roster(demo), Encoding.UTF8, "text/csv") })
        {
            request.Headers.Authorization = new("Bearer", token);
            using var response = await api.Http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Demo roster for {demo.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }

        var slug = new string(demo.Name.ToLowerInvariant().Where(char.IsLetter).ToArray());
        for (var i = 0; i < demo.Staff.Length; i++)
        {
            var seat = demo.Staff[i];
            var assigned = await api.PostAsync<JsonElement>($"/api/networks/{id}/hub-staff", token, new
            {
                email = $"staff{i}.{slug}@hub.demo", givenName = StaffGiven[i % StaffGiven.Length], familyName = Family[(i * 7 + slug.Length) % Family.Length],
                hubRole = seat.Role, core = seat.Core, startDate = seat.Start,
            }, ct);
            if (seat.End is not null)
            {
                using var ended = await api.SendAsync(HttpMethod.Post, $"/api/networks/{id}/hub-staff/{assigned.GetProperty("assignmentId").GetGuid()}/end",
                    token, new { date = seat.End, reason = seat.Reason }, ct);
                ended.EnsureSuccessStatusCode();
            }
        }

        if (foundation.ValueKind == JsonValueKind.Object)
        {
            using var granted = await api.SendAsync(HttpMethod.Post, $"/api/networks/{id}/grants", token,
                new { funderTenantId = foundation.GetProperty("id").GetGuid() }, ct);
            if (granted.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK)) granted.EnsureSuccessStatusCode();
        }
    }

    /// <summary>A reproducible membership history: people join across the years since launch; about a third leave after one to three years.</summary>
    private static string Roster(DemoNetwork demo)
    {
        var random = new Random(demo.Name.Sum(c => c));
        var launch = DateOnly.Parse(demo.Launch, CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var schools = Enumerable.Range(0, Math.Max(2, demo.Members / 25)).Select(i => (Name: $"{SchoolNames[i % SchoolNames.Length]} {(i < SchoolNames.Length ? "School" : "Academy")}", District: $"{Districts[i % 3]} District")).ToList();
        string[] roles = ["TeamMember", "TeamMember", "TeamMember", "TeamMember", "TeamLead", "Other"];
        var csv = new StringBuilder("email,given_name,family_name,school,district,team,role,start_date,end_date\n");
        var slug = new string(demo.Name.ToLowerInvariant().Where(char.IsLetter).ToArray());
        // The demo member (who can sign in and answer this year's survey) is on the first network's roster.
        if (demo == Networks[0])
            csv.Append(CultureInfo.InvariantCulture, $"{DemoSurveys.DemoMember},Maya,Brooks,{schools[0].Name},{schools[0].District},{schools[0].Name.Split(' ')[0]} team,TeamLead,2024-08-15,\n");
        for (var i = 0; i < demo.Members; i++)
        {
            var school = schools[random.Next(schools.Count)];
            // Most join in the first years; some every year after.
            var start = launch.AddDays((int)(Math.Pow(random.NextDouble(), 1.6) * (today.DayNumber - launch.DayNumber - 30)) + 1);
            var end = random.NextDouble() < 0.35 ? start.AddDays(random.Next(300, 1100)) : (DateOnly?)null;
            if (end > today) end = null;
            var given = Given[random.Next(Given.Length)];
            var family = Family[random.Next(Family.Length)];
            csv.Append(CultureInfo.InvariantCulture,
                $"{given.ToLowerInvariant()}.{family.ToLowerInvariant()}.{i}@{slug}.demo,{given},{family},{school.Name},{school.District},{school.Name.Split(' ')[0]} team,{roles[random.Next(roles.Length)]},{start:yyyy-MM-dd},{end:yyyy-MM-dd}\n");
        }
        return csv.ToString();
    }

    private static readonly string[] SchoolNames = ["Riverside", "Hillcrest", "Oakwood", "Maple", "Lincoln", "Jefferson", "Cedar", "Pinecrest", "Westview", "Eastgate", "Northfield", "Southport"];
    private static readonly string[] Districts = ["Harbor", "Valley", "Summit"];
    private static readonly string[] StaffGiven = ["Morgan", "Priya", "Samuel", "Lucia", "Tomás", "Grace"];
    private static readonly string[] Given = ["Ana", "Ben", "Chloe", "Diego", "Elena", "Farah", "Gabe", "Hana", "Isaac", "Jade", "Kofi", "Lena", "Malik", "Nora", "Omar", "Paula", "Quinn", "Rosa", "Sam", "Tara"];
    private static readonly string[] Family = ["Lopez", "Okafor", "Nguyen", "Smith", "Patel", "Kim", "Garcia", "Johnson", "Haddad", "Silva", "Brown", "Cohen", "Ivanova", "Mensah", "Rossi"];
}
