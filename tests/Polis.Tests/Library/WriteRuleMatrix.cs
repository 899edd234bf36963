using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Library;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>
/// The write rule as a matrix of role × scope × owner × action, written out by hand and checked through the API and
/// the pages on a real database: the status, and the state (a refused write changes nothing and leaves a "Refused"
/// audit entry; an allowed one bumps the version).
/// </summary>
public abstract class WriteRuleMatrix(PolisApp app) : IAsyncLifetime
{
    /// <summary>W: written; F: 403 by the write rule; N: 404, invisible; D: 403 / denied page, the role has no write permission; A: anonymous, 401 / login.</summary>
    public enum Outcome { W, F, N, D, A }

    private static readonly Dictionary<string, (string Owner, AccessLevel Level, string[] Parties)> Records = new()
    {
        ["odihr-public"] = ("ODIHR", AccessLevel.Public, []),
        ["spmu-public"] = ("SPMU", AccessLevel.Public, []),
        ["msrb-restricted"] = ("MSRB", AccessLevel.Restricted, ["org:MSRB"]),
        ["sec-restricted-kg"] = ("SEC", AccessLevel.Restricted, ["org:SEC", "state:KG"]),
    };

    private static readonly Dictionary<string, (string? Role, string[] Orgs, string? State)> Viewers = new()
    {
        ["anonymous"] = (null, [], null),
        ["registered"] = (null, [], null),
        ["member"] = (Role.Member, [], null),
        ["expert"] = (Role.Expert, [], null),
        ["focalpoint-kg"] = (Role.FocalPoint, [], "KG"),
        ["editor-spmu-msrb"] = (Role.Editor, ["SPMU", "MSRB"], null),
        ["editor-odihr"] = (Role.Editor, ["ODIHR"], null),
        ["coordinator-tntd"] = (Role.Coordinator, ["TNTD"], null),
        ["administrator"] = (Role.Administrator, [], null),
    };

    /// <summary>Editing (PUT, the edit form, a file upload) each record: viewer → outcome per record, in the order of <see cref="Records"/>.</summary>
    private static readonly Dictionary<string, Outcome[]> Edit = new()
    {
        //                        odihr-public spmu-public msrb-restricted sec-restricted-kg
        ["anonymous"] = [Outcome.A, Outcome.A, Outcome.A, Outcome.A],
        ["registered"] = [Outcome.D, Outcome.D, Outcome.D, Outcome.D],
        ["member"] = [Outcome.D, Outcome.D, Outcome.D, Outcome.D],
        ["expert"] = [Outcome.D, Outcome.D, Outcome.D, Outcome.D],
        ["focalpoint-kg"] = [Outcome.D, Outcome.D, Outcome.D, Outcome.D],
        ["editor-spmu-msrb"] = [Outcome.F, Outcome.W, Outcome.W, Outcome.N],
        ["editor-odihr"] = [Outcome.W, Outcome.F, Outcome.N, Outcome.N],
        ["coordinator-tntd"] = [Outcome.W, Outcome.W, Outcome.N, Outcome.N],
        ["administrator"] = [Outcome.W, Outcome.W, Outcome.W, Outcome.W],
    };

    private static readonly string[] CreateOwners = ["SPMU", "ODIHR", "XYZ", ""];

    /// <summary>Creating with the owner given ("" = none): W 201; F 403; B 400 (unknown or missing owner); D 403; A 401.</summary>
    private static readonly Dictionary<string, string[]> Create = new()
    {
        //                         SPMU  ODIHR  XYZ  none
        ["anonymous"] = ["A", "A", "A", "A"],
        ["registered"] = ["D", "D", "D", "D"],
        ["member"] = ["D", "D", "D", "D"],
        ["expert"] = ["D", "D", "D", "D"],
        ["focalpoint-kg"] = ["D", "D", "D", "D"],
        ["editor-spmu-msrb"] = ["W", "F", "B", "B"],
        ["editor-odihr"] = ["F", "W", "B", "W"],
        ["coordinator-tntd"] = ["W", "W", "B", "W"],
        ["administrator"] = ["W", "W", "B", "B"],
    };

