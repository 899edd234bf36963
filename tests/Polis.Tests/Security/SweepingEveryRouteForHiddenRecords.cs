using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Platform;
using Polis.Searching.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Security;

/// <summary>
/// "Invisible is absent", for every module at once (ADR 2). Each module's descriptor makes a Restricted marker record
/// readable only by a party no sweeping user holds; then every GET route of the endpoint data source (API, pages,
/// feeds, downloads, OAI-PMH) is called as anonymous and as each role, with every marker id in every route parameter
/// and the module's probe query strings. The marker's word and ids must appear nowhere, and a route answers the
/// marker's id exactly as it answers an id that does not exist. Before and after the marker, anonymous answers to the
/// parameterless routes are identical (counts, facets, totals). A new module's routes and marker join without an edit here.
/// </summary>
public abstract partial class SweepingEveryRouteForHiddenRecords(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly AccessGrant Party = AccessGrant.ToOrganisation("ODIHR");

    [Fact]
    public async Task No_route_shows_a_restricted_record_to_anyone_outside_its_parties_and_counts_do_not_move()
    {
        var marker = "sweepmarker" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8));
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();
        var routes = GetRoutes();
        Assert.NotEmpty(routes);
        var probeQueries = new List<string> { "" };

        // Before: anonymous answers to every parameterless route, bare and searching for the marker's word.
        var anonymous = app.Anonymous();
        var before = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var route in routes.Where(r => r.Parameters.Count == 0))
            foreach (var url in new[] { route.Pattern, route.Pattern + "?q=" + AccessProbe.SearchWord(marker) })
                before[url] = Normalise(await GetAsync(anonymous, url), marker);

        var probes = new List<AccessProbe>();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            foreach (var module in catalog.Modules)
                if (await module.CreateRestrictedMarkerAsync(scope.ServiceProvider, marker, Party, Ct) is { } probe) probes.Add(probe);
            await scope.ServiceProvider.GetRequiredService<ISearchService>().CatchUpAsync(Ct);
        }
        Assert.NotEmpty(probes);
        var ids = probes.SelectMany(p => p.RouteValues).Distinct(StringComparer.Ordinal).ToList();
        probeQueries.AddRange(probes.SelectMany(p => p.QueryStrings).Distinct(StringComparer.Ordinal));

        // Counts, facets and totals seen by anonymous callers do not move when a restricted record is added.
        foreach (var (url, body) in before)
        {
            var after = Normalise(await GetAsync(anonymous, url), marker);
            Assert.True(body == after, $"anonymous answer of {url} changed when a restricted record was added: before {body[..Math.Min(300, body.Length)]} after {after[..Math.Min(300, after.Length)]}");
        }

        var urls = Urls(routes, ids, probeQueries).ToList();
        var outsiders = new List<(string Who, HttpClient Client)>
        {
            ("anonymous", anonymous),
            ("registered", await app.SignedInAsync(null)),
            ("member", await app.SignedInAsync(Role.Member)),
            ("expert", await app.SignedInAsync(Role.Expert)),
            ("focal point KG", await app.SignedInAsync(Role.FocalPoint, state: "KG")),
            ("editor SPMU+MSRB", await app.SignedInAsync(Role.Editor, ["SPMU", "MSRB"])),
            ("coordinator SPMU", await app.SignedInAsync(Role.Coordinator, ["SPMU"])),
        };
        foreach (var (who, client) in outsiders)
        {
            foreach (var (url, absentTwin) in urls)
            {
                var (status, body) = await GetAsync(client, url);
                Assert.False(body.Contains(marker, StringComparison.OrdinalIgnoreCase), $"{who}: GET {url} shows the restricted marker ({(int)status})");
                foreach (var id in ids)
                    Assert.False(body.Contains(id, StringComparison.OrdinalIgnoreCase) && !url.Contains(id, StringComparison.OrdinalIgnoreCase),
                        $"{who}: GET {url} names the restricted record {id}");
                if (absentTwin is not null)
                {
                    var (twinStatus, _) = await GetAsync(client, absentTwin);
                    Assert.True(twinStatus == status, $"{who}: GET {url} answers {(int)status} where a record that does not exist answers {(int)twinStatus}");
                }
            }
        }

        // Not vacuous: the party and an administrator do find the marker through these routes.
        foreach (var (who, client) in new[]
                 {
                     ("member of ODIHR", await app.SignedInAsync(Role.Member, ["ODIHR"])),
                     ("administrator", await app.SignedInAsync(Role.Administrator)),
                 })
        {
            var seen = 0;
            foreach (var (url, _) in urls)
                if ((await GetAsync(client, url)).Body.Contains(marker, StringComparison.OrdinalIgnoreCase)) seen++;
            Assert.True(seen >= 2, $"{who} should see the marker through at least two routes (saw {seen}): the sweep would prove nothing");
        }
    }

    private sealed record SweptRoute(string Pattern, IReadOnlyList<RoutePatternParameterPart> Parameters);

    private List<SweptRoute> GetRoutes() =>
    [
        .. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } m || m.HttpMethods.Contains(HttpMethods.Get))
            .Where(e => !e.RoutePattern.Parameters.Any(p => p.IsCatchAll))
            .Select(e => new SweptRoute(ModuleCatalog.Normalise(e.RoutePattern.RawText ?? ""), e.RoutePattern.Parameters))
            .DistinctBy(r => r.Pattern),
    ];

    // Values for parameters that are not record ids; every other parameter gets every marker id in turn.
    private static readonly Dictionary<string, string> Fixed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["code"] = "en",
        ["documentName"] = "v1",
        ["status"] = "404",
    };

    /// <summary>Each URL to sweep, with the same URL for an id that does not exist (null when no id is in the route).</summary>
    private static IEnumerable<(string Url, string? AbsentTwin)> Urls(List<SweptRoute> routes, List<string> ids, List<string> queries)
    {
        var missing = Guid.NewGuid().ToString();
        foreach (var route in routes)
        {
            var idParameters = route.Parameters.Where(p => !Fixed.ContainsKey(p.Name)).ToList();
            var paths = new List<(string Path, string? Twin)>();
            if (idParameters.Count == 0) paths.Add((Fill(route, null), null));
            else
                foreach (var id in ids) paths.Add((Fill(route, id), Fill(route, missing)));
            foreach (var (path, twin) in paths)
                foreach (var query in queries)
                    yield return (query.Length == 0 ? path : path + "?" + query, twin is null ? null : query.Length == 0 ? twin : twin + "?" + query);
        }
    }

    private static string Fill(SweptRoute route, string? id) => ParameterPattern().Replace(route.Pattern, m =>
    {
        var name = m.Groups[1].Value;
        return Fixed.TryGetValue(name, out var value) ? value : id ?? "";
    });

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static string Normalise((HttpStatusCode Status, string Body) answer, string marker) =>
        (int)answer.Status + " " + Volatile().Replace(answer.Body.Replace(marker, "MARKER", StringComparison.Ordinal), "");

    [GeneratedRegex(@"\{\*?([A-Za-z]+)(?::[^}]*)?\??\}")]
    private static partial Regex ParameterPattern();

    // Per-request values: antiforgery tokens, nonces, trace ids.
    [GeneratedRegex(@"(name=""__RequestVerificationToken"" type=""hidden"" value=""[^""]*"")|(nonce=""[^""]*"")|(""traceId"":""[^""]*"")")]
    private static partial Regex Volatile();
}

public sealed class SweepingEveryRouteForHiddenRecordsOnSqlite(SqliteApp app) : SweepingEveryRouteForHiddenRecords(app), IClassFixture<SqliteApp>;
public sealed class SweepingEveryRouteForHiddenRecordsOnPostgres(PostgresApp app) : SweepingEveryRouteForHiddenRecords(app), IClassFixture<PostgresApp>;
