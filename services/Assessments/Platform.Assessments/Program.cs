using Platform.Assessments.Application;
using Platform.Data;
using Platform.Assessments;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAssessmentsServices();

var app = builder.Build();
await app.MigrateDatabaseAsync();
await app.PublishRubricsAsync();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapServiceOpenApi("assessments");
app.MapAssessmentsApi();
app.Run();

public partial class Program;