    private readonly Dictionary<string, HttpClient> clients = [];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        foreach (var (name, (role, orgs, state)) in Viewers)
            clients[name] = name == "anonymous" ? app.Anonymous() : await app.SignedInAsync(role, orgs, state);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<Guid> FreshAsync(string record)
    {
        var (owner, level, parties) = Records[record];
        return await app.CreateDocumentAsync(new { title = $"Write matrix {record} {Guid.NewGuid():N}", type = "Report", access = level.ToString(), allowedParties = parties, owner });
    }

    private static object Input(string title, string record, string? owner = null, AccessLevel? level = null, string[]? parties = null) => new
    {
        title,
        type = "Report",
        access = (level ?? Records[record].Level).ToString(),
        allowedParties = parties ?? Records[record].Parties,
        owner,
    };

    /// <summary>Asserts the state after a write: changed when written, untouched (and the refusal audited when it reached the rule) otherwise.</summary>
    private async Task AssertStateAsync(string cell, Outcome outcome, Guid id, PolisApp.DocumentState before, int auditBefore)
    {
        var after = await app.DocumentStateAsync(id);
        var audit = await app.AuditOfAsync(id);
        if (outcome == Outcome.W)
        {
            Assert.True(after.Version > before.Version, $"{cell}: written, the version must change");
            Assert.Equal("Modified", audit[^1].Action);
            return;
        }
        Assert.True(before == after, $"{cell}: refused, nothing may change ({before} → {after})");
        var refusals = audit.Skip(auditBefore).Where(a => a.Action == "Refused").ToList();
        Assert.True(audit.Count == auditBefore + refusals.Count, $"{cell}: only refusals may be audited");
        if (outcome is Outcome.F or Outcome.N) Assert.True(refusals.Count == 1, $"{cell}: the refused attempt must be audited once, found {refusals.Count}");
    }

    [Fact]
    public void The_pure_rule_gives_the_expected_edit_matrix()
    {
        foreach (var (viewerName, (role, orgs, state)) in Viewers)
        {
            var viewer = viewerName == "anonymous" ? Viewer.Anonymous : Viewer.Of(Guid.NewGuid(), viewerName, role is null ? [] : [role], orgs, state);
            var i = 0;
            foreach (var (record, (owner, level, parties)) in Records)
            {
                var target = new WriteRule.Target(owner, null, level, [.. parties.Select(p => AccessGrant.Parse(p)!)]);
                var expected = Edit[viewerName][i++] == Outcome.W;
                Assert.True(expected == viewer.Allows(WriteAction.Edit, target), $"{viewerName} editing {record}");
            }
        }
    }

