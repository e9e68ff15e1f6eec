using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EndToEnd.Tests;

/// <summary>Onboarding by email: the mail reaches a real SMTP listener, the person follows the link, and becomes a member with a login.</summary>
[Collection(PlatformCollection.Name)]
public sealed class InvitationTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_invited_person_follows_the_mailed_link_gets_a_login_and_becomes_a_member()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var api = platform.Api;
        var network = (await api.PostAsync<JsonElement>("/api/networks", hub,
            new { name = "Invites " + Guid.NewGuid().ToString("N")[..6], aim = "Grow", goalType = "Other", launchDate = "2023-08-01" })).GetProperty("id").GetGuid();
        var email = $"newcomer-{Guid.NewGuid():N}@invite.test";

        var invitation = await api.PostAsync<JsonElement>($"/api/networks/{network}/invitations", hub, new { email, role = "TeamLead" });
        Assert.True(invitation.GetProperty("mailed").GetBoolean());
        Assert.False(invitation.TryGetProperty("token", out _)); // the link goes to the invitee only

        JsonElement mail = default;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            mail = (await platform.MailAsync()).LastOrDefault(m => m.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == email));
            return mail.ValueKind == JsonValueKind.Object;
        }, PlatformFixture.EventDelivery, "the invitation mail arrives at the SMTP catcher");
        var link = Regex.Match(mail.GetProperty("text").GetString()!, @"(http\S+/invitations/)([A-Za-z0-9_-]+)");
        Assert.StartsWith(platform.Gateway.ToString().TrimEnd('/'), link.Groups[1].Value);
        var token = link.Groups[2].Value;

        var preview = await api.GetAsync<JsonElement>($"/api/invitations/{token}", token: null!);
        Assert.Equal(email, preview.GetProperty("email").GetString());

        using (var weak = await api.SendAsync(HttpMethod.Post, $"/api/invitations/{token}/accept", null, new { givenName = "Nia", familyName = "Cole", password = "password12" }))
            Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        using (var accepted = await api.SendAsync(HttpMethod.Post, $"/api/invitations/{token}/accept", null, new { givenName = "Nia", familyName = "Cole", password = "Newcomer-pass-1" }))
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var claims = PlatformFixture.ClaimsOf(await api.GetTokenAsync(email, "Newcomer-pass-1"));
        Assert.Equal("member", claims.GetProperty("role").GetString());
        Assert.Equal(PlatformFixture.TenantOf(hub).ToString(), claims.GetProperty("tenant_id").GetString());
        var members = await api.GetAsync<JsonElement[]>($"/api/networks/{network}/members", hub);
        Assert.Equal("TeamLead", members.Single(m => m.GetProperty("email").GetString() == email).GetProperty("role").GetString());
        Assert.True((await api.GetAsync<JsonElement[]>($"/api/networks/{network}/invitations", hub)).Single().GetProperty("accepted").GetBoolean());

        using (var again = await api.SendAsync(HttpMethod.Post, $"/api/invitations/{token}/accept", null, new { givenName = "Nia", familyName = "Cole", password = "Newcomer-pass-1" }))
            Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        using (var resendAccepted = await api.SendAsync(HttpMethod.Post, $"/api/networks/{network}/invitations/{invitation.GetProperty("id").GetGuid()}/resend", hub))
            Assert.Equal(HttpStatusCode.Conflict, resendAccepted.StatusCode);
        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");
        using (var unknown = await api.SendAsync(HttpMethod.Get, $"/api/invitations/{forged}", null))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var malformed = await api.SendAsync(HttpMethod.Get, "/api/invitations/not-a-token", null))
            Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Fact]
    public async Task A_resent_invitation_carries_a_new_link_and_the_old_one_stops_working()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var network = (await platform.Api.PostAsync<JsonElement>("/api/networks", hub,
            new { name = "Resend " + Guid.NewGuid().ToString("N")[..6], aim = "Reach", goalType = "Other", launchDate = "2023-08-01" })).GetProperty("id").GetGuid();
        var email = $"resend-{Guid.NewGuid():N}@invite.test";
        var invitation = (await platform.Api.PostAsync<JsonElement>($"/api/networks/{network}/invitations", hub, new { email, role = "TeamMember" })).GetProperty("id").GetGuid();
        var first = await LinkTokenAsync(email, 1);
        var resent = await platform.Api.PostAsync<JsonElement>($"/api/networks/{network}/invitations/{invitation}/resend", hub, new { });
        Assert.True(resent.GetProperty("mailed").GetBoolean());
        var second = await LinkTokenAsync(email, 2);
        Assert.NotEqual(first, second);
        using (var old = await platform.Api.SendAsync(HttpMethod.Get, $"/api/invitations/{first}", null))
            Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Equal(email, (await platform.Api.GetAsync<JsonElement>($"/api/invitations/{second}", token: null!)).GetProperty("email").GetString());
        using (var lakeside = await platform.Api.SendAsync(HttpMethod.Post, $"/api/networks/{network}/invitations/{invitation}/resend", await platform.TokenAsync(PlatformFixture.LakesideAdmin)))
            Assert.Equal(HttpStatusCode.NotFound, lakeside.StatusCode);
    }

    /// <summary>The link in the <paramref name="nth"/> invitation mail to this address.</summary>
    private async Task<string> LinkTokenAsync(string email, int nth)
    {
        List<JsonElement> mails = [];
        await PlatformFixture.EventuallyAsync(async () =>
        {
            mails = (await platform.MailAsync()).Where(m => m.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == email)).ToList();
            return mails.Count >= nth;
        }, PlatformFixture.EventDelivery, $"invitation mail {nth} arrives");
        return Regex.Match(mails[nth - 1].GetProperty("text").GetString()!, @"/invitations/([A-Za-z0-9_-]+)").Groups[1].Value;
    }

    [Fact]
    public async Task Only_the_hubs_own_admins_invite()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var network = (await platform.Api.PostAsync<JsonElement>("/api/networks", hub,
            new { name = "Invites closed " + Guid.NewGuid().ToString("N")[..6], aim = "Guarded", goalType = "Other", launchDate = "2023-08-01" })).GetProperty("id").GetGuid();
        var body = new { email = "someone@invite.test", role = "TeamMember" };
        using (var other = await platform.Api.SendAsync(HttpMethod.Post, $"/api/networks/{network}/invitations", await platform.TokenAsync(PlatformFixture.LakesideAdmin), body))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using (var funder = await platform.Api.SendAsync(HttpMethod.Post, $"/api/networks/{network}/invitations", await platform.TokenAsync(PlatformFixture.Funder), body))
            Assert.Equal(HttpStatusCode.Forbidden, funder.StatusCode);
        using (var bad = await platform.Api.SendAsync(HttpMethod.Post, $"/api/networks/{network}/invitations", hub, new { email = "nope", role = "TeamMember" }))
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_mailed_link_opens_a_portal_page_where_the_invitee_joins()
    {
        var hub = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var name = "Portal invites " + Guid.NewGuid().ToString("N")[..6];
        var network = (await platform.Api.PostAsync<JsonElement>("/api/networks", hub,
            new { name, aim = "Join from a browser", goalType = "Other", launchDate = "2023-08-01" })).GetProperty("id").GetGuid();
        var email = $"browser-{Guid.NewGuid():N}@invite.test";
        await platform.Api.PostAsync<JsonElement>($"/api/networks/{network}/invitations", hub, new { email, role = "TeamMember" });
        string? link = null;
        await PlatformFixture.EventuallyAsync(async () =>
        {
            var mail = (await platform.MailAsync()).LastOrDefault(m => m.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == email));
            link = mail.ValueKind == JsonValueKind.Object ? Regex.Match(mail.GetProperty("text").GetString()!, @"http\S+/invitations/[A-Za-z0-9_-]+").Value : null;
            return !string.IsNullOrEmpty(link);
        }, PlatformFixture.EventDelivery, "the invitation mail arrives");

        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        var page = await browser.GetStringAsync(link);
        Assert.Contains($"Join {name}", page);
        Assert.Contains(email, page);
        string Hidden(string html, string field) => WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{field}\" value=\"([^\"]*)\"").Groups[1].Value);
        var form = new Dictionary<string, string>
        {
            ["_handler"] = Hidden(page, "_handler"),
            ["__RequestVerificationToken"] = Hidden(page, "__RequestVerificationToken"),
            ["Input.GivenName"] = "Bea",
            ["Input.FamilyName"] = "Rowe",
            ["Input.Password"] = "short",
        };
        var rejected = await (await browser.PostAsync(link, new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Welcome to", rejected); // the form's own validation: at least 10 characters

        form["__RequestVerificationToken"] = Hidden(rejected, "__RequestVerificationToken");
        form["Input.Password"] = "Browser-pass-1";
        var joined = await (await browser.PostAsync(link, new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        Assert.Contains($"Welcome to {name}", joined);
        Assert.Equal("member", PlatformFixture.ClaimsOf(await platform.Api.GetTokenAsync(email, "Browser-pass-1")).GetProperty("role").GetString());
        Assert.Contains("cannot be used", await browser.GetStringAsync(link));
    }
}
