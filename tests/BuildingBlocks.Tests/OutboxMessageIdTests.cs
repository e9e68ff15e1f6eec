using Platform.Messaging;
using Row = Platform.Messaging.OutboxRelay.PendingMessage;

namespace BuildingBlocks.Tests;

/// <summary>
/// A message's id names its content: MassTransit's batch consumer keeps one message per id in a batch, so two packs that
/// share an id but not their rows would lose the second one's events (issue 23, docs/adr/0007).
/// </summary>
public sealed class OutboxMessageIdTests
{
    private static Row NewRow() => new(Guid.CreateVersion7(), Guid.CreateVersion7(), "T", "{}", null, 0);

    [Fact]
    public void A_single_event_goes_out_under_its_row_id()
    {
        var row = NewRow();
        Assert.Equal(row.Id, OutboxRelay.MessageId([row]));
    }

    [Fact]
    public void A_pack_retried_with_the_same_rows_keeps_its_id_and_one_with_more_rows_gets_a_new_one()
    {
        Row a = NewRow(), b = NewRow(), c = NewRow();
        var firstTry = OutboxRelay.MessageId([a, b]);

        Assert.Equal(firstTry, OutboxRelay.MessageId([a, b]));
        Assert.NotEqual(firstTry, OutboxRelay.MessageId([a, b, c])); // the timed-out pack's rows plus the new ones
        Assert.NotEqual(firstTry, a.Id);
        Assert.NotEqual(OutboxRelay.MessageId([a, c]), OutboxRelay.MessageId([a, b]));
    }
}
