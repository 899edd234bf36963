using System.Net;
using System.Net.Http.Json;
using System.Text;
using Polis.Library;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>The library as a person uses it: server-rendered pages, forms with antiforgery, both languages.</summary>
public sealed class UsingTheLibraryPages(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_search_page_shows_hits_with_highlighted_snippets_facets_and_a_working_filter()
    {
        var marker = "cybertraining" + Guid.NewGuid().ToString("N")[..6];
        var id = await app.CreateDocumentWithTextAsync(new { title = "Cyber evidence course report", type = "Report", access = "Public", priorities = new[] { "Cybercrime" }, publishedOn = "2010-11-19" },
            "en", $"A three-week {marker} course on cyber evidence was held in Belgrade for eighteen officers.");
        await app.CreateDocumentWithTextAsync(new { title = "Cyber curriculum", type = "TrainingCurriculum", access = "Public" }, "en", $"The {marker} curriculum in outline.");

        var html = await app.Anonymous().GetStringAsync($"/library/search?q={marker}", Ct);
        Assert.Contains($"<a href=\"/library/documents/{id}\" lang=\"en\" dir=\"auto\">Cyber evidence course report</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<mark>{marker}</mark>", html, StringComparison.Ordinal);
        Assert.Contains("data-facet=\"type\"", html, StringComparison.Ordinal);
        Assert.Contains("2 documents found", html, StringComparison.Ordinal);

        var filtered = await app.Anonymous().GetStringAsync($"/library/search?q={marker}&type=Report", Ct);
        Assert.Contains("1 document found", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("Cyber curriculum", filtered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_russian_interface_labels_the_search_in_russian()
    {
        var html = await app.Anonymous("ru").GetStringAsync("/library/search?q=police", Ct);
        Assert.Contains("Поиск в библиотеке", html, StringComparison.Ordinal);
        Assert.Contains("Найден", html, StringComparison.Ordinal);   // "Найден 1 документ", "Найдено 0 документов"
    }

    [Fact]
    public async Task Markup_typed_into_the_search_box_comes_back_escaped()
    {
        var html = await app.Anonymous().GetStringAsync("/library/search?q=" + Uri.EscapeDataString("<script>alert(1)</script>"), Ct);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_creates_a_document_with_the_form_and_sees_errors_for_bad_input()
    {
        var editor = await app.SignedInAsync(Polis.Accounts.Contracts.Role.Editor, ["SPMU", "MSRB"]);
        var token = await PolisApp.AntiforgeryTokenAsync(editor, "/library/documents/new");
        var bad = await editor.PostAsync("/library/documents/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "Decision with a wrong symbol",
            ["Input.Symbol"] = "PC.DEC/",
            ["Input.Type"] = "Decision",
            ["Input.Access"] = "Public",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync(Ct);
        Assert.Contains("is not a document symbol", badHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"Decision with a wrong symbol\"", badHtml, StringComparison.Ordinal);

        var title = "Lessons learned from the Community Security Initiative " + Guid.NewGuid().ToString("N")[..6];
        var good = await editor.PostAsync("/library/documents/new", new FormUrlEncodedContent(
        [
            // The demo editor speaks for SPMU and MSRB, so the form's required owner select names one.
            new("Input.Title", title), new("Input.Type", "LessonsLearned"), new("Input.Access", "Members"), new("Input.Owner", "SPMU"),
            new("Input.Priorities", "PoliceDevelopmentAndReform"), new("Input.Countries", "KG"), new("Input.Keywords", "community policing, mobile receptions"),
            // Every field the browser sends, empty ones included (they bind as null elements).
            new("Input.Symbol", ""), new("Input.PublishedOn", ""), new("Input.IssuingBody", ""), new("Input.Series", ""), new("Input.Volume", ""),
            new("Input.Summary", ""), new("Input.AllowedParties", ""), new("Version", "0"),
            new("__RequestVerificationToken", token),
        ]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var page = await editor.GetStringAsync(good.Headers.Location!.OriginalString, Ct);
        Assert.Contains(title, page, StringComparison.Ordinal);
        Assert.Contains("mobile receptions", page, StringComparison.Ordinal);
        var anonymous = await app.Anonymous().GetAsync(good.Headers.Location!.OriginalString, Ct);
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
    }

    [Fact]
    public async Task An_editor_uploads_an_edition_through_the_form()
    {
        var editor = await app.SignedInAsync(Polis.Accounts.Contracts.Role.Editor, ["SPMU", "MSRB"]);
        var id = await app.CreateDocumentAsync(new { title = "Good practices in basic police training", type = "Guidebook", access = "Public" });
        var token = await PolisApp.AntiforgeryTokenAsync(editor, $"/library/documents/{id}/upload");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("ru"), "Language" },
            { new StringContent("Передовая практика базовой подготовки полиции"), "EditionTitle" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("Базовая подготовка сотрудников полиции " + id)), "Upload", "training-ru.md" },
        };
        var response = await editor.PostAsync($"/library/documents/{id}/upload", form, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var view = await editor.GetFromJsonAsync<DocumentView>($"/api/v1/library/documents/{id}", PolisApp.Json, Ct);
        var edition = Assert.Single(view!.Editions);
        Assert.Equal("ru", edition.Language);
        Assert.Equal("Передовая практика базовой подготовки полиции", edition.Title);
    }

    [Fact]
    public async Task A_member_cannot_open_the_editor()
    {
        var member = await app.SignedInAsync(Polis.Accounts.Contracts.Role.Member);
        var response = await member.GetAsync("/library/documents/new", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }
}
