using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Platform.Identity.Data;

/// <summary>A person who signs in. One tenant and one role per login.</summary>
public sealed class PlatformUser : IdentityUser<Guid>
{
    public Guid TenantId { get; set; }
    public string Role { get; set; } = "";
}

/// <summary>
/// ASP.NET Core Identity users plus OpenIddict's applications, authorizations, scopes and tokens.
/// The schema is the committed SQL in Data/Migrations (generated from this model), applied by DbUp like every other service.
/// </summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : IdentityUserContext<PlatformUser, Guid>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<PlatformUser>(u =>
        {
            u.Property(x => x.Role).HasMaxLength(32).IsRequired();
            u.HasIndex(x => x.TenantId);
        });
    }
}
