// One platform per test run, shared by every class; the classes run one after another because some
// (the outbox test) stop and start RabbitMQ under everyone's feet.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace EndToEnd.Tests;

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
