using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library.Harvesting;

/// <summary>
/// Invisible is absent, for harvesters: OAI-PMH serves the records an anonymous visitor may read and nothing
/// else, whoever asks. A record the public may not read does not exist, in lists, in counts and by identifier.
/// </summary>
public abstract class HarvestingOnlyPublicRecords(PolisApp app) : IAsyncLifetime
{
    private readonly Dictionary<string, Guid> ids = [];
    private string from = "";

    public async ValueTask InitializeAsync()
    {
        app.Clock.Advance(TimeSpan.FromDays(7));   // a window of its own: earlier tests' records fall before `from`
        from = Oai.Stamp(app.Clock.GetUtcNow());
        var librarian = await app.SignedInAsync(Role.Administrator);   // signed in after the jump: a sign-in lasts 8 hours
        foreach (var (name, access, parties) in new (string, string, string[])[]
                 {
                     ("public", "Public", []), ("registered", "Registered", []), ("members", "Members", []),
                     ("restricted", "Restricted", ["org:SPMU"]),
                 })
            ids[name] = await app.CreateDocumentAsync(new
            {
                title = $"Harvest visibility {name}",
                type = "Report",
                access,
                allowedParties = parties,
                priorities = new[] { "Cybercrime" },
            }, librarian);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("ListIdentifiers", "")]
    [InlineData("ListRecords", "")]
    [InlineData("ListIdentifiers", "&set=priority:Cybercrime")]
    [InlineData("ListRecords", "&set=type:Report")]
    public async Task Lists_hold_the_public_record_and_nothing_the_public_may_not_read(string verb, string set)
    {
        var pages = await Oai.HarvestAsync(app.Anonymous(), verb, $"metadataPrefix=oai_dc&from={from}{set}");
        Assert.Equal([Oai.Identifier(ids["public"])], pages.SelectMany(p => p.Identifiers));
        Assert.All(pages, p => Assert.Null(p.Token));   // one page, so no completeListSize that could count the others
    }

    [Fact]
    public async Task A_signed_in_administrator_harvests_exactly_what_an_anonymous_harvester_does()
    {
        var administrator = await app.SignedInAsync(Role.Administrator);
        var pages = await Oai.HarvestAsync(administrator, "ListRecords", $"metadataPrefix=oai_dc&from={from}");
        Assert.Equal([Oai.Identifier(ids["public"])], pages.SelectMany(p => p.Identifiers));
        var record = await Oai.GetAsync(administrator, $"verb=GetRecord&metadataPrefix=oai_dc&identifier={Oai.Identifier(ids["restricted"])}");
        Assert.True(record.Error == "idDoesNotExist", record.Body);
    }

    [Theory]
    [InlineData("registered")]
    [InlineData("members")]
    [InlineData("restricted")]
    public async Task A_record_the_public_may_not_read_answers_idDoesNotExist(string name)
    {
        var client = app.Anonymous();
        var record = await Oai.GetAsync(client, $"verb=GetRecord&metadataPrefix=oai_dc&identifier={Oai.Identifier(ids[name])}");
        Assert.True(record.Error == "idDoesNotExist", record.Body);
        Assert.DoesNotContain($"Harvest visibility {name}", record.Body, StringComparison.Ordinal);
        var formats = await Oai.GetAsync(client, $"verb=ListMetadataFormats&identifier={Oai.Identifier(ids[name])}");
        Assert.True(formats.Error == "idDoesNotExist", formats.Body);
    }

    [Fact]
    public async Task The_public_record_answers_GetRecord_and_ListMetadataFormats()
    {
        var client = app.Anonymous();
        var record = await Oai.GetAsync(client, $"verb=GetRecord&metadataPrefix=oai_dc&identifier={Oai.Identifier(ids["public"])}");
        Assert.Null(record.Error);
        Assert.Contains("Harvest visibility public", record.Body, StringComparison.Ordinal);
        var formats = await Oai.GetAsync(client, $"verb=ListMetadataFormats&identifier={Oai.Identifier(ids["public"])}");
        Assert.Null(formats.Error);
    }
}

public sealed class HarvestingOnlyPublicRecordsOnSqlite(SqliteApp app) : HarvestingOnlyPublicRecords(app), IClassFixture<SqliteApp>;
public sealed class HarvestingOnlyPublicRecordsOnPostgres(PostgresApp app) : HarvestingOnlyPublicRecords(app), IClassFixture<PostgresApp>;
