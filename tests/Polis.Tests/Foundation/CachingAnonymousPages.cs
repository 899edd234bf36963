using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Polis.Reference;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Foundation;

/// <summary>
/// Issue 21: what anonymous readers see is cached (PageCache), and the cache never shows a signed-in viewer an
/// anonymous page, never keeps a signed-in viewer's page for anyone else, and drops everything when data changes.
/// A cached answer carries an Age header (the output cache adds it), a fresh one does not.
/// </summary>
public abstract class CachingAnonymousPages(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // No cookies kept: a reader who never signed in (Anonymous() keeps cookies, which opt a client out of the cache).
    private HttpClient Reader(string? language = null)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    private static async Task<(bool Cached, string Body)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.Age is not null, await response.Content.ReadAsStringAsync(Ct));
    }

    // Served from the cache on a repeat. Other test classes of the process save data meanwhile, which evicts every
    // host's cache (DataChanges): so a few repeats are allowed before a cached answer must come.
    private async Task<string> CachedAsync(string url, string? language = null)
    {
        for (var i = 0; i < 10; i++)
        {
            var (cached, body) = await GetAsync(Reader(language), url);
            if (cached) return body;
        }
        Assert.Fail($"{url} never came from the cache");
        return "";
    }

    [Fact]
    public async Task An_anonymous_page_is_served_from_the_cache_the_second_time()
    {
        var url = "/library/search?q=cached" + Guid.NewGuid().ToString("N")[..8];
        var first = await GetAsync(Reader(), url);
        Assert.False(first.Cached);
        Assert.Equal(first.Body, await CachedAsync(url));
        // Another query is another page.
        Assert.False((await GetAsync(Reader(), url + "x")).Cached);
    }

    [Fact]
    public async Task A_signed_in_viewer_never_gets_the_anonymous_page_and_a_restricted_record_never_reaches_the_cache()
    {
        var marker = "cacheleak" + Guid.NewGuid().ToString("N")[..8];
        var restricted = await app.CreateDocumentWithTextAsync(new
        {
            title = "Restricted cache study " + marker,
            type = "Report",
            access = "Restricted",
            allowedParties = new[] { "org:SPMU" },
        }, "en", $"The {marker} restricted text.");
        string[] urls = [$"/library/search?q={marker}", $"/api/v1/library/search?q={marker}", $"/library/documents/{restricted}"];

        // Anonymous first: the search pages are cached without the record; the document page is a 404, not cached.
        foreach (var url in urls[..2])
        {
            Assert.DoesNotContain(restricted.ToString(), await CachedAsync(url), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Reader().GetAsync(urls[2], Ct)).StatusCode);

        // The librarian (who may read it) gets fresh pages that show it, however often asked.
        var librarian = await app.LibrarianAsync();
        foreach (var url in urls)
            for (var i = 0; i < 2; i++)
            {
                using var response = await librarian.GetAsync(url, Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Null(response.Headers.Age);
                Assert.Contains(url == urls[2] ? marker : restricted.ToString(), await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }

        // Nothing the librarian saw was kept for anonymous readers.
        foreach (var url in urls[..2])
            Assert.DoesNotContain(restricted.ToString(), (await GetAsync(Reader(), url)).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Reader().GetAsync(urls[2], Ct)).StatusCode);
    }

    [Fact]
    public async Task A_request_with_credentials_or_a_cookie_bypasses_the_cache()
    {
        var url = "/library/search?q=bypass" + Guid.NewGuid().ToString("N")[..8];
        await CachedAsync(url);
        foreach (var (header, value) in new[] { ("Authorization", "Bearer not-a-token"), ("Cookie", "polis.auth=forged") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation(header, value);
            using var response = await Reader().SendAsync(request, Ct);
            Assert.Null(response.Headers.Age);
        }
    }

    [Fact]
    public async Task Publishing_a_document_drops_the_cached_pages_that_would_show_it()
    {
        var marker = "cachenew" + Guid.NewGuid().ToString("N")[..8];
        var search = $"/library/search?q={marker}";
        var api = $"/api/v1/library/search?q={marker}";
        await CachedAsync(search);
        await CachedAsync(api);

        var id = await app.CreateDocumentWithTextAsync(new { title = "Fresh cache study " + marker, type = "Report", access = "Public" },
            "en", $"The {marker} public text.");

        var page = await GetAsync(Reader(), search);
        Assert.False(page.Cached);
        Assert.Contains(id.ToString(), page.Body, StringComparison.Ordinal);
        Assert.Contains(id.ToString(), (await GetAsync(Reader(), api)).Body, StringComparison.Ordinal);

        // Withdrawn again (a write): anonymous readers stop seeing it at once.
        var document = $"/library/documents/{id}";
        await CachedAsync(document);
        var withdrawn = await app.PutDocumentAsync(await app.LibrarianAsync(), id, new
        {
            title = "Fresh cache study " + marker,
            type = "Report",
            access = "Restricted",
            allowedParties = new[] { "org:SPMU" },
            owner = PolisApp.DefaultTestOwner,
        });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Reader().GetAsync(document, Ct)).StatusCode);
        Assert.DoesNotContain(id.ToString(), (await GetAsync(Reader(), api)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Related_documents_are_kept_per_access_and_follow_new_documents()
    {
        var marker = "related" + Guid.NewGuid().ToString("N")[..8];
        var shown = await app.CreateDocumentWithTextAsync(new { title = $"Border {marker} handbook", type = "Report", access = "Public" }, "en", $"The {marker} text.");
        var secret = await app.CreateDocumentWithTextAsync(new
        {
            title = $"Border {marker} restricted annex",
            type = "Report",
            access = "Restricted",
            allowedParties = new[] { "org:SPMU" },
        }, "en", $"The {marker} secret text.");
        var page = $"/library/documents/{shown}";
        var librarian = await app.LibrarianAsync();

        // The librarian's related list shows the restricted annex; the anonymous reader's, asked after it, does not.
        Assert.Contains(secret.ToString(), await librarian.GetStringAsync(page, Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(secret.ToString(), (await GetAsync(Reader(), page)).Body, StringComparison.Ordinal);
        Assert.Contains(secret.ToString(), await librarian.GetStringAsync(page, Ct), StringComparison.Ordinal);

        // A new public document with the same words is related at once, for both.
        var added = await app.CreateDocumentWithTextAsync(new { title = $"Border {marker} checklist", type = "Report", access = "Public" }, "en", $"The {marker} list.");
        Assert.Contains(added.ToString(), await librarian.GetStringAsync(page, Ct), StringComparison.Ordinal);
        var anonymous = (await GetAsync(Reader(), page)).Body;
        Assert.Contains(added.ToString(), anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.ToString(), anonymous, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_language_has_its_own_page_and_a_renamed_priority_shows_at_once()
    {
        var english = await GetAsync(Reader("en"), "/");
        var russian = await GetAsync(Reader("ru"), "/");
        Assert.NotEqual(english.Body, russian.Body);
        Assert.Contains("lang=\"ru\"", await CachedAsync("/", "ru"), StringComparison.Ordinal);

        // Reference names are cached too (ReferenceCache): a rename shows on the next request.
        var renamed = "Renamed priority " + Guid.NewGuid().ToString("N")[..8];
        string old = "";
        await app.QueryAsync(async db =>
        {
            var name = await db.Set<ReferenceName>().FirstAsync(n => n.Kind == "thematic-priority" && n.Language == "en", Ct);
            old = name.Name;
            name.Name = renamed;
            return await db.SaveChangesAsync(Ct);
        });
        try
        {
            var after = await GetAsync(Reader("en"), "/");
            Assert.False(after.Cached);
            Assert.Contains(renamed, after.Body, StringComparison.Ordinal);
            Assert.Contains(renamed, (await GetAsync(Reader("en"), "/api/v1/reference/thematic-priorities")).Body, StringComparison.Ordinal);
        }
        finally
        {
            await app.QueryAsync(async db =>
            {
                var name = await db.Set<ReferenceName>().FirstAsync(n => n.Kind == "thematic-priority" && n.Name == renamed, Ct);
                name.Name = old;
                return await db.SaveChangesAsync(Ct);
            });
        }
        Assert.DoesNotContain(renamed, (await GetAsync(Reader("en"), "/")).Body, StringComparison.Ordinal);
    }
}

public sealed class CachingAnonymousPagesOnSqlite(SqliteApp app) : CachingAnonymousPages(app), IClassFixture<SqliteApp>;
public sealed class CachingAnonymousPagesOnPostgres(PostgresApp app) : CachingAnonymousPages(app), IClassFixture<PostgresApp>;