    [Fact]
    public async Task Putting_a_document_follows_the_matrix_and_a_refusal_writes_nothing_but_its_audit()
    {
        foreach (var (viewerName, client) in clients)
        {
            var i = 0;
            foreach (var record in Records.Keys)
            {
                var outcome = Edit[viewerName][i++];
                var id = await FreshAsync(record);
                var before = await app.DocumentStateAsync(id);
                var auditBefore = (await app.AuditOfAsync(id)).Count;
                var response = await app.PutDocumentAsync(client, id, Input("Changed by " + viewerName, record));
                var expected = outcome switch
                {
                    Outcome.W => HttpStatusCode.OK,
                    Outcome.F or Outcome.D => HttpStatusCode.Forbidden,
                    Outcome.N => HttpStatusCode.NotFound,
                    Outcome.A => HttpStatusCode.Unauthorized,
                };
                var cell = $"PUT {viewerName} × {record}";
                Assert.True(expected == response.StatusCode, $"{cell}: expected {expected}, got {response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                await AssertStateAsync(cell, outcome, id, before, auditBefore);
            }
        }
    }

    [Fact]
    public async Task Uploading_a_file_is_an_edit_and_follows_the_same_matrix()
    {
        foreach (var (viewerName, client) in clients.Where(c => c.Key != "anonymous"))
        {
            var i = 0;
            foreach (var record in Records.Keys)
            {
                var outcome = Edit[viewerName][i++];
                var id = await FreshAsync(record);
                var before = await app.DocumentStateAsync(id);
                var auditBefore = (await app.AuditOfAsync(id)).Count;
                var response = await app.UploadAsync(id, "en", "note.txt", Encoding.UTF8.GetBytes($"Upload by {viewerName} to {record} {Guid.NewGuid()}"), client);
                var expected = outcome switch
                {
                    Outcome.W => HttpStatusCode.Created,
                    Outcome.F or Outcome.D => HttpStatusCode.Forbidden,
                    Outcome.N => HttpStatusCode.NotFound,
                    Outcome.A => HttpStatusCode.Unauthorized,
                };
                var cell = $"upload {viewerName} × {record}";
                Assert.True(expected == response.StatusCode, $"{cell}: expected {expected}, got {response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                await AssertStateAsync(cell, outcome, id, before, auditBefore);
            }
        }
    }

    [Fact]
    public async Task The_edit_form_follows_the_matrix_and_says_why_it_refuses()
    {
        foreach (var (viewerName, client) in clients)
        {
            var i = 0;
            var token = await PolisApp.AntiforgeryTokenAsync(client, Edit[viewerName][0] is Outcome.D or Outcome.A ? "/account/login" : "/library/documents/new");
            foreach (var record in Records.Keys)
            {
                var outcome = Edit[viewerName][i++];
                var id = await FreshAsync(record);
                var before = await app.DocumentStateAsync(id);
                var auditBefore = (await app.AuditOfAsync(id)).Count;
                var (_, level, parties) = Records[record];
                var response = await client.PostAsync($"/library/documents/{id}/edit", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.Title"] = "Changed in the form by " + viewerName,
                    ["Input.Type"] = "Report",
                    ["Input.Access"] = level.ToString(),
                    ["Input.AllowedParties"] = string.Join(", ", parties),
                    ["Version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["__RequestVerificationToken"] = token,
                }), Ct);
                var cell = $"form {viewerName} × {record}";
                var body = await response.Content.ReadAsStringAsync(Ct);
                switch (outcome)
                {
                    case Outcome.W:
                        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString == $"/library/documents/{id}", $"{cell}: {response.StatusCode} {body}");
                        break;
                    case Outcome.F:
                        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{cell}: {response.StatusCode}");
                        Assert.Contains("data-testid=\"write-refused\"", body, StringComparison.Ordinal);
                        Assert.Contains(Records[record].Owner, body, StringComparison.Ordinal);
                        break;
                    case Outcome.N:
                        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{cell}: {response.StatusCode}");
                        break;
                    case Outcome.D:
                        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath.StartsWith("/account/denied", StringComparison.Ordinal), $"{cell}: {response.StatusCode}");
                        break;
                    case Outcome.A:
                        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal), $"{cell}: {response.StatusCode}");
                        break;
                }
                await AssertStateAsync(cell, outcome, id, before, auditBefore);
            }
        }
    }

    [Fact]
    public async Task Opening_the_edit_and_upload_forms_of_a_record_that_is_not_yours_says_so_without_a_form()
    {
        var id = await FreshAsync("odihr-public");
        var editor = clients["editor-spmu-msrb"];
        foreach (var page in new[] { $"/library/documents/{id}/edit", $"/library/documents/{id}/upload" })
        {
            var response = await editor.GetAsync(page, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{page}: {response.StatusCode}");
            Assert.Contains("ODIHR", body, StringComparison.Ordinal);
            Assert.DoesNotContain("<button type=\"submit\">", body, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await clients["editor-odihr"].GetAsync($"/library/documents/{id}/edit", Ct)).StatusCode);
    }

    [Fact]
    public async Task Creating_follows_the_matrix_of_owners_and_a_refusal_stores_nothing()
    {
        foreach (var (viewerName, client) in clients)
        {
            for (var i = 0; i < CreateOwners.Length; i++)
            {
                var owner = CreateOwners[i];
                var outcome = Create[viewerName][i];
                var title = $"Created by {viewerName} for {owner} {Guid.NewGuid():N}";
                var refusedBefore = (await app.AuditOfAsync(Guid.Empty)).Count;
                var response = await client.PostAsJsonAsync("/api/v1/library/documents",
                    new { title, type = "Report", access = "Public", owner = owner.Length == 0 ? null : owner }, PolisApp.Json, Ct);
                var expected = outcome switch
                {
                    "W" => HttpStatusCode.Created,
                    "F" or "D" => HttpStatusCode.Forbidden,
                    "B" => HttpStatusCode.BadRequest,
                    _ => HttpStatusCode.Unauthorized,
                };
                var cell = $"create {viewerName} × owner '{owner}'";
                Assert.True(expected == response.StatusCode, $"{cell}: expected {expected}, got {response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                var stored = await app.QueryAsync(db => db.Set<Document>().Where(d => d.Title == title).Select(d => d.OwnerCode).ToListAsync(Ct));
                if (outcome == "W")
                {
                    var expectedOwner = owner.Length > 0 ? owner : viewerName == "editor-odihr" ? "ODIHR" : "TNTD";
                    Assert.True(stored.SequenceEqual([expectedOwner]), $"{cell}: owner {string.Join(",", stored)}");
                }
                else
                {
                    Assert.True(stored.Count == 0, $"{cell}: nothing may be stored");
                }
                var refusedAfter = (await app.AuditOfAsync(Guid.Empty)).Count;
                Assert.True(refusedAfter - refusedBefore == (outcome == "F" ? 1 : 0), $"{cell}: {refusedAfter - refusedBefore} refusals audited");
            }
        }
    }

    [Fact]
    public async Task An_editor_of_SPMU_and_MSRB_cannot_touch_the_demo_decision_PC_DEC_1049_but_a_coordinator_can()
    {
        // The decision as the demo library holds it (the fixture starts without demo data): issued by the Permanent
        // Council, owned by the Secretariat.
        var id = await app.QueryAsync(db => db.Set<Document>().Where(d => d.Symbol == "PC.DEC/1049").Select(d => (Guid?)d.Id).SingleOrDefaultAsync(Ct))
            ?? await app.CreateDocumentAsync(new
            {
                title = "Permanent Council Decision No. 1049: OSCE Strategic Framework for Police-Related Activities",
                symbol = "PC.DEC/1049",
                type = "Decision",
                issuingBody = "PC",
                owner = "SEC",
                access = "Public",
                publishedOn = "2012-07-26"
            });
        var before = await app.DocumentStateAsync(id);
        Assert.Equal("SEC", before.Owner);
        var input = new { title = before.Title, symbol = "PC.DEC/1049", type = "Decision", issuingBody = "PC", access = "Public" };
        var refused = await app.PutDocumentAsync(clients["editor-spmu-msrb"], id, input);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(before, await app.DocumentStateAsync(id));
        Assert.Equal("Refused", (await app.AuditOfAsync(id))[^1].Action);
        var upload = await app.UploadAsync(id, "ru", "pc-dec-1049-ru.txt", Encoding.UTF8.GetBytes("Решение Постоянного совета " + Guid.NewGuid()), clients["editor-spmu-msrb"]);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(before, await app.DocumentStateAsync(id));

        var allowed = await app.PutDocumentAsync(clients["coordinator-tntd"], id, input);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("SEC", (await app.DocumentStateAsync(id)).Owner);
    }

    [Fact]
    public async Task No_one_but_an_administrator_may_restrict_a_record_so_that_its_owner_loses_it()
    {
        var editor = clients["editor-spmu-msrb"];
        var spmu = await FreshAsync("spmu-public");
        var before = await app.DocumentStateAsync(spmu);
        var hidden = await app.PutDocumentAsync(editor, spmu, Input("Hidden from SPMU", "spmu-public", level: AccessLevel.Restricted, parties: ["org:MSRB"]));
        Assert.Equal(HttpStatusCode.Forbidden, hidden.StatusCode);
        Assert.Contains("org:SPMU", await hidden.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await app.DocumentStateAsync(spmu));
        Assert.Equal("Refused", (await app.AuditOfAsync(spmu))[^1].Action);

        var odihr = await FreshAsync("odihr-public");
        var odihrBefore = await app.DocumentStateAsync(odihr);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.PutDocumentAsync(editor, odihr, Input("Hidden", "odihr-public", level: AccessLevel.Restricted, parties: ["org:MSRB"]))).StatusCode);
        Assert.Equal(odihrBefore, await app.DocumentStateAsync(odihr));

        // A coordinator may not hide a record from itself either; the owner's editor may share it while keeping it.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.PutDocumentAsync(clients["coordinator-tntd"], spmu, Input("Hidden", "spmu-public", level: AccessLevel.Restricted, parties: ["org:MSRB"]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PutDocumentAsync(editor, spmu, Input("Shared with MSRB", "spmu-public", level: AccessLevel.Restricted, parties: ["org:SPMU", "org:MSRB"]))).StatusCode);
        // Handing the record to a structure the editor does not speak for is refused too.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.PutDocumentAsync(editor, spmu, Input("Given away", "spmu-public", owner: "ODIHR"))).StatusCode);
        Assert.Equal("SPMU", (await app.DocumentStateAsync(spmu)).Owner);
        Assert.Equal(HttpStatusCode.OK, (await app.PutDocumentAsync(editor, spmu, Input("Moved to MSRB", "spmu-public", owner: "MSRB"))).StatusCode);
        Assert.Equal("MSRB", (await app.DocumentStateAsync(spmu)).Owner);
    }

    [Fact]
    public async Task Codes_are_checked_against_the_reference_data()
    {
        var editor = clients["editor-spmu-msrb"];
        async Task<string> RefusedAsync(object input, string field)
        {
            var response = await editor.PostAsJsonAsync("/api/v1/library/documents", input, PolisApp.Json, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {response.StatusCode} {body}");
            Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
            return body;
        }
        var before = await app.QueryAsync(db => db.Set<Document>().CountAsync(Ct));
        Assert.Contains("XYZ", await RefusedAsync(new { title = "Made-up body", type = "Report", access = "Public", owner = "SPMU", issuingBody = "XYZ" }, "IssuingBody"), StringComparison.Ordinal);
        await RefusedAsync(new { title = "Made-up owner", type = "Report", access = "Public", owner = "XYZ" }, "Owner");
        await RefusedAsync(new { title = "Made-up party", type = "Report", access = "Restricted", owner = "SPMU", allowedParties = new[] { "org:SPMU", "org:NOPE" } }, "AllowedParties");
        await RefusedAsync(new { title = "Made-up state", type = "Report", access = "Restricted", owner = "SPMU", allowedParties = new[] { "org:SPMU", "state:XX" } }, "AllowedParties");
        await RefusedAsync(new { title = "Made-up sub-area", type = "Report", access = "Public", owner = "SPMU", subAreas = new[] { "Piracy" } }, "SubAreas");
        await RefusedAsync(new { title = "Made-up country", type = "Report", access = "Public", owner = "SPMU", countries = new[] { "XX" } }, "Countries");
        Assert.Equal(before, await app.QueryAsync(db => db.Set<Document>().CountAsync(Ct)));
        // Decision-making bodies and partner organisations issue documents too; a party may be a partner organisation.
        await app.CreateDocumentAsync(new { title = "Issued by the Permanent Council", type = "Decision", access = "Public", owner = "SPMU", issuingBody = "pc" }, editor);
        await app.CreateDocumentAsync(new { title = "Shared with UNODC", type = "Report", access = "Restricted", owner = "SPMU", issuingBody = "UNODC", allowedParties = new[] { "org:SPMU", "org:UNODC", "state:KG" } }, editor);
    }
}

public sealed class WriteRuleMatrixOnSqlite(SqliteApp app) : WriteRuleMatrix(app), IClassFixture<SqliteApp>;
public sealed class WriteRuleMatrixOnPostgres(PostgresApp app) : WriteRuleMatrix(app), IClassFixture<PostgresApp>;
