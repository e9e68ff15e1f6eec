using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults;

/// <summary>
/// The data-protection key ring of a service that protects cookies and antiforgery tokens (Portal, Identity), shared by
/// every replica so a cookie made by one is read by the others. The keys come from configuration (a secret):
/// <c>DataProtection:Keys:N</c>, each one key's XML as ASP.NET Core's key manager writes it (the local runner makes one
/// with <c>IKeyManager</c>). The ring is read-only: no replica generates keys of its own; a rotation adds a key with a later
/// activation date to the secret and removes the old one once its cookies have expired. Outside Development a service
/// refuses to start without keys. Hand-written because ASP.NET Core ships repositories for files, the registry, Redis and
/// EF Core, none of them a secret; this one is a list returned as given.
/// </summary>
public static class SharedDataProtection
{
    public const string Section = "DataProtection:Keys";

    public static WebApplicationBuilder AddSharedDataProtection(this WebApplicationBuilder builder, string applicationName)
    {
        var keys = builder.Configuration.GetSection(Section).GetChildren().Select(c => (c.Key, c.Value)).Where(k => !string.IsNullOrWhiteSpace(k.Value)).ToList();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(applicationName);
        if (keys.Count == 0)
        {
            if (builder.Environment.IsDevelopment()) return builder; // one process on a laptop: its own keys will do
            throw new InvalidOperationException($"{Section} is not configured: outside Development every replica must share the key ring (see docs/runbook.md).");
        }
        var ring = new ConfiguredKeyRing(keys.Select(k => Parse(k.Value!, $"{Section}:{k.Key}")).ToList());
        dataProtection.DisableAutomaticKeyGeneration();
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = ring);
        return builder;
    }

    private static XElement Parse(string xml, string setting)
    {
        try
        {
            var key = XElement.Parse(xml);
            return key.Name.LocalName == "key" ? key : throw new InvalidOperationException($"{setting} is not a data-protection <key> element.");
        }
        catch (XmlException e)
        {
            throw new InvalidOperationException($"{setting} is not a data-protection key's XML.", e);
        }
    }

    private sealed class ConfiguredKeyRing(IReadOnlyList<XElement> keys) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => keys.Select(k => new XElement(k)).ToList();

        public void StoreElement(XElement element, string friendlyName) =>
            throw new InvalidOperationException("The data-protection key ring comes from configuration (DataProtection:Keys); add or revoke keys there.");
    }
}
