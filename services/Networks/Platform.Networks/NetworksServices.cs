using Platform.Networks.Application;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts.Networks;
using Platform.Data;
using Platform.Messaging;
using Platform.Networks.Data;
using Platform.Networks.IntegrationEvents;
using Platform.ServiceDefaults;

namespace Platform.Networks;

public static class NetworksServices
{
    public static WebApplicationBuilder AddNetworksServices(this WebApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.Services.AddAuthorizationBuilder().AddPolicy(Apis.ContactsApi.PeopleDirectoryPolicy,
            p => p.RequireRole("service").RequireClaim("sub", "surveys-service", "assessments-service", "improvement-service"));
        builder.AddServiceOpenApi();
        builder.Services.AddValidation();
        builder.AddServiceDatabase();
        // Joiners and leavers come in bursts (onboarding, a new year): they leave packed, per tenant and relay pass.
        builder.Services.AddOutboxPacking<MemberJoined, MembersJoined>(MembersJoined.Of);
        builder.Services.AddOutboxPacking<MemberLeft, MembersLeft>(MembersLeft.Of);
        builder.AddMessaging("networks", x =>
        {
            x.AddConsumer<TenantCreatedConsumer>();
            x.AddConsumer<TenantFactsRequestedConsumer>();
        });
        builder.Services.AddSingleton<NetworkStore>();
        builder.Services.AddSingleton<MembershipStore>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<GrantStore>();
        builder.Services.AddSingleton<RosterStore>();
        builder.Services.AddSingleton<RosterImport>();
        builder.Services.AddSingleton<InvitationStore>();
        builder.Services.AddSingleton<MailSender>();
        builder.Services.AddSingleton<InvitationMail>();
        builder.AddServiceTokens("networks");
        builder.AddServiceClient<IdentityClient>("identity", "Identity:Authority");
        builder.Services.AddSingleton<StabilityReports>();
        builder.Services.AddSingleton<Apis.NetworkWrites>();
        return builder;
    }
}
