using System.Text.RegularExpressions;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>Small things a reader of the results page notices (issue 19, findings 7 and 11).</summary>
public abstract partial class ReadingSearchResults(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_hit_is_one_document_found_in_english_and_russian()
    {
        var word = "singular" + Guid.NewGuid().ToString("N")[..8];
        await app.CreateDocumentAsync(new { title = $"Report on {word}", type = "Report", access = "Public" });
        var english = await app.Anonymous("en").GetStringAsync($"/library/search?q={word}", Ct);
        Assert.Contains("1 document found", english, StringComparison.Ordinal);
        Assert.DoesNotContain("1 documents found", english, StringComparison.Ordinal);
        var russian = await app.Anonymous("ru").GetStringAsync($"/library/search?q={word}", Ct);
        Assert.Contains("Найден 1 документ", russian, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Russian_counts_take_the_form_for_one_few_and_many()
    {
        var few = Word("few");
        var many = Word("many");
        for (var i = 0; i < 3; i++) await app.CreateDocumentAsync(new { title = $"Note {few}", type = "Report", access = "Public" });
        for (var i = 0; i < 5; i++) await app.CreateDocumentAsync(new { title = $"Note {many}", type = "Report", access = "Public" });

        var russian = app.Anonymous("ru");
        Assert.Contains("Найдено 3 документа", await russian.GetStringAsync($"/library/search?q={few}", Ct), StringComparison.Ordinal);
        Assert.Contains("Найдено 5 документов", await russian.GetStringAsync($"/library/search?q={many}", Ct), StringComparison.Ordinal);
        Assert.Contains("3 documents found", await app.Anonymous().GetStringAsync($"/library/search?q={few}", Ct), StringComparison.Ordinal);
    }

    /// <summary>A word of letters only (the speller leaves words with digits alone), unique to one test.</summary>
    private static string Word(string prefix) => Polis.Tests.Security.RevealingNothingThroughSearch.Word(prefix);

    /// <summary>The word with one letter of its random part left out: one edit away.</summary>
    private static string Misspelt(string word) => word.Remove(word.Length - 3, 1);

    [Fact]
    public async Task A_misspelt_query_gets_did_you_mean_with_the_word_of_the_library_in_the_page_and_the_api()
    {
        var word = Word("spelling");
        var id = await app.CreateDocumentAsync(new { title = $"Guidebook on {word} patrols", type = "Guidebook", access = "Public" });

        var answer = await app.SearchAsync(app.Anonymous(), "q=" + Misspelt(word));
        Assert.Equal(0, answer.Total);
        Assert.Equal(word, answer.Suggestion);
        var corrected = await app.SearchAsync(app.Anonymous(), "q=" + answer.Suggestion);
        Assert.Contains(corrected.Hits, h => h.Id == id.ToString());

        var english = await app.Anonymous().GetStringAsync($"/library/search?q={Misspelt(word)}&translate=off", Ct);
        Assert.Contains("Did you mean", english, StringComparison.Ordinal);
        Assert.Contains($"href=\"/library/search?q={word}&amp;translate=off\"", english, StringComparison.Ordinal);
        var russian = await app.Anonymous("ru").GetStringAsync($"/library/search?q={Misspelt(word)}", Ct);
        Assert.Contains("Возможно, вы имели в виду", russian, StringComparison.Ordinal);
        Assert.Contains("Найдено 0 документов", russian, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Did_you_mean_never_offers_a_word_only_records_the_caller_cannot_read_hold()
    {
        var word = Word("secretive");
        await app.CreateDocumentAsync(new { title = $"Assessment of {word} operations", type = "Report", access = "Restricted", allowedParties = new[] { "org:SPMU" } });

        var anonymous = await app.SearchAsync(app.Anonymous(), "q=" + Misspelt(word));
        var page = await app.Anonymous().GetStringAsync($"/library/search?q={Misspelt(word)}", Ct);
        var librarian = await app.SearchAsync(await app.LibrarianAsync(), "q=" + Misspelt(word));

        Assert.Null(anonymous.Suggestion);
        Assert.DoesNotContain(word, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", page, StringComparison.Ordinal);
        Assert.Equal(word, librarian.Suggestion);   // the same query, from someone who may read the record
    }

    [Fact]
    public async Task An_empty_result_has_no_empty_filter_column_and_advises_removing_a_filter_only_when_one_is_set()
    {
        var word = Word("emptiness");
        await app.CreateDocumentAsync(new { title = $"Report on {word}", type = "Report", access = "Public" });

        var nothing = await app.Anonymous().GetStringAsync($"/library/search?q={Word("absent")}", Ct);
        Assert.Contains("No documents match. Try other or fewer words.", nothing, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"facets-title\"", nothing, StringComparison.Ordinal);
        Assert.DoesNotContain("remove a filter", nothing, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data-testid=\"chips\"", nothing, StringComparison.Ordinal);

        var filtered = await app.Anonymous().GetStringAsync($"/library/search?q={word}&type=Guidebook", Ct);
        Assert.Contains("No documents match with these filters. Remove a filter or try other words.", filtered, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"chips\"", filtered, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/library/search?q={word}\" class=\"chip\" aria-label=\"Remove the filter Type: Guidebook\">", filtered, StringComparison.Ordinal);
        Assert.Contains("id=\"facets-title\"", filtered, StringComparison.Ordinal);   // "Clear all filters" lives there
    }

    [Fact]
    public async Task The_api_hit_names_type_year_editions_formats_and_access()
    {
        var word = Word("richer");
        var id = await app.CreateDocumentWithTextAsync(new { title = $"Handbook {word}", type = "Guidebook", access = "Members", publishedOn = "2019-04-02" },
            "en", $"The {word} handbook for community policing.");

        var member = await app.SearchAsync(await app.SignedInAsync(Polis.Accounts.Contracts.Role.Member), "q=" + word);
        var anonymous = await app.SearchAsync(app.Anonymous(), "q=" + word);

        var hit = Assert.Single(member.Hits);
        Assert.Equal(id.ToString(), hit.Id);
        Assert.Equal(Polis.Library.DocumentType.Guidebook, hit.Type);
        Assert.Equal(2019, hit.Year);
        Assert.Equal(Polis.Accounts.Contracts.AccessLevel.Members, hit.Access);
        Assert.Equal(["text/plain"], hit.Formats);
        var edition = Assert.Single(hit.Editions);
        Assert.Equal("en", edition.Language);
        Assert.Equal($"/library/documents/{id}#edition-en", edition.Url);
        Assert.Empty(anonymous.Hits);
        var page = await (await app.SignedInAsync(Polis.Accounts.Contracts.Role.Member)).GetStringAsync($"/library/search?q={word}", Ct);
        Assert.Contains("data-testid=\"formats\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recently_added_lists_documents_by_when_they_were_added_not_by_their_date()
    {
        var old = Word("ancient");
        var recent = Word("modern");
        // Later than anything this fixture added before (whatever clock that used), signed in after the jump.
        app.Clock.Advance(TimeSpan.FromDays(60));
        var librarian = await app.SignedInAsync(Polis.Accounts.Contracts.Role.Administrator);
        await app.CreateDocumentAsync(new { title = $"Recent date {recent}", type = "Report", access = "Public", publishedOn = "2026-01-01" }, librarian);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.CreateDocumentAsync(new { title = $"Old date {old}", type = "Report", access = "Public", publishedOn = "1999-01-01" }, librarian);
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var html = await app.Anonymous().GetStringAsync("/library", Ct);
        var section = html[html.IndexOf("id=\"recent\"", StringComparison.Ordinal)..];
        Assert.True(section.IndexOf(old, StringComparison.Ordinal) is >= 0 and var o && o < section.IndexOf(recent, StringComparison.Ordinal),
            "the document added last (dated 1999) comes first");
    }

    [Fact]
    public async Task The_feed_link_opens_a_page_for_people_that_names_the_feed_and_the_home_page_promises_only_what_exists()
    {
        var library = await app.Anonymous().GetStringAsync("/library", Ct);
        Assert.Contains("<a href=\"/library/feed\">", library, StringComparison.Ordinal);
        Assert.Contains("rel=\"alternate\" type=\"application/atom+xml\" href=\"/library/feed.atom\"", library, StringComparison.Ordinal);
        var feed = await app.Anonymous().GetStringAsync("/library/feed", Ct);
        Assert.Contains("/library/feed.atom\"", feed, StringComparison.Ordinal);
        Assert.Contains("feed reader", feed, StringComparison.Ordinal);
        Assert.Contains("программу чтения лент", await app.Anonymous("ru").GetStringAsync("/library/feed", Ct), StringComparison.Ordinal);

        foreach (var (language, promises) in new[] { ("en", new[] { "experts", "events", "country profiles", "registry" }), ("ru", new[] { "эксперт", "событи", "профили", "реестр" }) })
        {
            var home = await app.Anonymous(language).GetStringAsync("/", Ct);
            Assert.All(promises, p => Assert.DoesNotContain(p, home, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Years_are_listed_newest_first_whatever_their_counts()
    {
        var word = "yearly" + Guid.NewGuid().ToString("N")[..8];
        foreach (var date in new[] { "2008-03-01", "2010-05-01", "2010-06-01", "2010-07-01", "2012-01-15" })
            await app.CreateDocumentAsync(new { title = $"Annual note {word} {date}", type = "Report", access = "Public", publishedOn = date });
        var html = await app.Anonymous().GetStringAsync($"/library/search?q={word}", Ct);
        var section = html[html.IndexOf("data-facet=\"year\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        var years = YearValue().Matches(section).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["2012", "2010", "2008"], years);
    }

    [GeneratedRegex("data-value=\"(\\d{4})\"")]
    private static partial Regex YearValue();
}

public sealed class ReadingSearchResultsOnSqlite(SqliteApp app) : ReadingSearchResults(app), IClassFixture<SqliteApp>;
public sealed class ReadingSearchResultsOnPostgres(PostgresApp app) : ReadingSearchResults(app), IClassFixture<PostgresApp>;
