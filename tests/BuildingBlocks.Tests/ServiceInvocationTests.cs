using System.Net;
using Dapr.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Platform.ServiceDefaults;

namespace BuildingBlocks.Tests;

/// <summary>The Dapr switch: service-to-service clients go through the sidecar only when Dapr:Enabled is true.</summary>
public sealed class ServiceInvocationTests
{
    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPeopleDirectory("surveys"); // a typed client to Networks, plus the token client to Identity
        return builder.Build();
    }

    private static IEnumerable<HttpMessageHandler> Pipeline(IServiceProvider services, string clientName)
    {
        for (HttpMessageHandler? h = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(clientName); h is not null;
             h = (h as DelegatingHandler)?.InnerHandler)
            yield return h;
    }

    [Fact]
    public void Without_dapr_clients_call_the_configured_urls_directly()
    {
        using var app = Build(new()
        {
            ["Identity:Authority"] = "http://127.0.0.1:5101",
            ["Services:Networks"] = "http://127.0.0.1:5102",
        });
        var factory = app.Services.GetRequiredService<IHttpClientFactory>();
        Assert.Equal(new Uri("http://127.0.0.1:5102"), factory.CreateClient(nameof(PeopleDirectory)).BaseAddress);
        Assert.Equal(new Uri("http://127.0.0.1:5101"), factory.CreateClient(ServiceTokens.HttpClientName).BaseAddress);
        Assert.DoesNotContain(Pipeline(app.Services, nameof(PeopleDirectory)), h => h is InvocationHandler);
        Assert.DoesNotContain(Pipeline(app.Services, ServiceTokens.HttpClientName), h => h is InvocationHandler);
    }

    [Fact]
    public void Without_dapr_a_missing_url_is_a_clear_startup_error()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Identity:Authority"] = "http://127.0.0.1:5101" }));
        Assert.Contains("Services:Networks", e.Message);
    }

    [Fact]
    public void With_dapr_clients_address_app_ids_through_the_invocation_handler_and_need_no_urls()
    {
        using var app = Build(new() { ["Dapr:Enabled"] = "true" });
        var factory = app.Services.GetRequiredService<IHttpClientFactory>();
        Assert.Equal(new Uri("http://networks"), factory.CreateClient(nameof(PeopleDirectory)).BaseAddress);
        Assert.Equal(new Uri("http://identity"), factory.CreateClient(ServiceTokens.HttpClientName).BaseAddress);
        Assert.Single(Pipeline(app.Services, nameof(PeopleDirectory)).OfType<InvocationHandler>());
        Assert.Single(Pipeline(app.Services, ServiceTokens.HttpClientName).OfType<InvocationHandler>());
    }

    [Fact]
    public async Task With_dapr_a_call_reaches_the_sidecar_as_an_invocation_of_the_target_app()
    {
        // A stand-in sidecar: a real HTTP listener that records what it was asked.
        var seen = new List<string>();
        var sidecarBuilder = WebApplication.CreateBuilder();
        sidecarBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var sidecar = sidecarBuilder.Build();
        sidecar.Run(ctx => { lock (seen) seen.Add(ctx.Request.Path); return ctx.Response.WriteAsync("[]"); });
        await sidecar.StartAsync();
        var sidecarUrl = sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        using var app = Build(new() { ["Dapr:Enabled"] = "true", ["Dapr:HttpEndpoint"] = sidecarUrl });
        var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(PeopleDirectory));
        using var response = await client.GetAsync("/api/service/tenants/t1/contacts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["/v1.0/invoke/networks/method/api/service/tenants/t1/contacts"], seen);
    }

    [Fact]
    public void Secret_store_keys_map_to_configuration_keys_as_environment_variables_do()
    {
        var mapped = DaprSecrets.ToConfiguration(new Dictionary<string, string>
        {
            ["ConnectionStrings__Database"] = "Host=db",
            ["Identity__ClientSecret"] = "s",
            ["Plain"] = "p",
        }).ToDictionary();
        Assert.Equal(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Database"] = "Host=db",
            ["Identity:ClientSecret"] = "s",
            ["Plain"] = "p",
        }, mapped);
    }

    [Fact]
    public void Without_dapr_no_secret_store_is_asked()
    {
        // No sidecar listens here: asking one would hang for a minute and then throw.
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Identity:ClientSecret"] = "from-config" });
        builder.AddDaprSecrets();
        Assert.Equal("from-config", builder.Configuration["Identity:ClientSecret"]);
    }
}
