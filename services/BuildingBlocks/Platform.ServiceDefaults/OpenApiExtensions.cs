using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Platform.ServiceDefaults;

public static class OpenApiExtensions
{
    private const string SchemeName = "Bearer";

    /// <summary>The service's OpenAPI document: every endpoint, its bearer requirement and its problem responses.</summary>
    public static WebApplicationBuilder AddServiceOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                // Served through the gateway: paths are relative to the one public origin, not this process's address.
                document.Servers = [new OpenApiServer { Url = "/" }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "Access token from /connect/token",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var requiresAuth = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("500", Problem("Unexpected server error"));
                if (!requiresAuth) return Task.CompletedTask;
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
                operation.Responses.TryAdd("401", Problem("No valid access token"));
                operation.Responses.TryAdd("403", Problem("The caller's role may not do this"));
                operation.Responses.TryAdd("429", Problem("Rate limit for the tenant exceeded (see Retry-After)"));
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>Serves the document under the service's own prefix, so the gateway route reaches it: /api/{prefix}/openapi/v1.json.</summary>
    public static WebApplication MapServiceOpenApi(this WebApplication app, string prefix)
    {
        app.MapOpenApi($"/api/{prefix}/openapi/{{documentName}}.json").AllowAnonymous();
        return app;
    }

    private static OpenApiResponse Problem(string description) => new() { Description = description };
}
