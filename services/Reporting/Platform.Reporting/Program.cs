using Platform.Data;
using Platform.Reporting;
using Platform.Reporting.Apis;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddReportingServices();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapServiceOpenApi("reporting");
app.MapNetworkReportsApi();
app.MapPortfolioApi();
app.MapReportingAdminApi();
app.Run();

public partial class Program;
