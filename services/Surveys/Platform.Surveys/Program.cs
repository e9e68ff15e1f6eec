using Platform.Surveys.Application;
using Platform.Data;
using Platform.Surveys;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSurveysServices();

var app = builder.Build();
await app.MigrateDatabaseAsync();
await app.PublishBuiltInInstrumentsAsync();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapServiceOpenApi("surveys");
app.MapSurveysApi();
app.Run();

public partial class Program;
