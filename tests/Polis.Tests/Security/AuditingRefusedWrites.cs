using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Library;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Security;

/// <summary>A write the endpoint's policy refuses is answered 403/401, writes nothing, and is audited with who and where.</summary>
public abstract class AuditingRefusedWrites(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<AuditEntry>> RefusalsAsync(string recordId) =>
        app.QueryAsync(db => db.Set<AuditEntry>().Where(a => a.Action == RefusedWrites.Action && a.RecordId == recordId).ToListAsync(Ct));

    [Fact]
    public async Task A_member_creating_a_document_is_refused_nothing_is_written_and_the_attempt_is_audited()
    {
        var member = await app.SignedInAsync(Role.Member);
        var documents = await app.QueryAsync(db => db.Set<Document>().CountAsync(Ct));
        var before = (await RefusalsAsync("POST /api/v1/library/documents")).Count;
        var response = await member.PostAsJsonAsync("/api/v1/library/documents", new { title = "Not mine to write", type = "Report", access = "Public" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(documents, await app.QueryAsync(db => db.Set<Document>().CountAsync(Ct)));
        var refusals = await RefusalsAsync("POST /api/v1/library/documents");
        Assert.Equal(before + 1, refusals.Count);
        Assert.NotNull(refusals[^1].UserId);
        Assert.Contains("policy", refusals[^1].Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_write_is_refused_and_audited_but_an_anonymous_read_is_not()
    {
        var anonymous = app.Anonymous();
        var audit = await app.QueryAsync(db => db.Set<AuditEntry>().CountAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/library/documents/{Guid.NewGuid()}", Ct)).StatusCode);
        Assert.Equal(audit, await app.QueryAsync(db => db.Set<AuditEntry>().CountAsync(Ct)));
        var response = await anonymous.PutAsJsonAsync($"/api/v1/library/documents/{Guid.NewGuid()}", new { title = "x", type = "Report" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var refusal = Assert.Single(await RefusalsAsync("PUT /api/v1/library/documents/{id:guid}"));
        Assert.Null(refusal.UserId);
        Assert.Contains("not signed in", refusal.Changes, StringComparison.Ordinal);
    }
}

public sealed class AuditingRefusedWritesOnSqlite(SqliteApp app) : AuditingRefusedWrites(app), IClassFixture<SqliteApp>;
public sealed class AuditingRefusedWritesOnPostgres(PostgresApp app) : AuditingRefusedWrites(app), IClassFixture<PostgresApp>;
