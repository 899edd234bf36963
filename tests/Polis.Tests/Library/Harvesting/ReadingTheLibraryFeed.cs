using System.Net;
using System.Xml.Linq;
using Polis.Accounts.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library.Harvesting;

/// <summary>
/// /library/feed.atom: the 50 most recently updated public documents as Atom 1.0 (RFC 4287), valid for the
/// shared feed validator, with text escaped rather than interpreted and nothing the public may not read.
/// </summary>
public abstract class ReadingTheLibraryFeed(PolisApp app)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private async Task<(string Body, XDocument Xml)> FeedAsync()
    {
        var response = await app.Anonymous().GetAsync("/library/feed.atom", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        return (body, XDocument.Parse(body));
    }

    [Fact]
    public async Task The_feed_is_valid_atom_with_the_public_document_and_without_the_restricted_one()
    {
        app.Clock.Advance(TimeSpan.FromDays(7));
        var librarian = await app.SignedInAsync(Role.Administrator);   // after the jump: a sign-in lasts 8 hours
        var restricted = await app.CreateDocumentAsync(new
        {
            title = "Feed restricted note",
            type = "Report",
            access = "Restricted",
            allowedParties = new[] { "org:SPMU" },
            priorities = new[] { "Cybercrime" },
        }, librarian);
        var members = await app.CreateDocumentAsync(new { title = "Feed members note", type = "Report", access = "Members" }, librarian);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var published = await app.CreateDocumentAsync(new
        {
            title = "Guide & \"quotes\"",
            type = "Guidebook",
            access = "Public",
            priorities = new[] { "Cybercrime", "Terrorism" },
            summary = "Read <script>alert('x')</script> & act.",
        }, librarian);

        var (body, xml) = await FeedAsync();
        await Validators.AssertValidAsync("validate-feed.sh", body, ".atom");

        var entries = xml.Root!.Elements(Atom + "entry").ToList();
        var ids = entries.Select(e => e.Element(Atom + "id")!.Value).ToList();
        Assert.Equal($"urn:uuid:{published:D}", ids[0]);   // newest first
        Assert.DoesNotContain($"urn:uuid:{restricted:D}", ids);
        Assert.DoesNotContain($"urn:uuid:{members:D}", ids);
        Assert.DoesNotContain("Feed restricted note", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Feed members note", body, StringComparison.Ordinal);

        var entry = entries[0];
        Assert.Equal("Guide & \"quotes\"", entry.Element(Atom + "title")!.Value);
        Assert.Contains("Guide &amp; \"quotes\"", body, StringComparison.Ordinal);
        Assert.Equal("Read <script>alert('x')</script> & act.", entry.Element(Atom + "summary")!.Value);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", body, StringComparison.Ordinal);
        Assert.Equal($"http://localhost/library/documents/{published:D}",
            entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value);
        Assert.Equal(["Cybercrime", "Terrorism"], entry.Elements(Atom + "category").Select(c => c.Attribute("term")!.Value));
        Assert.Equal(entry.Element(Atom + "updated")!.Value, xml.Root.Element(Atom + "updated")!.Value);
        Assert.Equal("http://localhost/library/feed.atom",
            xml.Root.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
    }

    [Fact]
    public async Task The_feed_holds_the_fifty_most_recently_updated_public_documents_newest_first()
    {
        app.Clock.Advance(TimeSpan.FromDays(7));
        var librarian = await app.SignedInAsync(Role.Administrator);
        var created = new List<Guid>();
        for (var i = 0; i < 51; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            created.Add(await app.CreateDocumentAsync(new { title = $"Feed volume {i}", type = "Report", access = "Public" }, librarian));
        }

        var (_, xml) = await FeedAsync();
        var ids = xml.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).ToList();
        Assert.Equal(created.Skip(1).Reverse().Select(id => $"urn:uuid:{id:D}"), ids);
    }
}

public sealed class ReadingTheLibraryFeedOnSqlite(SqliteApp app) : ReadingTheLibraryFeed(app), IClassFixture<SqliteApp>;
public sealed class ReadingTheLibraryFeedOnPostgres(PostgresApp app) : ReadingTheLibraryFeed(app), IClassFixture<PostgresApp>;
