using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Polis.Tests.Fixtures;
using static Polis.Tests.Activities.ActivityRequests;

namespace Polis.Tests.Activities;

/// <summary>
/// Linking library documents to an activity: the edit form searches the library (only documents the editor may read
/// are offered), links one as agenda, report or curriculum, and the activity page shows each with its role; a document
/// the reader may not read is neither shown nor counted, and an editor who cannot read a link does not lose it by saving.
/// </summary>
public abstract class LinkingLibraryDocuments(PolisApp app)
{
    private static string Marker() => "zl" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    private static FormUrlEncodedContent Form(string token, string title, params (string Key, string Value)[] more) =>
        new([
            new("Input.Language", "en"), new("Input.Title", title), new("Input.Owner", "SPMU"), new("Input.Type", "Workshop"),
            new("Input.Status", "Planned"), new("Input.States", "MD"), new("Input.Priorities", "OrganizedCrime"), new("Input.StartsOn", "2016-05-10"),
            new("Input.EndsOn", "2016-05-11"), new("Input.Access", "Public"), new("Version", "0"), new("__RequestVerificationToken", token),
            .. more.Select(m => new KeyValuePair<string, string>(m.Key, m.Value)),
        ]);

    private async Task<(Guid Public, Guid Restricted)> DocumentsAsync(string marker)
    {
        var open = await app.CreateDocumentAsync(new { title = $"Agenda of the {marker} seminar", type = "Report", access = "Public" });
        var closed = await app.CreateDocumentAsync(new { title = $"Curriculum of the {marker} course", type = "Report", access = "Restricted", allowedParties = new[] { "org:TNTD" } });
        return (open, closed);
    }

    [Fact]
    public async Task An_editor_finds_a_document_in_the_form_links_it_as_agenda_and_the_page_shows_it_with_its_role()
    {
        var marker = Marker();
        var (open, closed) = await DocumentsAsync(marker);
        var editor = await app.EditorOfAsync("SPMU");
        var token = await PolisApp.AntiforgeryTokenAsync(editor, "/activities/new");
        var title = $"Workshop with the {marker} agenda";

        var found = await editor.PostAsync("/activities/new?handler=Documents", Form(token, title, ("documentQuery", marker)), Ct);
        var html = WebUtility.HtmlDecode(await found.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Contains($"Agenda of the {marker} seminar", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{open}|Agenda\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"Curriculum of the {marker} course", html, StringComparison.Ordinal);   // TNTD's only
        Assert.DoesNotContain(closed.ToString(), html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"value=\"{title}\"", html, StringComparison.Ordinal);                          // nothing typed is lost

        var linked = await editor.PostAsync("/activities/new?handler=Documents", Form(token, title, ("link", $"{open}|Agenda")), Ct);
        html = WebUtility.HtmlDecode(await linked.Content.ReadAsStringAsync(Ct));
        Assert.Contains($"<input type=\"hidden\" name=\"Input.Documents\" value=\"{open}\">", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Agenda\" selected=\"selected\">Agenda</option>", html, StringComparison.Ordinal);

        // A forged link to a document the editor may not read is not taken.
        var forged = await editor.PostAsync("/activities/new?handler=Documents", Form(token, title, ("Input.Documents", open.ToString()),
            ("Input.DocumentRoles", "Agenda"), ("link", $"{closed}|Report")), Ct);
        Assert.DoesNotContain(closed.ToString(), await forged.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);

        var saved = await editor.PostAsync("/activities/new", Form(token, title, ("Input.Documents", open.ToString()), ("Input.DocumentRoles", "Agenda")), Ct);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync(saved.Headers.Location!.OriginalString, Ct));
        Assert.Contains($"<span class=\"role\">Agenda</span>: <a href=\"/library/documents/{open}\" dir=\"auto\">Agenda of the {marker} seminar</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_linked_document_the_reader_may_not_read_is_neither_shown_nor_counted_nor_lost_by_an_editor_who_cannot_see_it()
    {
        var marker = Marker();
        var (open, closed) = await DocumentsAsync(marker);
        var both = await app.EditorOfAsync("SPMU", "TNTD");
        var (id, version) = await CreateAsync(both, Valid($"Course with the {marker} curriculum", b =>
        {
            b["documents"] = new JsonArray(open.ToString(), closed.ToString());
            b["documentRoles"] = new JsonArray("Report", "Curriculum");
        }));

        var forBoth = JsonNode.Parse(await both.GetStringAsync($"/api/v1/activities/{id}", Ct))!["documents"]!.AsArray();
        Assert.Equal(2, forBoth.Count);
        Assert.Equal("Curriculum", (string)forBoth.Single(d => (string)d!["id"]! == closed.ToString())!["role"]!);

        var anonymous = JsonNode.Parse(await app.Anonymous().GetStringAsync($"/api/v1/activities/{id}", Ct))!["documents"]!.AsArray();
        Assert.Equal(open.ToString(), (string)Assert.Single(anonymous)!["id"]!);
        var page = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync($"/activities/{id}", Ct));
        Assert.Contains($"Agenda of the {marker} seminar", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"Curriculum of the {marker} course", page, StringComparison.Ordinal);
        Assert.DoesNotContain(closed.ToString(), page, StringComparison.OrdinalIgnoreCase);

        // An SPMU editor saves what they see (one document, now as agenda): the TNTD link stays.
        var spmu = await app.EditorOfAsync("SPMU");
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/activities/{id}")
        {
            Content = JsonContent.Create(Valid($"Course with the {marker} curriculum", b =>
            {
                b["documents"] = new JsonArray(open.ToString());
                b["documentRoles"] = new JsonArray("Agenda");
            })),
        };
        put.Headers.IfMatch.ParseAdd($"\"{version}\"");
        var response = await spmu.SendAsync(put, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = JsonNode.Parse(await both.GetStringAsync($"/api/v1/activities/{id}", Ct))!["documents"]!.AsArray();
        Assert.Equal(["Agenda", "Curriculum"], after.Select(d => (string)d!["role"]!).Order(StringComparer.Ordinal));

        // One role too many, or an unknown role, is a clear error.
        var bad = await both.PostAsJsonAsync("/api/v1/activities", Valid("Too many roles", b =>
        {
            b["documents"] = new JsonArray(open.ToString());
            b["documentRoles"] = new JsonArray("Agenda", "Report");
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("documentRoles", await bad.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class LinkingLibraryDocumentsOnSqlite(SqliteApp app) : LinkingLibraryDocuments(app), IClassFixture<SqliteApp>;

public sealed class LinkingLibraryDocumentsOnPostgres(PostgresApp app) : LinkingLibraryDocuments(app), IClassFixture<PostgresApp>;
