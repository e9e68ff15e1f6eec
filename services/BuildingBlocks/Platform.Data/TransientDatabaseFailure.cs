using Npgsql;

namespace Platform.Data;

/// <summary>
/// Failures that go away by themselves: PostgreSQL restarting, a connection refused or broken, the pool exhausted, too
/// many connections, a deadlock or serialization failure. A request that meets one answers 503 (try again); a message
/// that meets one is kept and consumed again once the database is back, never sent to the error queue.
/// </summary>
public static class TransientDatabaseFailure
{
    /// <summary>Whether the exception, or one it wraps, is a failure that goes away by itself.</summary>
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Npgsql's own judgement: broken or refused connections, timeouts (a full pool), 53xxx, 57P03, 40001, 40P01 ...
                case NpgsqlException { IsTransient: true }:
                // ... plus the server's shutdowns (57P01 admin, 57P02 crash) and connection-class states, which end this
                // connection but not the service: the next one reaches the restarted server.
                case PostgresException { SqlState: "57P01" or "57P02" } or PostgresException { SqlState: ['0', '8', ..] }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Is):
                    return true;
            }
        }
        return false;
    }
}
