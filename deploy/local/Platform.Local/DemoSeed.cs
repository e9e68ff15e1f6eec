using System.Text.Json;

namespace Platform.Local;

/// <summary>The demo portfolio, seeded through the public APIs (never by writing another service's tables). Idempotent.</summary>
public static class DemoSeed
{
    public sealed record DemoLogin(string Email, string Role, string Tenant);

    private sealed record DemoTenant(string Name, string Kind, string? HostType, (string Email, string Role)[] Users);

    private static readonly DemoTenant[] Tenants =
    [
        new("Riverbend Improvement Hub", "Hub", "IHE", [("hubadmin@riverbend.demo", "hub-admin"), (DemoSurveys.DemoMember, "member")]),
        new("Lakeside Learning Network", "Hub", "NGO", [("hubadmin@lakeside.demo", "hub-admin")]),
        new("Demo Foundation", "Funder", null, [("funder@foundation.demo", "funder")]),
    ];

    public static IReadOnlyList<DemoLogin> Logins =>
        [new(LocalPlatform.DemoAdminEmail, "platform-admin", "Platform"), .. Tenants.SelectMany(t => t.Users.Select(u => new DemoLogin(u.Email, u.Role, t.Name)))];

    /// <summary>Everything `./dev up` shows: tenants, logins and networks, then survey waves with responses, rubric sessions and improvement work.</summary>
    public static async Task RunFullAsync(PlatformApiClient api, Uri mailWeb, Action<string> progress, CancellationToken ct = default)
    {
        progress("Seeding the demo portfolio ...");
        await RunAsync(api, ct);
        progress("Seeding demo survey waves (three past years and the current one) ...");
        await DemoSurveys.RunAsync(api, mailWeb, ct);
        progress("Seeding demo hub-leadership rubric sessions ...");
        await DemoAssessments.RunAsync(api, ct);
        progress("Seeding demo improvement work (theories, change ideas, measures, cycles) ...");
        await DemoImprovement.RunAsync(api, ct);
    }

    /// <summary>Tenants, logins, networks, members and grants: what every end-to-end test starts from.</summary>
    public static async Task RunAsync(PlatformApiClient api, CancellationToken ct = default)
    {
        var token = await api.GetTokenAsync(LocalPlatform.DemoAdminEmail, LocalPlatform.DemoPassword, ct);
        var existing = (await api.GetAsync<JsonElement[]>("/api/tenants", token, ct))
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("id").GetGuid());

        foreach (var tenant in Tenants)
        {
            if (!existing.TryGetValue(tenant.Name, out var id))
            {
                var created = await api.PostAsync<JsonElement>("/api/tenants", token, new { name = tenant.Name, kind = tenant.Kind, hostType = tenant.HostType }, ct);
                id = created.GetProperty("id").GetGuid();
            }
            foreach (var (email, role) in tenant.Users)
            {
                try
                {
                    await api.PostAsync<JsonElement>($"/api/tenants/{id}/users", token, new { email, password = LocalPlatform.DemoPassword, role }, ct);
                }
                catch (HttpRequestException e) when (PlatformApiClient.IsConflict(e)) { /* already seeded */ }
            }
        }

        // Networks learn of the funder tenant from Identity's events; wait for it before sharing demo networks with it.
        var hub = await api.GetTokenAsync("hubadmin@riverbend.demo", LocalPlatform.DemoPassword, ct);
        for (var i = 0; !(await api.GetAsync<JsonElement[]>("/api/funders", hub, ct)).Any(f => f.GetProperty("name").GetString() == "Demo Foundation"); i++)
        {
            if (i == 200) throw new TimeoutException("Networks has not heard of Demo Foundation (TenantCreated) within 20 s.");
            await Task.Delay(100, ct);
        }
        await DemoPortfolio.RunAsync(api, ct);
    }
}
