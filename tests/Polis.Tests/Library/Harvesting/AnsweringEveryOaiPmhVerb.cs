using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library.Harvesting;

/// <summary>
/// OAI-PMH 2.0 at /oai: every verb and every error answers XML valid against the official OAI-PMH.xsd and
/// oai_dc.xsd (checked by the shared validator, not by us), with the error codes of section 3.6.
/// </summary>
public abstract class AnsweringEveryOaiPmhVerb(PolisApp app) : IAsyncLifetime
{
    private sealed record Sample(Guid Id, DateTimeOffset Created, string Symbol);

    // One sample document per database: xUnit makes an instance per test, and the library refuses a second
    // copy of the same file.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PolisApp, Task<Sample>> Samples = [];
    private Sample sample = null!;

    public async ValueTask InitializeAsync() => sample = await Samples.GetValue(app, CreateSampleAsync);

    private static async Task<Sample> CreateSampleAsync(PolisApp app)
    {
        app.Clock.Advance(TimeSpan.FromDays(7));
        var created = app.Clock.GetUtcNow();
        var symbol = $"SEC.GAL/{Random.Shared.Next(100, 999)}/26";
        var librarian = await app.SignedInAsync(Role.Administrator);
        var id = await app.CreateDocumentAsync(new
        {
            title = "Guidebook on cyber evidence",
            type = "Guidebook",
            access = "Public",
            priorities = new[] { "Cybercrime" },
            publishedOn = "2026-03-15",
            summary = "How police units secure, keep and present digital evidence.",
            symbol,
            keywords = new[] { "digital forensics, chain of custody" },
            issuingBody = "TNTD",
            countries = new[] { "KG", "RS" },
        }, librarian);
        var upload = await app.UploadAsync(id, "en", "evidence.txt",
            System.Text.Encoding.UTF8.GetBytes("Digital evidence must be secured before it is examined. See PC.DEC/1049."), librarian);
        Assert.True(upload.StatusCode == System.Net.HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        return new Sample(id, created, symbol);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Guid DocumentId => sample.Id;
    private DateTimeOffset Created => sample.Created;
    private string Symbol => sample.Symbol;
    private string Id => Oai.Identifier(DocumentId);

    [Fact]
    public async Task Every_verb_and_every_error_answers_xml_valid_against_the_official_schema()
    {
        var client = app.Anonymous();
        string[] queries =
        [
            "verb=Identify",
            "verb=ListMetadataFormats",
            $"verb=ListMetadataFormats&identifier={Id}",
            "verb=ListSets",
            "verb=ListIdentifiers&metadataPrefix=oai_dc",
            "verb=ListRecords&metadataPrefix=oai_dc",
            $"verb=ListRecords&metadataPrefix=oai_dc&set=priority:Cybercrime&from={Oai.Stamp(Created)}",
            $"verb=GetRecord&metadataPrefix=oai_dc&identifier={Id}",
            "verb=Nonsense",
            "verb=ListRecords",
            "verb=Identify&bogus=1",
            $"verb=GetRecord&metadataPrefix=marc21&identifier={Id}",
            "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:polis:nothing",
            "verb=ListRecords&resumptionToken=forged",
            "verb=ListIdentifiers&metadataPrefix=oai_dc&from=9999-01-01",
            "verb=ListRecords&metadataPrefix=oai%20dc",
        ];
        foreach (var query in queries)
        {
            var answer = await Oai.GetAsync(client, query);
            await Validators.AssertValidAsync("validate-oai-pmh.sh", answer.Body, ".xml");
        }
    }

    [Fact]
    public async Task Identify_describes_the_repository_and_its_deletion_policy()
    {
        var answer = await Oai.GetAsync(app.Anonymous(), "verb=Identify");
        var identify = answer.Xml.Root!.Element(Oai.Ns + "Identify")!;
        string Field(string name) => identify.Element(Oai.Ns + name)!.Value;
        Assert.Equal("Polis library", Field("repositoryName"));
        Assert.Equal("http://localhost/oai", Field("baseURL"));
        Assert.Equal("2.0", Field("protocolVersion"));
        Assert.Equal("admin@polis.example", Field("adminEmail"));
        Assert.Equal("persistent", Field("deletedRecord"));
        Assert.Equal("YYYY-MM-DDThh:mm:ssZ", Field("granularity"));
        Assert.True(string.CompareOrdinal(Field("earliestDatestamp"), Oai.Stamp(Created)) <= 0, answer.Body);
        Assert.Equal("Identify", answer.Request.Attribute("verb")?.Value);
        Assert.Equal("http://localhost/oai", answer.Request.Value);
    }

    [Fact]
    public async Task A_post_form_answers_like_get()
    {
        var client = app.Anonymous();
        var posted = await Oai.PostAsync(client, new Dictionary<string, string> { ["verb"] = "GetRecord", ["metadataPrefix"] = "oai_dc", ["identifier"] = Id });
        var got = await Oai.GetAsync(client, $"verb=GetRecord&metadataPrefix=oai_dc&identifier={Id}");
        Assert.Null(posted.Error);
        Assert.Equal(got.Identifiers, posted.Identifiers);
        Assert.Equal([Id], posted.Identifiers);
    }

    [Fact]
    public async Task A_record_is_described_in_dublin_core()
    {
        var answer = await Oai.GetAsync(app.Anonymous(), $"verb=GetRecord&metadataPrefix=oai_dc&identifier={Id}");
        var header = answer.Xml.Descendants(Oai.Ns + "header").Single();
        Assert.Equal(Oai.Stamp(Created), header.Element(Oai.Ns + "datestamp")!.Value);
        Assert.Equal(["type:Guidebook", "priority:Cybercrime"], header.Elements(Oai.Ns + "setSpec").Select(s => s.Value));
        List<string> Dc(string name) => [.. answer.Xml.Descendants(Oai.Dc + name).Select(e => e.Value)];
        var title = answer.Xml.Descendants(Oai.Dc + "title").Single();
        Assert.Equal("Guidebook on cyber evidence", title.Value);
        Assert.Equal("en", title.Attribute(System.Xml.Linq.XNamespace.Xml + "lang")?.Value);
        Assert.Equal([$"http://localhost/library/documents/{DocumentId:D}", Symbol], Dc("identifier"));
        Assert.Contains("Guidebook", Dc("type"));
        Assert.Equal(["2026-03-15"], Dc("date"));
        Assert.Equal(["en"], Dc("language"));
        Assert.Equal(["Cybercrime", "digital forensics", "chain of custody"], Dc("subject"));
        Assert.Equal(["How police units secure, keep and present digital evidence."], Dc("description"));
        Assert.Single(Dc("creator"));
        Assert.Equal(Dc("creator"), Dc("publisher"));
        Assert.Equal(["KG", "RS"], Dc("coverage"));
        Assert.Equal(["PC.DEC/1049"], Dc("relation"));
    }

    [Fact]
    public async Task Sets_are_the_document_types_and_the_thematic_priorities()
    {
        var answer = await Oai.GetAsync(app.Anonymous(), "verb=ListSets");
        var sets = answer.Xml.Descendants(Oai.Ns + "set")
            .ToDictionary(s => s.Element(Oai.Ns + "setSpec")!.Value, s => s.Element(Oai.Ns + "setName")!.Value, StringComparer.Ordinal);
        Assert.Equal(Enum.GetValues<Polis.Library.DocumentType>().Length, sets.Keys.Count(k => k.StartsWith("type:", StringComparison.Ordinal)));
        Assert.Equal(6, sets.Keys.Count(k => k.StartsWith("priority:", StringComparison.Ordinal)));
        Assert.Equal("Document type: Guidebook", sets["type:Guidebook"]);
        Assert.Equal("Thematic priority: Cybercrime", sets["priority:Cybercrime"]);
        Assert.Contains("priority:TraffickingInHumanBeings", sets.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("verb=Nonsense")]
    [InlineData("verb=identify")]
    [InlineData("verb=Identify&verb=ListSets")]
    public async Task A_missing_unknown_or_repeated_verb_answers_badVerb(string query)
    {
        var answer = await Oai.GetAsync(app.Anonymous(), query);
        Assert.True(answer.Error == "badVerb", answer.Body);
        Assert.Empty(answer.Request.Attributes());   // 3.6: after badVerb the request element carries no attributes
    }

    [Theory]
    [InlineData("verb=Identify&bogus=1")]
    [InlineData("verb=ListRecords")]
    [InlineData("verb=ListIdentifiers&from=2026-01-01")]
    [InlineData("verb=GetRecord&metadataPrefix=oai_dc")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2026-13-01")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=yesterday")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01T10:00:00")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01T10:00:00.5Z")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2026-05-01&until=2026-04-01")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2026-04-01T00:00:00Z")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&set=type:Nonsense")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc")]
    [InlineData("verb=ListSets&set=type:Guidebook")]
    public async Task Missing_repeated_unknown_or_malformed_arguments_answer_badArgument(string query)
    {
        var answer = await Oai.GetAsync(app.Anonymous(), query);
        Assert.True(answer.Error == "badArgument", answer.Body);
        Assert.Empty(answer.Request.Attributes());
    }

    [Theory]
    [InlineData("verb=ListRecords&metadataPrefix=marc21")]
    [InlineData("verb=ListIdentifiers&metadataPrefix=oai_ddi")]
    [InlineData("verb=GetRecord&metadataPrefix=mods&identifier={id}")]
    public async Task A_format_other_than_oai_dc_answers_cannotDisseminateFormat(string query)
    {
        var answer = await Oai.GetAsync(app.Anonymous(), query.Replace("{id}", Id, StringComparison.Ordinal));
        Assert.True(answer.Error == "cannotDisseminateFormat", answer.Body);
        Assert.NotNull(answer.Request.Attribute("metadataPrefix"));
    }

    [Theory]
    [InlineData("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:polis:00000000-0000-0000-0000-000000000001")]
    [InlineData("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:elsewhere.example:1")]
    [InlineData("verb=ListMetadataFormats&identifier=oai:polis:not-a-guid")]
    public async Task An_unknown_identifier_answers_idDoesNotExist(string query)
    {
        var answer = await Oai.GetAsync(app.Anonymous(), query);
        Assert.True(answer.Error == "idDoesNotExist", answer.Body);
    }

    [Fact]
    public async Task A_list_with_nothing_in_its_interval_answers_noRecordsMatch()
    {
        var answer = await Oai.GetAsync(app.Anonymous(), "verb=ListRecords&metadataPrefix=oai_dc&until=1999-12-31");
        Assert.True(answer.Error == "noRecordsMatch", answer.Body);
        Assert.Equal("1999-12-31", answer.Request.Attribute("until")?.Value);
    }
}

public sealed class AnsweringEveryOaiPmhVerbOnSqlite(SqliteApp app) : AnsweringEveryOaiPmhVerb(app), IClassFixture<SqliteApp>;
public sealed class AnsweringEveryOaiPmhVerbOnPostgres(PostgresApp app) : AnsweringEveryOaiPmhVerb(app), IClassFixture<PostgresApp>;
