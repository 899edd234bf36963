using System.Net;
using System.Text;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>
/// Audit by aggregate root: a change anywhere inside a document (an edition, a file, a grant) bumps the document's
/// version and writes one audit entry for the document, saying what changed; codes are logged with their values,
/// free text never.
/// </summary>
public abstract class AuditingByRecord(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> ETagAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/v1/library/documents/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.Tag;
    }

    [Fact]
    public async Task A_second_file_in_an_existing_edition_writes_an_audit_entry_and_a_new_version()
    {
        var librarian = await app.LibrarianAsync();
        var id = await app.CreateDocumentAsync(new { title = "Guide with two files", type = "Guidebook", access = "Public" });
        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(id, "en", "part-1.txt", Encoding.UTF8.GetBytes("Part one " + Guid.NewGuid()))).StatusCode);
        var etag = await ETagAsync(librarian, id);
        var audit = await app.AuditOfAsync(id);

        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(id, "en", "part-2.txt", Encoding.UTF8.GetBytes("Part two " + Guid.NewGuid()))).StatusCode);

        Assert.NotEqual(etag, await ETagAsync(librarian, id));
        var after = await app.AuditOfAsync(id);
        var entry = Assert.Single(after.Skip(audit.Count));
        Assert.Equal("Modified", entry.Action);
        Assert.Contains("StoredFile Added x1", entry.Changes, StringComparison.Ordinal);
        Assert.Contains("Edition Modified", entry.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("Part two", entry.Changes, StringComparison.Ordinal);
        Assert.Equal(2, (await app.DocumentStateAsync(id)).Files);
    }

    [Fact]
    public async Task A_change_of_who_may_read_shows_the_old_and_new_level_and_parties()
    {
        var editor = await app.SignedInAsync(Polis.Accounts.Contracts.Role.Editor, ["SPMU", "MSRB"]);
        var id = await app.CreateDocumentAsync(new { title = "Assessment to restrict", type = "Report", access = "Public", summary = "Confidential wording" }, editor);

        var restrict = await app.PutDocumentAsync(editor, id, new
        {
            title = "Assessment to restrict",
            type = "Report",
            access = "Restricted",
            allowedParties = new[] { "org:SPMU", "org:MSRB" },
            summary = "Confidential wording",
        });
        Assert.Equal(HttpStatusCode.OK, restrict.StatusCode);
        var first = (await app.AuditOfAsync(id))[^1];
        Assert.Equal("Modified", first.Action);
        Assert.Contains("Access: Public -> Restricted", first.Changes, StringComparison.Ordinal);
        Assert.Contains("AllowedParties: [] -> [org:MSRB, org:SPMU]", first.Changes, StringComparison.Ordinal);

        var narrow = await app.PutDocumentAsync(editor, id, new
        {
            title = "Assessment narrowed",
            type = "Report",
            access = "Restricted",
            allowedParties = new[] { "org:SPMU", "state:KG" },
            summary = "Confidential wording",
        });
        Assert.Equal(HttpStatusCode.OK, narrow.StatusCode);
        var second = (await app.AuditOfAsync(id))[^1];
        Assert.Contains("Access: Restricted -> Restricted", second.Changes, StringComparison.Ordinal);
        Assert.Contains("AllowedParties: [org:MSRB, org:SPMU] -> [org:SPMU, state:KG]", second.Changes, StringComparison.Ordinal);
        Assert.Contains("Title", second.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("Assessment narrowed", second.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("Confidential", second.Changes, StringComparison.Ordinal);

        var unchanged = await app.PutDocumentAsync(editor, id, new
        {
            title = "Assessment renamed",
            type = "Report",
            access = "Restricted",
            allowedParties = new[] { "state:KG", "org:SPMU" },
            summary = "Confidential wording",
        });
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.DoesNotContain("AllowedParties", (await app.AuditOfAsync(id))[^1].Changes, StringComparison.Ordinal);
    }
}

public sealed class AuditingByRecordOnSqlite(SqliteApp app) : AuditingByRecord(app), IClassFixture<SqliteApp>;
public sealed class AuditingByRecordOnPostgres(PostgresApp app) : AuditingByRecord(app), IClassFixture<PostgresApp>;
