using Platform.Data;
using Platform.Improvement;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddImprovementServices();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapServiceOpenApi("improvement");
app.MapImprovementApi();
app.Run();

public partial class Program;
