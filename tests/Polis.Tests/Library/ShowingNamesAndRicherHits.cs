using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>
/// Issue 19, findings 3 and 8: readers see names, each looked up within its kind (the Ministerial Council is no
/// Monaco), an issuing body is chosen from a list, and a hit tells its type, year, editions and whether it is public.
/// </summary>
public abstract partial class ShowingNamesAndRicherHits(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Marker(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_ministerial_council_decision_is_issued_by_the_council_in_both_languages_and_never_by_Monaco()
    {
        var marker = Marker("ministerial");
        var id = await app.CreateDocumentWithTextAsync(new
        {
            title = "Decision on police reform " + marker,
            type = "Decision",
            access = "Public",
            issuingBody = "MC",
            countries = new[] { "MC", "KG" },
            priorities = new[] { "PoliceDevelopmentAndReform" },
        }, "en", $"The Ministerial Council decides on {marker}.");

        var page = await app.Anonymous().GetStringAsync($"/library/documents/{id}", Ct);
        var body = Element(page, "dd", "issuing-body");
        Assert.Contains("Ministerial Council", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Monaco", body, StringComparison.Ordinal);
        Assert.Contains("Monaco, Kyrgyzstan", page, StringComparison.Ordinal);   // the State MC is still Monaco
        Assert.Contains("General police development and reform", page, StringComparison.Ordinal);

        var russian = await app.Anonymous("ru").GetStringAsync($"/library/documents/{id}", Ct);
        Assert.Contains("Совет министров", Element(russian, "dd", "issuing-body"), StringComparison.Ordinal);
        Assert.DoesNotContain("Монако", Element(russian, "dd", "issuing-body"), StringComparison.Ordinal);
        Assert.Contains("Монако, Кыргызстан", russian, StringComparison.Ordinal);

        var search = await app.Anonymous().GetStringAsync($"/library/search?q={marker}", Ct);
        Assert.Contains(">Ministerial Council</a>", Facet(search, "body"), StringComparison.Ordinal);
        Assert.DoesNotContain("Monaco", Facet(search, "body"), StringComparison.Ordinal);
        Assert.DoesNotContain(">MC<", Facet(search, "body"), StringComparison.Ordinal);
        Assert.Contains(">Monaco</a>", Facet(search, "country"), StringComparison.Ordinal);
        Assert.Contains(">General police development and reform</a>", Facet(search, "priority"), StringComparison.Ordinal);

        var russianSearch = await app.Anonymous("ru").GetStringAsync($"/library/search?q={marker}", Ct);
        Assert.Contains(">Совет министров</a>", Facet(russianSearch, "body"), StringComparison.Ordinal);
        Assert.DoesNotContain("Монако", Facet(russianSearch, "body"), StringComparison.Ordinal);
        Assert.Contains(">Монако</a>", Facet(russianSearch, "country"), StringComparison.Ordinal);

        // Harvesters get the body's English name as creator and publisher.
        var oai = await app.Anonymous().GetStringAsync($"/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:polis:{id:D}", Ct);
        Assert.Contains("<dc:creator>Ministerial Council</dc:creator>", oai, StringComparison.Ordinal);
        Assert.DoesNotContain("<dc:creator>Monaco", oai, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_and_the_allowed_parties_are_shown_by_name()
    {
        var id = await app.CreateDocumentAsync(new
        {
            title = "Shared assessment",
            type = "Report",
            access = "Restricted",
            issuingBody = "UNODC",
            allowedParties = new[] { "org:SPMU", "org:UNODC", "state:KG" },
        });

        var page = await (await app.LibrarianAsync()).GetStringAsync($"/library/documents/{id}", Ct);
        Assert.Contains("Strategic Police Matters Unit", Element(page, "dd", "owner"), StringComparison.Ordinal);
        var access = Element(page, "dd", "access");
        Assert.Contains("Strategic Police Matters Unit", access, StringComparison.Ordinal);
        Assert.Contains("United Nations Office on Drugs and Crime", access, StringComparison.Ordinal);
        Assert.Contains("Kyrgyzstan", access, StringComparison.Ordinal);
        Assert.DoesNotContain("org:", access, StringComparison.Ordinal);
        Assert.DoesNotContain("state:", access, StringComparison.Ordinal);
        Assert.Contains("United Nations Office on Drugs and Crime", Element(page, "dd", "issuing-body"), StringComparison.Ordinal);

        // An editor of another structure who may read it is told whose it is, by name.
        var other = await app.CreateDocumentAsync(new { title = "Public note", type = "Report", access = "Public" });
        var stranger = await app.SignedInAsync(Role.Editor, ["MSRB"]);
        var refused = await stranger.GetAsync($"/library/documents/{other}/edit", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Strategic Police Matters Unit (SPMU)", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_edit_form_offers_issuing_bodies_by_group_and_refuses_an_unknown_one()
    {
        var editor = await app.SignedInAsync(Role.Editor, ["SPMU"]);
        var form = await editor.GetStringAsync("/library/documents/new", Ct);
        var select = Element(form, "select", null, "id=\"body\"");
        Assert.Contains("<option value=\"\">", select, StringComparison.Ordinal);
        Assert.Contains("<optgroup label=\"Decision-making bodies\">", select, StringComparison.Ordinal);
        Assert.Contains("<optgroup label=\"Executive structures\">", select, StringComparison.Ordinal);
        Assert.Contains("<optgroup label=\"Partner organisations\">", select, StringComparison.Ordinal);
        Assert.Contains("<option value=\"MC\">Ministerial Council (MC)</option>", select, StringComparison.Ordinal);
        Assert.Contains("<option value=\"UNODC\">", select, StringComparison.Ordinal);
        Assert.DoesNotContain("Monaco", select, StringComparison.Ordinal);

        var title = "Made-up body " + Guid.NewGuid().ToString("N")[..6];
        var token = await PolisApp.AntiforgeryTokenAsync(editor, "/library/documents/new");
        var refused = await editor.PostAsync("/library/documents/new", Form(token, title, "XYZ"), Ct);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, html);
        Assert.Contains("is not an issuing body known to Polis", Element(html, "small", null, "id=\"body-error\""), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Set<Polis.Library.Document>().CountAsync(d => d.Title == title, Ct)));

        var saved = await editor.PostAsync("/library/documents/new", Form(token, title, "MC"), Ct);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync(Ct));
        var location = saved.Headers.Location!.OriginalString;
        Assert.Contains("Ministerial Council", Element(await editor.GetStringAsync(location, Ct), "dd", "issuing-body"), StringComparison.Ordinal);
        var edit = await editor.GetStringAsync(location + "/edit", Ct);
        Assert.Contains("<option value=\"MC\" selected=\"selected\">", Element(edit, "select", null, "id=\"body\""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hit_shows_its_type_year_and_editions_and_a_lock_only_when_it_is_not_public()
    {
        var marker = Marker("richhit");
        var members = await app.CreateDocumentWithTextAsync(new
        {
            title = "Members assessment " + marker,
            type = "Report",
            access = "Members",
            publishedOn = "2019-05-01",
        }, "en", $"An assessment of {marker} for members.");
        var upload = await app.UploadAsync(members, "ru", "ru.txt", System.Text.Encoding.UTF8.GetBytes($"Оценка {marker} для участников."), title: "Оценка " + marker);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var open = await app.CreateDocumentWithTextAsync(new
        {
            title = "Public guidebook " + marker,
            type = "Guidebook",
            access = "Public",
            publishedOn = "2012-01-10",
        }, "en", $"A guidebook on {marker}.");

        var member = await app.SignedInAsync(Role.Member);
        var html = await member.GetStringAsync($"/library/search?q={marker}", Ct);
        var hidden = Hit(html, members);
        Assert.Contains("<span class=\"type\">Report</span>", hidden, StringComparison.Ordinal);
        Assert.Contains(">2019</time>", hidden, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/library/documents/{members}#edition-en\" hreflang=\"en\" lang=\"en\">English</a>", hidden, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/library/documents/{members}#edition-ru\" hreflang=\"ru\" lang=\"ru\">Русский</a>", hidden, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"lock\"", hidden, StringComparison.Ordinal);
        Assert.Contains("<span class=\"visually-hidden\">Not public (Members)</span>", hidden, StringComparison.Ordinal);

        var shown = Hit(html, open);
        Assert.Contains("<span class=\"type\">Guidebook</span>", shown, StringComparison.Ordinal);
        Assert.Contains(">2012</time>", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"lock\"", shown, StringComparison.Ordinal);

        // The edition links lead to the editions on the document page.
        var page = await member.GetStringAsync($"/library/documents/{members}", Ct);
        Assert.Contains("id=\"edition-ru\"", page, StringComparison.Ordinal);

        var russian = await app.SignedInAsync(Role.Member);
        russian.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var ru = Hit(await russian.GetStringAsync($"/library/search?q={marker}", Ct), members);
        Assert.Contains("<span class=\"type\">Доклад</span>", ru, StringComparison.Ordinal);
        Assert.Contains("Не общедоступно (Участники)", ru, StringComparison.Ordinal);

        var anonymous = await app.Anonymous().GetStringAsync($"/library/search?q={marker}", Ct);
        Assert.DoesNotContain(members.ToString(), anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"lock\"", anonymous, StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(string token, string title, string body) => new(
    [
        new("Input.Title", title), new("Input.Type", "Decision"), new("Input.Access", "Public"), new("Input.Owner", "SPMU"),
        new("Input.IssuingBody", body), new("Input.Symbol", ""), new("Input.PublishedOn", ""), new("Input.Series", ""),
        new("Input.Volume", ""), new("Input.Summary", ""), new("Input.AllowedParties", ""), new("Version", "0"),
        new("__RequestVerificationToken", token),
    ]);

    /// <summary>The first element named <paramref name="tag"/> with the test id (or the attribute) given, with its content.</summary>
    private static string Element(string html, string tag, string? testId, string? attribute = null)
    {
        var marker = attribute ?? $"data-testid=\"{testId}\"";
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no <{tag}> with {marker} in:\n{html}");
        var start = html.LastIndexOf("<" + tag, at, StringComparison.Ordinal);
        var end = html.IndexOf("</" + tag + ">", at, StringComparison.Ordinal);
        return html[start..(end + tag.Length + 3)];
    }

    private static string Facet(string html, string field)
    {
        var match = FacetPattern().Match(html[html.IndexOf($"data-facet=\"{field}\"", StringComparison.Ordinal)..]);
        Assert.True(match.Success, $"no {field} facet in:\n{html}");
        return match.Value;
    }

    private static string Hit(string html, Guid id)
    {
        var hits = html.Split("<li class=\"hit\">").Skip(1).Select(h => h[..h.IndexOf("</li>", StringComparison.Ordinal)]);
        return hits.FirstOrDefault(h => h.Contains($"<h3><a href=\"/library/documents/{id}\"", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no hit for {id} in:\n{html}");
    }

    [GeneratedRegex("^.*?</section>", RegexOptions.Singleline)]
    private static partial Regex FacetPattern();
}

public sealed class ShowingNamesAndRicherHitsOnSqlite(SqliteApp app) : ShowingNamesAndRicherHits(app), IClassFixture<SqliteApp>;
public sealed class ShowingNamesAndRicherHitsOnPostgres(PostgresApp app) : ShowingNamesAndRicherHits(app), IClassFixture<PostgresApp>;
