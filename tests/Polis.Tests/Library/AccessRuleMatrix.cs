using System.Net;
using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>
/// The access rule as a matrix of level × role × scope, checked three ways on a real database: the pure rule,
/// the EF query (API GET), and search (hits, totals and facet counts). All three must agree.
/// </summary>
public abstract class AccessRuleMatrix(PolisApp app) : IAsyncLifetime
{
    private static readonly Dictionary<string, (AccessLevel Level, string[] Parties)> Records = new()
    {
        ["public"] = (AccessLevel.Public, []),
        ["registered"] = (AccessLevel.Registered, []),
        ["members"] = (AccessLevel.Members, []),
        ["restricted-spmu"] = (AccessLevel.Restricted, ["org:SPMU"]),
        ["restricted-kg"] = (AccessLevel.Restricted, ["state:KG"]),
        ["restricted-msrb-rs"] = (AccessLevel.Restricted, ["org:MSRB", "state:RS"]),
    };

    private static readonly Dictionary<string, (string? Role, string[] Orgs, string? State)> Viewers = new()
    {
        ["anonymous"] = (null, [], null),
        ["registered"] = (null, [], null),
        ["member"] = (Role.Member, [], null),
        ["expert"] = (Role.Expert, [], null),
        ["editor-spmu"] = (Role.Editor, ["SPMU"], null),
        ["editor-msrb"] = (Role.Editor, ["MSRB"], null),
        ["focalpoint-kg"] = (Role.FocalPoint, [], "KG"),
        ["focalpoint-rs"] = (Role.FocalPoint, [], "RS"),
        ["coordinator-tntd"] = (Role.Coordinator, ["TNTD"], null),
        ["administrator"] = (Role.Administrator, [], null),
    };

    /// <summary>The expected matrix, written out by hand: viewer → records it may read.</summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["anonymous"] = ["public"],
        ["registered"] = ["public", "registered"],
        ["member"] = ["public", "registered", "members"],
        ["expert"] = ["public", "registered", "members"],
        ["editor-spmu"] = ["public", "registered", "members", "restricted-spmu"],
        ["editor-msrb"] = ["public", "registered", "members", "restricted-msrb-rs"],
        ["focalpoint-kg"] = ["public", "registered", "members", "restricted-kg"],
        ["focalpoint-rs"] = ["public", "registered", "members", "restricted-msrb-rs"],
        ["coordinator-tntd"] = ["public", "registered", "members"],
        ["administrator"] = ["public", "registered", "members", "restricted-spmu", "restricted-kg", "restricted-msrb-rs"],
    };

    /// <summary>The records and the signed-in viewers, made once per database: xUnit makes an instance per test, and none changes them.</summary>
    private sealed record Setup(string Marker, Dictionary<string, Guid> Ids, Dictionary<string, HttpClient> Clients);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PolisApp, Task<Setup>> Setups = [];
    private Setup setup = null!;

    public async ValueTask InitializeAsync() => setup = await Setups.GetValue(app, CreateSetupAsync);

    private static async Task<Setup> CreateSetupAsync(PolisApp app)
    {
        var marker = "matrix" + Guid.NewGuid().ToString("N")[..8];
        var ids = new Dictionary<string, Guid>();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (name, (level, parties)) in Records)
            ids[name] = await app.CreateDocumentWithTextAsync(new
            {
                title = $"Matrix record {name}",
                type = "Report",
                access = level.ToString(),
                allowedParties = parties,
                priorities = new[] { "Cybercrime" },
            }, "en", $"The {marker} study of {name} cyber evidence handling.");
        foreach (var (name, (role, orgs, state)) in Viewers)
            clients[name] = name == "anonymous" ? app.Anonymous() : await app.SignedInAsync(role, orgs, state);
        return new Setup(marker, ids, clients);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public void The_pure_rule_gives_the_expected_matrix()
    {
        foreach (var (viewerName, (role, orgs, state)) in Viewers)
        {
            var viewer = viewerName == "anonymous" ? Viewer.Anonymous
                : Viewer.Of(Guid.NewGuid(), viewerName, role is null ? [] : [role], orgs, state);
            var allowed = Records.Where(r => AccessRule.Allows(viewer, r.Value.Level, r.Value.Parties.Select(p => AccessGrant.Parse(p)!)))
                .Select(r => r.Key).Order(StringComparer.Ordinal);
            Assert.Equal(Expected[viewerName].Order(StringComparer.Ordinal), allowed);
        }
    }

    [Fact]
    public async Task The_api_returns_exactly_the_allowed_records_and_404_for_the_others()
    {
        foreach (var (viewerName, client) in setup.Clients)
            foreach (var (record, id) in setup.Ids)
            {
                var response = await client.GetAsync($"/api/v1/library/documents/{id}", TestContext.Current.CancellationToken);
                var expected = Expected[viewerName].Contains(record) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                Assert.True(expected == response.StatusCode, $"{viewerName} reading {record}: expected {expected}, got {response.StatusCode}");
            }
    }

    [Fact]
    public async Task Search_hits_totals_and_facets_show_exactly_the_allowed_records()
    {
        foreach (var (viewerName, client) in setup.Clients)
        {
            var results = await app.SearchAsync(client, $"q={setup.Marker}&pageSize=50");
            var found = results.Hits.Select(h => setup.Ids.Single(i => i.Value.ToString() == h.Id).Key).Order(StringComparer.Ordinal);
            Assert.Equal(Expected[viewerName].Order(StringComparer.Ordinal), found);
            Assert.Equal(Expected[viewerName].Length, results.Total);
            var typeCount = results.Facets["type"].Single(f => f.Value == "Report").Count;
            Assert.Equal(Expected[viewerName].Length, typeCount);
        }
    }
}

public sealed class AccessRuleMatrixOnSqlite(SqliteApp app) : AccessRuleMatrix(app), IClassFixture<SqliteApp>;
public sealed class AccessRuleMatrixOnPostgres(PostgresApp app) : AccessRuleMatrix(app), IClassFixture<PostgresApp>;
