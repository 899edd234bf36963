using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Polis.Data;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library.Harvesting;

/// <summary>An OAI-PMH client for tests: requests, parses, and reads the parts of a response.</summary>
internal static class Oai
{
    public static readonly XNamespace Ns = "http://www.openarchives.org/OAI/2.0/";
    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    public sealed record Answer(string Body, XDocument Xml)
    {
        public string? Error => Xml.Root!.Element(Ns + "error")?.Attribute("code")?.Value;
        public XElement Request => Xml.Root!.Element(Ns + "request")!;
        public IReadOnlyList<string> Identifiers => [.. Xml.Descendants(Ns + "header").Select(h => h.Element(Ns + "identifier")!.Value)];
        public XElement? Token => Xml.Descendants(Ns + "resumptionToken").SingleOrDefault();
        public override string ToString() => Body;
    }

    public static async Task<Answer> GetAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/oai?" + query, TestContext.Current.CancellationToken);
        return await ReadAsync(response, query);
    }

    public static async Task<Answer> PostAsync(HttpClient client, IDictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        var response = await client.PostAsync("/oai", content, TestContext.Current.CancellationToken);
        return await ReadAsync(response, "POST " + string.Join('&', form.Select(f => f.Key + "=" + f.Value)));
    }

    private static async Task<Answer> ReadAsync(HttpResponseMessage response, string label)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{label}: {(int)response.StatusCode} {body}");
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return new Answer(body, XDocument.Parse(body));
    }

    /// <summary>Follows every resumption token of a list; returns each page's answer.</summary>
    public static async Task<List<Answer>> HarvestAsync(HttpClient client, string verb, string arguments)
    {
        var pages = new List<Answer> { await GetAsync(client, $"verb={verb}&{arguments}") };
        while (pages[^1].Token is { Value.Length: > 0 } token)
        {
            Assert.True(pages.Count < 100, "more than 100 pages: the tokens do not advance");
            pages.Add(await GetAsync(client, $"verb={verb}&resumptionToken={Uri.EscapeDataString(token.Value)}"));
        }
        return pages;
    }

    public static string Identifier(Guid id) => "oai:polis:" + id.ToString("D");

    /// <summary>"2026-11-23T09:00:00Z" (the test clock keeps whole seconds).</summary>
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Polis with OAI-PMH pages of <see cref="PageSize"/> records, so a dozen documents make a split list.</summary>
public abstract class SmallOaiPagesApp : PolisApp
{
    public const int PageSize = 5;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Polis:Oai:PageSize", PageSize.ToString(CultureInfo.InvariantCulture));
    }
}

public sealed class SmallOaiPagesSqliteApp : SmallOaiPagesApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SmallOaiPagesPostgresApp : SmallOaiPagesApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
