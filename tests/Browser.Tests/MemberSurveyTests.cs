using System.Text.Json;

namespace Browser.Tests;

/// <summary>A member answers this year's demo survey on a phone from the link in their mail, stops halfway and resumes on another device.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MemberSurveyTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_member_saves_halfway_resumes_elsewhere_is_told_what_is_missing_and_submits()
    {
        var link = await fx.SurveyLinkAsync(BrowserFixture.Member);
        var submittedBefore = await SubmittedAsync();

        // On a phone: the first two sections, then stop.
        var phone = await (await fx.NewContextAsync(phone: true)).NewPageAsync();
        await phone.GotoAsync(link);
        Assert.Contains("Section 1 of", await ProgressAsync(phone));
        await AnswerAllAsync(phone, choice: 3);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        Assert.Contains("Section 2 of", await ProgressAsync(phone));
        await AnswerAllAsync(phone, choice: 4);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save and finish later" }).ClickAsync();
        Assert.Contains("Your answers are saved", await phone.GetByRole(AriaRole.Status).InnerTextAsync());
        await fx.ScreenshotAsync(phone, "survey-phone");
        await phone.Context.CloseAsync();

        // On a laptop, later: the same link resumes after the last section answered, with the earlier answers kept.
        var laptop = await (await fx.NewContextAsync()).NewPageAsync();
        await laptop.GotoAsync(link);
        Assert.Contains("Section 3 of", await ProgressAsync(laptop));
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        Assert.True(await laptop.Locator("fieldset").First.GetByRole(AriaRole.Radio).Nth(4).IsCheckedAsync());

        // In Spanish and back: the same questions by id, so the answers stay where they were.
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Mostrar en Español" }).ClickAsync();
        Assert.Contains("Sección 2 de", await ProgressAsync(laptop));
        Assert.Equal("Su papel en la red", await laptop.Locator("div[lang=es] h2").First.InnerTextAsync());
        Assert.True(await laptop.Locator("fieldset").First.GetByRole(AriaRole.Radio).Nth(4).IsCheckedAsync());
        await fx.ScreenshotAsync(laptop, "survey-spanish");
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Show in English" }).ClickAsync();
        Assert.Contains("Section 2 of", await ProgressAsync(laptop));
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        // Skip one question in section 3 and go to the end.
        var skipped = await laptop.Locator("fieldset legend").First.InnerTextAsync();
        await AnswerAllAsync(laptop, choice: 2, skipFirst: true);
        while (await laptop.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).CountAsync() > 0)
        {
            await laptop.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
            await AnswerAllAsync(laptop, choice: 4);
        }
        await laptop.GetByLabel("What is one thing the network should keep doing?").FillAsync("Cross-school visits.");
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Submit my answers" }).ClickAsync();

        // The submit is refused with a link to the question left out; nothing saved is lost.
        var alert = laptop.GetByRole(AriaRole.Alert);
        var missing = await alert.InnerTextAsync();
        Assert.Contains("Before you submit", missing);
        Assert.True(missing.Contains(skipped), $"\"{skipped}\" not in: {missing}");
        await alert.GetByRole(AriaRole.Link, new() { Name = skipped }).ClickAsync();
        Assert.Contains("Section 3 of", await ProgressAsync(laptop));
        await laptop.Locator("fieldset").First.GetByRole(AriaRole.Radio).Nth(1).CheckAsync();
        while (await laptop.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).CountAsync() > 0)
            await laptop.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        Assert.Equal("Cross-school visits.", await laptop.GetByLabel("What is one thing the network should keep doing?").InputValueAsync());
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Submit my answers" }).ClickAsync();

        Assert.Equal("Thank you", await laptop.Locator("h1").InnerTextAsync());
        Assert.Equal(submittedBefore + 1, await SubmittedAsync());
        // The link is spent: opening it again only thanks.
        await laptop.GotoAsync(link);
        Assert.Equal(0, await laptop.Locator("form fieldset").CountAsync());
        await laptop.Context.CloseAsync();
    }

    private static Task<string> ProgressAsync(IPage page) => page.Locator("#progress-label").InnerTextAsync();

    private static async Task AnswerAllAsync(IPage page, int choice, bool skipFirst = false)
    {
        var questions = page.Locator("form fieldset");
        for (var i = skipFirst ? 1 : 0; i < await questions.CountAsync(); i++)
            await questions.Nth(i).GetByRole(AriaRole.Radio).Nth(choice).CheckAsync();
    }

    /// <summary>Submitted responses in the demo member's open wave, as the hub sees them.</summary>
    private async Task<int> SubmittedAsync()
    {
        var token = await fx.TokenAsync(PlatformFixture.RiverbendAdmin);
        var total = 0;
        foreach (var network in await fx.Api.GetAsync<JsonElement[]>("/api/networks", token))
            foreach (var wave in await fx.Api.GetAsync<JsonElement[]>($"/api/surveys/waves?networkId={network.GetProperty("id")}", token))
                if (wave.GetProperty("status").GetString() == "Open")
                    total += (await fx.Api.GetAsync<JsonElement>($"/api/surveys/waves/{wave.GetProperty("id")}/progress", token))
                        .GetProperty("submitted").GetInt32();
        return total;
    }
}
