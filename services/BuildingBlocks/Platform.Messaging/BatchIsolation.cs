using System.Runtime.ExceptionServices;
using MassTransit;
using Microsoft.Extensions.Logging;
using Platform.Data;

namespace Platform.Messaging;

/// <summary>
/// Batch consumers take many messages in one transaction, and when that fails MassTransit retries the whole batch and
/// then moves every message of it to the <c>_error</c> queue: one message the consumer always throws on (a poison
/// message) took the good ones batched with it along (found by <c>./dev chaos poison-message</c>: 252 of 500 survey
/// responses never reached Reporting). Here a failed batch is taken in again message by message: the good ones are
/// stored at once, the batch is retried for the bad ones only (what was stored is then a no-op, so the store must be
/// idempotent), and when the retries are spent the bad ones alone go to the error queue and the batch is acknowledged.
/// </summary>
public static class BatchIsolation
{
    public static async Task ConsumeAsync<T>(ConsumeContext<Batch<T>> context, Func<IReadOnlyList<T>, Task> store, ILogger logger)
        where T : class
    {
        try
        {
            await store(context.Message.Select(m => m.Message).ToList());
            return;
        }
        catch (Exception e) when (context.Message.Length > 1 && !TransientDatabaseFailure.Is(e))
        {
            // One by one below; a batch of one fails as a single message does (retries, then the error queue), and so does
            // a batch that met an unavailable database: no message of it is at fault, and all wait for the database.
        }

        var failed = new List<(ConsumeContext<T> Message, Exception Error)>();
        foreach (var message in context.Message)
        {
            try
            {
                await store([message.Message]);
            }
            catch (Exception e) when (!TransientDatabaseFailure.Is(e))
            {
                failed.Add((message, e));
            }
        }
        if (failed.Count == 0) return;
        if (context.GetRetryAttempt() < MessagingExtensions.RetryLimit)
            ExceptionDispatchInfo.Throw(failed[0].Error);

        foreach (var (message, error) in failed)
        {
            var queue = message.ReceiveContext.InputAddress.Segments.Last().TrimEnd('/');
            var errorQueue = await context.GetSendEndpoint(new Uri($"queue:{queue}_error"));
            await errorQueue.Send(message.Message, send =>
            {
                send.MessageId = message.MessageId;
                send.Headers.Set("MT-Reason", "fault");
                send.Headers.Set("MT-Fault-ExceptionType", error.GetType().FullName);
                send.Headers.Set("MT-Fault-Message", error.Message);
                send.Headers.Set("MT-Fault-InputAddress", message.ReceiveContext.InputAddress.ToString());
            }, context.CancellationToken);
            logger.LogError(error, "Message {MessageId} failed {Retries} retries alone; moved to {Queue}_error, the rest of its batch was consumed",
                message.MessageId, MessagingExtensions.RetryLimit, queue);
        }
    }
}
