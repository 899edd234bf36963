using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>
/// Issue 19, finding 6: a Russian reader reads a document in its Russian edition (title, summary, keywords), with
/// the other editions one click away, and no page or message they meet speaks English.
/// </summary>
public abstract partial class ReadingInTheReadersLanguage(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Guid Id, string Marker)> BilingualDocumentAsync()
    {
        var marker = "bilingual" + Guid.NewGuid().ToString("N")[..8];
        var id = await app.CreateDocumentAsync(new
        {
            title = "Guide on community policing " + marker,
            type = "Guidebook",
            access = "Public",
            summary = "How police and communities work together.",
            keywords = new[] { "community policing, trust" },
        });
        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(id, "en", "guide-en.txt", "Community policing in practice "u8.ToArray().Concat(System.Text.Encoding.UTF8.GetBytes(marker)).ToArray())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.UploadAsync(id, "ru", "guide-ru.txt",
            System.Text.Encoding.UTF8.GetBytes("Работа полиции с населением на практике " + marker), title: "Руководство по работе полиции с населением " + marker)).StatusCode);
        return (id, marker);
    }

    private async Task<HttpResponseMessage> DescribeAsync(HttpClient client, Guid id, string language, object input, int? version = null)
    {
        if (version is null)
        {
            var current = await client.GetAsync($"/api/v1/library/documents/{id}", Ct);
            version = int.Parse(current.Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture);
        }
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/library/documents/{id}/editions/{language}") { Content = JsonContent.Create(input) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_russian_reader_sees_the_russian_edition_first_and_the_english_one_click_away()
    {
        var (id, marker) = await BilingualDocumentAsync();
        var described = await DescribeAsync(await app.LibrarianAsync(), id, "ru", new
        {
            title = "Руководство по работе полиции с населением " + marker,
            summary = "Как полиция и местные сообщества работают вместе.",
            keywords = new[] { "работа с населением, доверие" },
        });
        Assert.Equal(HttpStatusCode.OK, described.StatusCode);
        var view = await described.Content.ReadFromJsonAsync<JsonObject>(PolisApp.Json, Ct);
        var ru = view!["editions"]!.AsArray().Single(e => (string)e!["language"]! == "ru")!;
        Assert.Equal("Как полиция и местные сообщества работают вместе.", (string)ru["summary"]!);
        Assert.Equal(["работа с населением", "доверие"], ru["keywords"]!.AsArray().Select(k => (string)k!).ToArray());

        var russian = await app.Anonymous("ru").GetStringAsync($"/library/documents/{id}", Ct);
        Assert.Contains($"<h1 lang=\"ru\" dir=\"auto\">Руководство по работе полиции с населением {marker}</h1>", russian, StringComparison.Ordinal);
        Assert.Contains("Как полиция и местные сообщества работают вместе.", russian, StringComparison.Ordinal);
        Assert.Contains("работа с населением, доверие", russian, StringComparison.Ordinal);
        Assert.DoesNotContain("How police and communities work together.", russian, StringComparison.Ordinal);
        Assert.Contains($"href=\"/library/documents/{id}?edition=en\"", russian, StringComparison.Ordinal);

        var english = await app.Anonymous("ru").GetStringAsync($"/library/documents/{id}?edition=en", Ct);
        Assert.Contains($"<h1 lang=\"en\" dir=\"auto\">Guide on community policing {marker}</h1>", english, StringComparison.Ordinal);
        Assert.Contains("How police and communities work together.", english, StringComparison.Ordinal);

        var englishReader = await app.Anonymous("en").GetStringAsync($"/library/documents/{id}", Ct);
        Assert.Contains($"Guide on community policing {marker}</h1>", englishReader, StringComparison.Ordinal);
        Assert.Contains("community policing, trust", englishReader, StringComparison.Ordinal);

        // The hit carries the reader's edition title whichever edition matched.
        var search = await app.Anonymous("ru").GetStringAsync($"/library/search?q={marker}", Ct);
        Assert.Contains($">Руководство по работе полиции с населением {marker}</a></h3>", search, StringComparison.Ordinal);
        var englishSearch = await app.Anonymous("en").GetStringAsync($"/library/search?q={marker}", Ct);
        Assert.Contains($">Guide on community policing {marker}</a></h3>", englishSearch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edition_is_described_through_its_form_and_the_write_rule_guards_it()
    {
        var (id, marker) = await BilingualDocumentAsync();
        var librarian = await app.LibrarianAsync();
        var form = await librarian.GetStringAsync($"/library/documents/{id}/editions/ru", Ct);
        Assert.Contains($"value=\"Руководство по работе полиции с населением {marker}\"", form, StringComparison.Ordinal);
        var version = Regex.Match(form, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;
        var token = await PolisApp.AntiforgeryTokenAsync(librarian, $"/library/documents/{id}/editions/ru");
        var saved = await librarian.PostAsync($"/library/documents/{id}/editions/ru", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "Пособие " + marker,
            ["Input.Summary"] = "Краткое содержание по-русски.",
            ["Input.Keywords"] = "доверие, профилактика",
            ["Version"] = version,
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await app.Anonymous("ru").GetStringAsync($"/library/documents/{id}", Ct);
        Assert.Contains($">Пособие {marker}</h1>", page, StringComparison.Ordinal);
        Assert.Contains("доверие, профилактика", page, StringComparison.Ordinal);

        // The same form again, now stale: refused, nothing written.
        var stale = await librarian.PostAsync($"/library/documents/{id}/editions/ru", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "Устаревшее " + marker,
            ["Version"] = version,
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.DoesNotContain("Устаревшее", await app.Anonymous("ru").GetStringAsync($"/library/documents/{id}", Ct), StringComparison.Ordinal);

        // Markup and an empty title: every error named by its field, in the API and in Russian on the page.
        var invalid = await DescribeAsync(librarian, id, "ru", new { title = "<b>x</b>", keywords = new[] { new string('к', 101) } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("Title"), errors.ToJsonString());
        Assert.True(errors.ContainsKey("Keywords"), errors.ToJsonString());

        // Another structure's editor may not describe the SPMU's edition; an unknown edition is absent.
        var other = await app.SignedInAsync(Role.Editor, ["ODIHR"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await DescribeAsync(other, id, "ru", new { title = "Чужое " + marker })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/library/documents/{id}/editions/ru", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DescribeAsync(librarian, id, "fr", new { title = "Guide " + marker })).StatusCode);
        Assert.DoesNotContain("Чужое", await app.Anonymous("ru").GetStringAsync($"/library/documents/{id}", Ct), StringComparison.Ordinal);
        Assert.Contains(await app.AuditOfAsync(id), a => a.Action == "Update" || a.Action == "Modified" || a.Action.Length > 0);
    }

    [Fact]
    public async Task No_page_or_message_a_russian_reader_meets_speaks_english()
    {
        var (id, _) = await BilingualDocumentAsync();
        var editor = await app.SignedInAsync(Role.Administrator);
        editor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var anonymous = app.Anonymous("ru");
        var seen = new List<(string What, string Html)>();

        foreach (var path in new[] { "/", "/library", "/library/search?q=police", "/library/search?q=%2B%2B%2B", $"/library/documents/{id}",
                     "/library/search?q=zzzqqqxxx", "/no/such/page", "/account/login" })
            seen.Add((path, await (await anonymous.GetAsync(path, Ct)).Content.ReadAsStringAsync(Ct)));
        foreach (var path in new[] { "/library/documents/new", $"/library/documents/{id}/upload", $"/library/documents/{id}/editions/ru", "/account", "/admin/search", "/library/unresolved" })
            seen.Add((path, await editor.GetStringAsync(path, Ct)));

        // Forms sent with errors: the editor form (no title, a volume that is no number), the edition form, uploads.
        var token = await PolisApp.AntiforgeryTokenAsync(editor, "/library/documents/new");
        seen.Add(("new document with errors", await Post(editor, "/library/documents/new", new()
        {
            ["Input.Title"] = "",
            ["Input.Volume"] = "abc",
            ["Input.Type"] = "Report",
            ["Input.Access"] = "Public",
            ["Input.Owner"] = "SPMU",
            ["Input.Summary"] = new string('ж', 5001),
            ["__RequestVerificationToken"] = token,
        })));
        seen.Add(("edition with errors", await Post(editor, $"/library/documents/{id}/editions/ru", new()
        {
            ["Input.Title"] = "",
            ["Version"] = "1",
            ["__RequestVerificationToken"] = token,
        })));
        seen.Add(("bad login", await Post(anonymous, "/account/login", new()
        {
            ["Email"] = "nobody@test.example",
            ["Password"] = "wrong",
            ["__RequestVerificationToken"] = await PolisApp.AntiforgeryTokenAsync(anonymous, "/account/login"),
        })));
        foreach (var (name, bytes) in new[]
                 {
                     ("photo.txt", await File.ReadAllBytesAsync(PolisApp.FilePath("photo.txt"), Ct)),
                     ("really-a-zip.pdf", await File.ReadAllBytesAsync(PolisApp.FilePath("really-a-zip.pdf"), Ct)),
                     ("truncated.pdf", await File.ReadAllBytesAsync(PolisApp.FilePath("truncated.pdf"), Ct)),
                     ("notes.exe", "MZ\0\0"u8.ToArray()),
                     ("empty.txt", Array.Empty<byte>()),
                 })
        {
            using var upload = new MultipartFormDataContent
            {
                { new StringContent("ru"), "Language" },
                { new StringContent(token), "__RequestVerificationToken" },
            };
            upload.Add(new ByteArrayContent(bytes), "Upload", name);
            var response = await editor.PostAsync($"/library/documents/{id}/upload", upload, Ct);
            seen.Add(("upload " + name, await response.Content.ReadAsStringAsync(Ct)));
        }

        var english = EnglishOnlyPhrases();
        Assert.True(english.Count > 100, $"only {english.Count} English phrases found in the resources");
        var problems = new List<string>();
        foreach (var (what, html) in seen)
        {
            Assert.True(html.Contains("<html lang=\"ru\"", StringComparison.Ordinal), $"{what} is no Russian page:\n{html}");
            var text = VisibleText(html);
            problems.AddRange(english.Where(p => text.Contains(p, StringComparison.Ordinal)).Select(p => $"{what}: \"{p}\""));
            problems.AddRange(DotNetDefaults().Where(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)).Select(p => $"{what}: .NET's \"{p}\""));
        }
        Assert.True(problems.Count == 0, "English on Russian pages:\n" + string.Join("\n", problems));
        // The form errors and upload refusals were there to be read (in Russian).
        Assert.Contains(seen, s => s.What == "new document with errors" && s.Html.Contains("«Название» обязательно", StringComparison.Ordinal));
        Assert.Contains(seen, s => s.What == "upload photo.txt" && s.Html.Contains("но файл содержит изображение", StringComparison.Ordinal));
    }

    private static async Task<string> Post(HttpClient client, string path, Dictionary<string, string> fields) =>
        await (await client.PostAsync(path, new FormUrlEncodedContent(fields), Ct)).Content.ReadAsStringAsync(Ct);

    /// <summary>Every English resource string that differs from its Russian one, cut at its placeholders into phrases long enough to be telling.</summary>
    private static List<string> EnglishOnlyPhrases()
    {
        var manager = Polis.Text.ResourceManager;
        var english = manager.GetResourceSet(CultureInfo.InvariantCulture, true, true)!;
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in english)
        {
            var en = (string)entry.Value!;
            var ru = manager.GetString((string)entry.Key, CultureInfo.GetCultureInfo("ru"));
            if (ru is null || ru == en) continue;
            foreach (var part in Regex.Split(en, @"\{\d+[^}]*\}"))
            {
                var phrase = part.Trim(' ', '.', ',', ':', ';', '(', ')', '—', '«', '»', '"');
                if (phrase.Length >= 12 && phrase.Contains(' ', StringComparison.Ordinal)) phrases.Add(phrase);
            }
        }
        return [.. phrases];
    }

    private static string[] DotNetDefaults() => ["field is required", "is not valid for", "The value '", "must be a string", "must be a number", "is invalid."];

    private static string VisibleText(string html)
    {
        var body = Regex.Replace(html, "<(script|style)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        // Text in another language, marked so (an English edition's title, a technical detail), is not the interface's.
        body = Regex.Replace(body, "<(\\w+)[^>]*\\blang=\"(?!ru)[a-z]{2}\"[^>]*>.*?</\\1>", " ", RegexOptions.Singleline);
        body = Regex.Replace(body, "<[^>]+>", " ");
        return WebUtility.HtmlDecode(body);
    }
}

public sealed class ReadingInTheReadersLanguageOnSqlite(SqliteApp app) : ReadingInTheReadersLanguage(app), IClassFixture<SqliteApp>;
public sealed class ReadingInTheReadersLanguageOnPostgres(PostgresApp app) : ReadingInTheReadersLanguage(app), IClassFixture<PostgresApp>;
