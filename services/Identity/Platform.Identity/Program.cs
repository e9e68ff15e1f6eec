using Platform.Identity.Application;
using Platform.Data;
using Platform.Identity;
using Platform.Identity.Apis;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityServices();

var app = builder.Build();
if (args.Contains("--print-store-schema"))
{
    // Regenerates Data/Migrations/0001_identity_store.sql when the EF model (Identity + OpenIddict) changes.
    Console.Write(app.StoreSchemaScript());
    return;
}
await app.MigrateDatabaseAsync();
await app.SeedIdentityAsync();
app.UseServiceDefaults();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapServiceOpenApi("tenants");
app.MapConnectEndpoints();
app.MapTenantsApi();
app.MapServiceApi();
app.Run();

public partial class Program;
