using Dapper;
using Platform.Data;
using Platform.Networks.Domain;

namespace Platform.Networks.Data;

public sealed record Invitation(Guid Id, Guid NetworkId, string Email, MemberRole Role, Guid? TeamId, DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt, DateTimeOffset? MailedAt, DateTimeOffset? AcceptedAt);

public sealed class InvitationStore
{
    private const string Columns = """
        id, network_id as NetworkId, email, role, team_id as TeamId, expires_at as ExpiresAt, created_at as CreatedAt,
        mailed_at as MailedAt, accepted_at as AcceptedAt
        """;

    public Task InsertAsync(UnitOfWork uow, Invitation i, byte[] tokenHash, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("""
            insert into invitations (id, tenant_id, network_id, email, role, team_id, token_hash, expires_at, created_at)
            values (@Id, @TenantId, @NetworkId, @Email, @Role, @TeamId, @tokenHash, @ExpiresAt, @CreatedAt)
            """, new { i.Id, uow.TenantId, i.NetworkId, i.Email, Role = i.Role.ToString(), i.TeamId, tokenHash, i.ExpiresAt, i.CreatedAt },
            uow.Transaction, cancellationToken: ct));

    public Task<Invitation?> FindByTokenAsync(UnitOfWork uow, byte[] tokenHash, CancellationToken ct) =>
        uow.Connection.QuerySingleOrDefaultAsync<Invitation>(new CommandDefinition(
            $"select {Columns} from invitations where token_hash = @tokenHash for update", new { tokenHash }, uow.Transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<Invitation>> ListAsync(UnitOfWork uow, Guid networkId, CancellationToken ct) =>
        (await uow.Connection.QueryAsync<Invitation>(new CommandDefinition(
            $"select {Columns} from invitations where network_id = @networkId order by created_at desc", new { networkId }, uow.Transaction, cancellationToken: ct))).AsList();

    /// <summary>A fresh token and expiry for an invitation not yet accepted (the old link stops working); false otherwise.</summary>
    public async Task<Invitation?> RenewAsync(UnitOfWork uow, Guid networkId, Guid id, byte[] tokenHash, DateTimeOffset expiresAt, CancellationToken ct) =>
        await uow.Connection.QuerySingleOrDefaultAsync<Invitation>(new CommandDefinition($"""
            update invitations set token_hash = @tokenHash, expires_at = @expiresAt, mailed_at = null
            where id = @id and network_id = @networkId and accepted_at is null
            returning {Columns}
            """, new { id, networkId, tokenHash, expiresAt }, uow.Transaction, cancellationToken: ct));

    public Task<Invitation?> FindAsync(UnitOfWork uow, Guid networkId, Guid id, CancellationToken ct) =>
        uow.Connection.QuerySingleOrDefaultAsync<Invitation?>(new CommandDefinition(
            $"select {Columns} from invitations where id = @id and network_id = @networkId", new { id, networkId }, uow.Transaction, cancellationToken: ct));

    public Task MarkMailedAsync(UnitOfWork uow, Guid id, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition("update invitations set mailed_at = now() where id = @id", new { id }, uow.Transaction, cancellationToken: ct));

    public Task MarkAcceptedAsync(UnitOfWork uow, Guid id, Guid personId, CancellationToken ct) =>
        uow.Connection.ExecuteAsync(new CommandDefinition(
            "update invitations set accepted_at = now(), person_id = @personId where id = @id", new { id, personId }, uow.Transaction, cancellationToken: ct));
}
