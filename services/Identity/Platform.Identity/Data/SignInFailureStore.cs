using Dapper;
using Platform.Data;

namespace Platform.Identity.Data;

/// <summary>Failed sign-ins per key (SignInThrottle). Not tenant data: it is read before anyone is known.</summary>
public sealed class SignInFailureStore
{
    public sealed record Failures(string Key, int Count, DateTimeOffset LastFailureAt);

    /// <summary>The keys' counts, locked until the transaction ends, so concurrent failures of one key count one after the other.</summary>
    public async Task<IReadOnlyList<Failures>> FindAsync(UnitOfWork uow, IReadOnlyList<string> keys, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Failures>(new CommandDefinition(
            "select key, failures as count, last_failure_at as LastFailureAt from sign_in_failures where key = any(@keys) order by key for update",
            new { keys = keys.ToArray() }, uow.Transaction, cancellationToken: ct))).AsList();

    /// <summary>The key's count as SignInThrottle.AfterFailure computed it (the rule is written once, in C#).</summary>
    public Task SaveAsync(UnitOfWork uow, string key, int failures, DateTimeOffset lastFailureAt, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into sign_in_failures (key, failures, last_failure_at) values (@key, @failures, @lastFailureAt)
            on conflict (key) do update set failures = excluded.failures, last_failure_at = excluded.last_failure_at
            """, new { key, failures, lastFailureAt }, uow.Transaction, cancellationToken: ct));

    public Task ForgetAsync(UnitOfWork uow, string key, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("delete from sign_in_failures where key = @key", new { key }, uow.Transaction, cancellationToken: ct));
}
