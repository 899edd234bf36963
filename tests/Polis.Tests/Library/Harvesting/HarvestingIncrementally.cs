using Polis.Accounts.Contracts;

namespace Polis.Tests.Library.Harvesting;

/// <summary>
/// Harvesters come back for what changed: from/until select by datestamp, and a long list arrives in pages
/// (5 records here) joined by resumption tokens that carry the filter and a keyset cursor.
/// </summary>
public abstract class HarvestingIncrementally(SmallOaiPagesApp app) : IAsyncLifetime
{
    private DateTimeOffset start;
    private HttpClient? librarian;

    public async ValueTask InitializeAsync()
    {
        app.Clock.Advance(TimeSpan.FromDays(7));   // a day of its own for each test
        start = app.Clock.GetUtcNow();
        librarian = await app.SignedInAsync(Role.Administrator);   // after the jump: a sign-in lasts 8 hours
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<Guid> CreateAsync(string title, string access = "Public") =>
        app.CreateDocumentAsync(new { title, type = "Report", access, allowedParties = access == "Restricted" ? new[] { "state:KG" } : [] }, librarian);

    [Fact]
    public async Task From_and_until_select_records_by_datestamp_at_either_granularity()
    {
        var first = await CreateAsync("Incremental first");
        app.Clock.Advance(TimeSpan.FromHours(1));
        var middle = await CreateAsync("Incremental middle");
        var middleAt = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromHours(1));
        var last = await CreateAsync("Incremental last");
        var client = app.Anonymous();

        async Task<List<string>> Harvest(string arguments) =>
            [.. (await Oai.HarvestAsync(client, "ListIdentifiers", "metadataPrefix=oai_dc&" + arguments)).SelectMany(p => p.Identifiers)];

        Assert.Equal([Oai.Identifier(middle), Oai.Identifier(last)], await Harvest($"from={Oai.Stamp(middleAt)}"));
        Assert.Equal([Oai.Identifier(first), Oai.Identifier(middle)], await Harvest($"from={Oai.Stamp(start)}&until={Oai.Stamp(middleAt)}"));
        Assert.Equal([Oai.Identifier(middle)], await Harvest($"from={Oai.Stamp(middleAt)}&until={Oai.Stamp(middleAt)}"));
        Assert.Equal([Oai.Identifier(first)], await Harvest($"from={Oai.Stamp(start)}&until={Oai.Stamp(middleAt.AddSeconds(-1))}"));
        // A day-granular until covers the whole day.
        Assert.Equal([Oai.Identifier(first), Oai.Identifier(middle), Oai.Identifier(last)],
            await Harvest($"from={Oai.Day(start)}&until={Oai.Day(start)}"));
        var after = await Oai.GetAsync(client, $"verb=ListIdentifiers&metadataPrefix=oai_dc&from={Oai.Stamp(app.Clock.GetUtcNow().AddSeconds(1))}");
        Assert.True(after.Error == "noRecordsMatch", after.Body);
    }

    [Theory]
    [InlineData("ListIdentifiers")]
    [InlineData("ListRecords")]
    public async Task Resuming_through_every_page_gives_each_record_exactly_once(string verb)
    {
        // Twelve records with one datestamp: only the id orders them, so the cursor must carry it.
        var created = new List<string>();
        for (var i = 0; i < 12; i++) created.Add(Oai.Identifier(await CreateAsync($"Paged record {i}")));
        await CreateAsync("Paged but restricted", "Restricted");

        var pages = await Oai.HarvestAsync(app.Anonymous(), verb, $"metadataPrefix=oai_dc&from={Oai.Stamp(start)}");

        Assert.Equal([5, 5, 2], pages.Select(p => p.Identifiers.Count));
        var harvested = pages.SelectMany(p => p.Identifiers).ToList();
        Assert.Equal(harvested.Count, harvested.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(created.Order(StringComparer.Ordinal), harvested.Order(StringComparer.Ordinal));
        Assert.Equal(["0", "5", "10"], pages.Select(p => p.Token!.Attribute("cursor")!.Value));
        Assert.All(pages, p => Assert.Equal("12", p.Token!.Attribute("completeListSize")!.Value));
        Assert.Equal("", pages[^1].Token!.Value);   // the last page of a split list ends with an empty token
        Assert.NotNull(pages[0].Token!.Attribute("expirationDate"));
    }

    [Fact]
    public async Task Records_added_during_a_harvest_arrive_at_the_end_and_none_is_skipped_or_repeated()
    {
        var created = new List<string>();
        for (var i = 0; i < 7; i++) created.Add(Oai.Identifier(await CreateAsync($"Before the harvest {i}")));
        var client = app.Anonymous();
        var first = await Oai.GetAsync(client, $"verb=ListIdentifiers&metadataPrefix=oai_dc&from={Oai.Stamp(start)}");
        Assert.Equal(5, first.Identifiers.Count);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        for (var i = 0; i < 3; i++) created.Add(Oai.Identifier(await CreateAsync($"During the harvest {i}")));

        var harvested = first.Identifiers.ToList();
        var token = first.Token!.Value;
        while (token.Length > 0)
        {
            var page = await Oai.GetAsync(client, $"verb=ListIdentifiers&resumptionToken={Uri.EscapeDataString(token)}");
            Assert.True(page.Error is null, page.Body);
            harvested.AddRange(page.Identifiers);
            token = page.Token?.Value ?? "";
        }
        Assert.Equal(created.Order(StringComparer.Ordinal), harvested.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_forged_altered_expired_or_borrowed_token_answers_badResumptionToken()
    {
        for (var i = 0; i < 6; i++) await CreateAsync($"Token record {i}");
        var client = app.Anonymous();
        var first = await Oai.GetAsync(client, $"verb=ListRecords&metadataPrefix=oai_dc&from={Oai.Stamp(start)}");
        var token = first.Token!.Value;
        var altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        foreach (var (verb, candidate) in new[]
                 {
                     ("ListRecords", "not-a-token-%%%"), ("ListRecords", "AAAA"), ("ListRecords", altered),
                     ("ListIdentifiers", token),   // issued for ListRecords
                     ("ListSets", token),
                 })
        {
            var answer = await Oai.GetAsync(client, $"verb={verb}&resumptionToken={Uri.EscapeDataString(candidate)}");
            Assert.True(answer.Error == "badResumptionToken", $"{verb} {candidate}: {answer.Body}");
        }

        var fresh = await Oai.GetAsync(client, $"verb=ListRecords&resumptionToken={Uri.EscapeDataString(token)}");
        Assert.Null(fresh.Error);
        app.Clock.Advance(TimeSpan.FromHours(25));
        var expired = await Oai.GetAsync(client, $"verb=ListRecords&resumptionToken={Uri.EscapeDataString(token)}");
        Assert.True(expired.Error == "badResumptionToken", expired.Body);
        Assert.Equal(token, expired.Request.Attribute("resumptionToken")?.Value);
    }
}

public sealed class HarvestingIncrementallyOnSqlite(SmallOaiPagesSqliteApp app) : HarvestingIncrementally(app), IClassFixture<SmallOaiPagesSqliteApp>;
public sealed class HarvestingIncrementallyOnPostgres(SmallOaiPagesPostgresApp app) : HarvestingIncrementally(app), IClassFixture<SmallOaiPagesPostgresApp>;
