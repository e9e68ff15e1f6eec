using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EndToEnd.Tests;

/// <summary>Drives a survey as a hub and its members would, through the gateway (shared by the survey and rebuild tests).</summary>
public sealed class SurveyDriver(PlatformFixture platform, int year)
{
    private int Year => year;

    public async Task<(Guid Network, string[] Emails)> NetworkWithMembersAsync(string hub, int members, string? timeZone = null)
    {
        var network = (await platform.Api.PostAsync<JsonElement>("/api/networks", hub,
            new { name = "Survey " + Guid.NewGuid().ToString("N")[..6], aim = "Listen", goalType = "Instructional", launchDate = "2024-08-01", timeZone })).GetProperty("id").GetGuid();
        var emails = Enumerable.Range(0, members).Select(i => $"respondent{i}-{Guid.NewGuid():N}@survey.test").ToArray();
        foreach (var email in emails)
            await platform.Api.PostAsync<JsonElement>($"/api/networks/{network}/members", hub,
                new { email, givenName = "Sam", familyName = "Reyes", role = "TeamMember", startDate = "2025-09-01" });
        return (network, emails);
    }

    /// <summary>
    /// Creates a draft wave once Surveys knows the network, and waits until it knows all its members. Its results are
    /// released in steps from the first submits (threshold 0) unless a threshold is given (SurveyReleaseTests).
    /// </summary>
    public async Task<Guid> DraftWaveAsync(string hub, Guid network, int members, int releaseThreshold = 0, string[]? languages = null)
    {
        Guid wave = default;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            using var response = await platform.Api.SendAsync(HttpMethod.Post, "/api/surveys/waves", hub,
                new { networkId = network, instrumentId = "network-health-member", version = 1, networkYear = Year, opensOn = "2026-09-01", closesOn = "2099-06-30", releaseThreshold, languages });
            if (response.StatusCode != HttpStatusCode.Created) return false;
            wave = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
            return true;
        }, PlatformFixture.EventDelivery, "Surveys learns of the network");
        await PlatformFixture.EventuallyAsync(async () =>
            (await platform.Api.GetAsync<JsonElement>($"/api/surveys/waves/{wave}/roster", hub)).GetProperty("members").GetInt32() == members,
            PlatformFixture.EventDelivery, "Surveys learns of every member");
        return wave;
    }

    public async Task<string> LinkTokenAsync(string email)
    {
        JsonElement mail = default;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            mail = (await platform.MailAsync()).LastOrDefault(m => m.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == email));
            return mail.ValueKind == JsonValueKind.Object;
        }, PlatformFixture.EventDelivery, "the survey mail arrives");
        var link = Regex.Match(mail.GetProperty("text").GetString()!, @"(http\S+/survey/)([A-Za-z0-9_-]+)");
        Assert.StartsWith(platform.Gateway.ToString().TrimEnd('/'), link.Groups[1].Value);
        return link.Groups[2].Value;
    }

    public async Task<JsonElement> SaveAsync(string token, Dictionary<string, object?> answers, HttpStatusCode expected)
    {
        using var response = await platform.Api.SendAsync(HttpMethod.Put, $"/api/surveys/respond/{token}", null, new { answers });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length > 0 ? JsonDocument.Parse(body).RootElement : default;
    }

    /// <summary>Every member answers every rated item with <paramref name="level"/> and submits.</summary>
    public async Task AllSubmitAsync(string[] emails, int level)
    {
        var form = await platform.Api.GetAsync<JsonElement>($"/api/surveys/respond/{await LinkTokenAsync(emails[0])}", token: null!);
        var rated = form.GetProperty("instrument").GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray())
            .Where(i => i.TryGetProperty("scale", out var s) && s.ValueKind == JsonValueKind.String).Select(i => i.GetProperty("id").GetString()!).ToList();
        foreach (var email in emails)
        {
            var token = await LinkTokenAsync(email);
            await SaveAsync(token, rated.ToDictionary(id => id, object? (_) => level), HttpStatusCode.OK);
            using var submitted = await platform.Api.SendAsync(HttpMethod.Post, $"/api/surveys/respond/{token}/submit", null);
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }
    }
}
