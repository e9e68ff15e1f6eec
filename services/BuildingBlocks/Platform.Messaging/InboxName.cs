using System.Reflection;

namespace Platform.Messaging;

/// <summary>
/// The name an <see cref="InboxConsumer{TEvent}"/> records its processed messages under. It is explicit, not the class
/// name, so renaming or moving a consumer cannot silently reset its duplicate detection; changing it is a deliberate act
/// that forgets what the consumer has processed. The consumers written before this keep the class name they were stored under.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class InboxNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

public static class InboxNames
{
    /// <summary>The inbox name a consumer type declares; a consumer without one is a programming error.</summary>
    public static string Of(Type consumer) =>
        consumer.GetCustomAttribute<InboxNameAttribute>(inherit: false) is { Name: { Length: > 0 } name }
            ? name
            : throw new InvalidOperationException($"{consumer.FullName} needs an [InboxName(\"...\")]: its inbox rows are keyed by it.");

    public static bool IsInboxConsumer(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(InboxConsumer<>)) return true;
        return false;
    }

    /// <summary>Fails at startup, not at the first message, when a consumer has no inbox name or two share one.</summary>
    public static void Check(IEnumerable<Type> consumers)
    {
        var named = consumers.Where(IsInboxConsumer).Distinct().Select(c => (Type: c, Name: Of(c))).ToList();
        var shared = named.GroupBy(c => c.Name).Where(g => g.Count() > 1).ToList();
        if (shared.Count > 0)
            throw new InvalidOperationException("Inbox names must differ within a service: " +
                string.Join("; ", shared.Select(g => $"{g.Key} is used by {string.Join(", ", g.Select(c => c.Type.Name))}")));
    }
}
