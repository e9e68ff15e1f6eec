using Platform.Data;
using Platform.Networks;
using Platform.Networks.Apis;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNetworksServices();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapServiceOpenApi("networks");
app.MapNetworksApi();
app.Run();

public partial class Program;
