using Npgsql;
using Platform.Data;

namespace BuildingBlocks.Tests;

/// <summary>Which failures a service answers with 503 and Retry-After rather than 500.</summary>
public sealed class DependencyUnavailableTests
{
    private static PostgresException Server(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    [Theory]
    [InlineData("57P03")] // the database system is starting up
    [InlineData("57P01")] // terminating connection due to administrator command
    [InlineData("57P02")] // crash of another server process
    [InlineData("53300")] // too many connections
    [InlineData("08006")] // connection failure
    [InlineData("40P01")] // deadlock
    public void A_server_that_is_restarting_or_overloaded_is_transient(string sqlState) =>
        Assert.True(TransientDatabaseFailure.Is(Server(sqlState)));

    [Theory]
    [InlineData("23505")] // unique violation: a bug or a conflict the handler must name
    [InlineData("42P01")] // undefined table
    [InlineData("42501")] // row-level security refused the row
    public void A_statement_the_server_refused_is_not_transient(string sqlState) =>
        Assert.False(TransientDatabaseFailure.Is(Server(sqlState)));

    [Fact]
    public void A_broken_connection_or_full_pool_is_transient_even_when_wrapped()
    {
        var broken = new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer"));
        var pool = new NpgsqlException("The connection pool has been exhausted", new TimeoutException());
        Assert.True(TransientDatabaseFailure.Is(broken));
        Assert.True(TransientDatabaseFailure.Is(new InvalidOperationException("batch failed", pool)));
        Assert.False(TransientDatabaseFailure.Is(new InvalidOperationException("a bug")));
    }
}
