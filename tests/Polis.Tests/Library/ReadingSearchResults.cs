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
        Assert.Contains("Найдено документов: 1", russian, StringComparison.Ordinal);
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
