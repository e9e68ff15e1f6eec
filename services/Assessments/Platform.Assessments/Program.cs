using Platform.Data;
using Platform.Assessments;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAssessmentsServices();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapServiceOpenApi("assessments");
app.Run();

public partial class Program;
