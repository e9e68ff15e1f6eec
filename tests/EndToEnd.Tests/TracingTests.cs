using System.Diagnostics;
using System.Net;
using Dapper;

namespace EndToEnd.Tests;

/// <summary>One request through gateway -> Networks -> outbox -> RabbitMQ -> Reporting consumer is one trace.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TracingTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_trace_of_a_request_continues_through_the_outbox_into_the_consumer()
    {
        var token = await platform.TokenAsync(PlatformFixture.RiverbendAdmin);
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/networks")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name = "Traced", aim = "One trace", goalType = "Other", launchDate = "2024-08-01" }),
        };
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await platform.Api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(traceId.ToString(), response.Headers.GetValues("X-Correlation-Id").Single());

        await using (var networks = platform.ConnectAsSuperuser("networks"))
        {
            var traceParent = await networks.ExecuteScalarAsync<string>(
                "select trace_parent from outbox_messages order by created_at desc limit 1");
            Assert.Contains(traceId.ToString(), traceParent);
        }

        await using var reporting = platform.ConnectAsSuperuser("reporting");
        await PlatformFixture.EventuallyAsync(async () => await reporting.ExecuteScalarAsync<long>(
                "select count(*) from inbox_messages where consumer = 'NetworkRegisteredConsumer' and trace_id = @t", new { t = traceId.ToString() }) == 1,
            PlatformFixture.EventDelivery, "the Reporting consumer ran inside the request's trace");
    }
}
