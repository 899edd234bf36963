using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Testing;
using Polis.Data;
using Polis.Shared;

namespace Polis.Tests.Fixtures;

public abstract partial class PolisApp
{
    private readonly ConcurrentDictionary<string, WebApplicationFactory<Program>> withLanguages = new(StringComparer.Ordinal);

    /// <summary>
    /// An anonymous client of a second Polis on this app's database with <c>Polis:Languages</c> set to
    /// <paramref name="languages"/>, as an installation that added a language would run (its own data folder, no demo).
    /// </summary>
    public HttpClient AnonymousWithLanguages(string languages, string? acceptLanguage = null)
    {
        var factory = withLanguages.GetOrAdd(languages, l => WithWebHostBuilder(b =>
        {
            b.UseSetting(PolisLanguages.Setting, l);
            b.UseSetting(PolisStorage.DataPathSetting, Path.Combine(dataPath, "languages-" + Guid.NewGuid().ToString("N")[..6]));
            b.UseSetting("Polis:Demo", "false");
        }));
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }
}
