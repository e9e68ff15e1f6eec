using Microsoft.AspNetCore.Identity;
using Npgsql;
using Platform.Contracts.Identity;
using Platform.Data;
using Platform.Identity.Data;
using Platform.Identity.Domain;
using Platform.Messaging;

namespace Platform.Identity.Application;

/// <summary>Creating tenants and their users: the one path used by the admin API and by start-up seeding.</summary>
public sealed class TenantRegistration(Database db, TenantStore tenants, Outbox outbox, UserManager<PlatformUser> users, TimeProvider clock)
{
    public abstract record Outcome<T>
    {
        public sealed record Done(T Value) : Outcome<T>;
        public sealed record Invalid(IDictionary<string, string[]> Errors) : Outcome<T>;
        public sealed record Conflict(string Detail) : Outcome<T>;
        public sealed record NotFound : Outcome<T>;
    }

    public async Task<Outcome<Tenant>> CreateTenantAsync(string name, TenantKind kind, HostType? hostType, CancellationToken ct)
    {
        if (TenantRules.HostTypeError(kind, hostType) is { } error)
            return new Outcome<Tenant>.Invalid(new Dictionary<string, string[]> { ["hostType"] = [error] });

        var tenant = new Tenant(Guid.CreateVersion7(), name.Trim(), kind, hostType, clock.GetUtcNow());
        await using var uow = await db.BeginSystemAsync(ct);
        try
        {
            await tenants.InsertAsync(uow, tenant, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return new Outcome<Tenant>.Conflict($"A tenant named '{tenant.Name}' already exists.");
        }
        await outbox.EnqueueAsync(uow, new TenantCreated(tenant.Id, tenant.Name, tenant.KindClaim, tenant.HostType?.ToString(), tenant.CreatedAt), ct);
        await uow.CommitAsync(ct);
        return new Outcome<Tenant>.Done(tenant);
    }

    public async Task<Outcome<PlatformUser>> CreateUserAsync(Guid tenantId, string email, string password, string role, CancellationToken ct)
    {
        Tenant? tenant;
        await using (var uow = await db.BeginSystemAsync(ct))
            tenant = await tenants.FindAsync(uow, tenantId, ct);
        if (tenant is null) return new Outcome<PlatformUser>.NotFound();
        if (!TenantRules.AllowsRole(tenant.Kind, role))
            return new Outcome<PlatformUser>.Invalid(new Dictionary<string, string[]>
            {
                ["role"] = [$"A {tenant.KindClaim} tenant cannot hold the role '{role}'."],
            });

        var user = new PlatformUser
        {
            Id = Guid.CreateVersion7(), UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true,
            TenantId = tenantId, Role = role,
        };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) return new Outcome<PlatformUser>.Done(user);
        if (result.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))
            return new Outcome<PlatformUser>.Conflict($"A user with the email '{email}' already exists.");
        return new Outcome<PlatformUser>.Invalid(result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
    }

    public async Task<Tenant?> FindTenantAsync(Guid id, CancellationToken ct)
    {
        await using var uow = await db.BeginSystemAsync(ct);
        return await tenants.FindAsync(uow, id, ct);
    }

    public async Task<Tenant?> FindTenantByNameAsync(string name, CancellationToken ct)
    {
        await using var uow = await db.BeginSystemAsync(ct);
        return await tenants.FindByNameAsync(uow, name, ct);
    }
}
