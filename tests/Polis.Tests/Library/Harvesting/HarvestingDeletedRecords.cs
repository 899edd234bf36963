using System.Net;
using System.Net.Http.Json;
using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library.Harvesting;

/// <summary>
/// Persistent deleted records (issue 23): a document harvesters saw and may no longer read (withdrawn, deleted, given a
/// stricter access level) is reported as deleted, with the moment it left as its datestamp, in GetRecord, in both
/// lists and in incremental harvests, and it comes back as a record when it is public again. A document that was
/// never public is never mentioned, deleted or not.
/// </summary>
public abstract class HarvestingDeletedRecords(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<Oai.Answer> GetRecordAsync(HttpClient client, Guid id) =>
        Oai.GetAsync(client, $"verb=GetRecord&metadataPrefix=oai_dc&identifier={Oai.Identifier(id)}");

    private static string? Status(Oai.Answer answer, Guid id) =>
        answer.Xml.Descendants(Oai.Ns + "header").Single(h => h.Element(Oai.Ns + "identifier")!.Value == Oai.Identifier(id)).Attribute("status")?.Value;

    private static object Input(string title, string access = "Public", string[]? parties = null) =>
        new { title, type = "Report", access, allowedParties = parties ?? [], priorities = new[] { "Cybercrime" } };

    [Fact]
    public async Task Identify_promises_persistent_deleted_records()
    {
        var identify = await Oai.GetAsync(app.Anonymous(), "verb=Identify");
        Assert.Equal("persistent", identify.Xml.Descendants(Oai.Ns + "deletedRecord").Single().Value);
    }

    [Fact]
    public async Task Withdrawn_deleted_and_restricted_documents_are_reported_deleted_and_a_never_public_one_not_at_all()
    {
        app.Clock.Advance(TimeSpan.FromDays(3));   // a window of its own
        var librarian = await app.SignedInAsync(Role.Administrator);
        var before = app.Clock.GetUtcNow();
        var from = Oai.Stamp(before);
        var withdrawn = await app.CreateDocumentAsync(Input("Deleted-record withdrawn"), librarian);
        var deleted = await app.CreateDocumentAsync(Input("Deleted-record deleted"), librarian);
        var restricted = await app.CreateDocumentAsync(Input("Deleted-record restricted later"), librarian);
        var kept = await app.CreateDocumentAsync(Input("Deleted-record kept"), librarian);
        var neverPublic = await app.CreateDocumentAsync(Input("Deleted-record never public", "Restricted", ["org:SPMU"]), librarian);
        var draft = await app.CreateDocumentAsync(Input("Deleted-record draft"), librarian, publish: false);

        var anonymous = app.Anonymous();
        Assert.Null((await GetRecordAsync(anonymous, withdrawn)).Error);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var leftAt = app.Clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await librarian.PostAsJsonAsync($"/api/v1/library/documents/{withdrawn}/withdraw",
            new { reason = "Superseded" }, PolisApp.Json, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await librarian.DeleteAsync($"/api/v1/library/documents/{deleted}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PutDocumentAsync(librarian, restricted, Input("Deleted-record restricted later", "Members"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await librarian.DeleteAsync($"/api/v1/library/documents/{neverPublic}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await librarian.DeleteAsync($"/api/v1/library/documents/{draft}", Ct)).StatusCode);

        foreach (var gone in new[] { withdrawn, deleted, restricted })
        {
            var record = await GetRecordAsync(anonymous, gone);
            Assert.True(record.Error is null, record.Body);
            Assert.Equal("deleted", Status(record, gone));
            Assert.Empty(record.Xml.Descendants(Oai.Ns + "metadata"));
            Assert.DoesNotContain("Deleted-record", record.Body, StringComparison.Ordinal);   // nothing but the identifier and sets
            Assert.Equal(Oai.Stamp(leftAt), record.Xml.Descendants(Oai.Ns + "datestamp").Single().Value);
            var formats = await Oai.GetAsync(anonymous, $"verb=ListMetadataFormats&identifier={Oai.Identifier(gone)}");
            Assert.True(formats.Error is null, formats.Body);
        }
        foreach (var never in new[] { neverPublic, draft })
            Assert.Equal("idDoesNotExist", (await GetRecordAsync(anonymous, never)).Error);

        foreach (var verb in new[] { "ListIdentifiers", "ListRecords" })
        {
            var page = (await Oai.HarvestAsync(anonymous, verb, $"metadataPrefix=oai_dc&from={from}")).Single();
            Assert.Equal(new[] { kept, withdrawn, deleted, restricted }.Select(Oai.Identifier).Order(), page.Identifiers.Order());
            Assert.Null(Status(page, kept));
            Assert.Equal("deleted", Status(page, withdrawn));
            // ListRecords: a record element for each, metadata only for the one still public.
            Assert.Equal(verb == "ListRecords" ? 1 : 0, page.Xml.Descendants(Oai.Ns + "metadata").Count());
            Assert.Equal(verb == "ListRecords" ? 4 : 0, page.Xml.Descendants(Oai.Ns + "record").Count());
        }
        // An incremental harvest from the moment they left finds exactly the three deletions, in their sets too.
        var since = (await Oai.HarvestAsync(anonymous, "ListIdentifiers", $"metadataPrefix=oai_dc&from={Oai.Stamp(leftAt)}&set=priority:Cybercrime")).Single();
        Assert.Equal(new[] { withdrawn, deleted, restricted }.Select(Oai.Identifier).Order(), since.Identifiers.Order());
        Assert.Equal("noRecordsMatch", (await Oai.GetAsync(anonymous, $"verb=ListIdentifiers&metadataPrefix=oai_dc&from={from}&set=type:Guidebook")).Error);

        // Published again, the withdrawn document is a record again, with a datestamp later than its deletion.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.PublishAsync(withdrawn, librarian);
        var back = await GetRecordAsync(anonymous, withdrawn);
        Assert.Null(Status(back, withdrawn));
        Assert.Contains("Deleted-record withdrawn", back.Body, StringComparison.Ordinal);
        Assert.Equal(Oai.Stamp(app.Clock.GetUtcNow()), back.Xml.Descendants(Oai.Ns + "datestamp").Single().Value);
    }
}

public sealed class HarvestingDeletedRecordsOnSqlite(SqliteApp app) : HarvestingDeletedRecords(app), IClassFixture<SqliteApp>;
public sealed class HarvestingDeletedRecordsOnPostgres(PostgresApp app) : HarvestingDeletedRecords(app), IClassFixture<PostgresApp>;
