using System.Text.Json.Nodes;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Security;

/// <summary>
/// Search answers depend on nothing the caller cannot read (issue 23, "the search score leaks words of hidden
/// records"): not the score, not the order of the visible hits.
/// </summary>
public abstract class RevealingNothingThroughSearch(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Consonants = "bdfghjlmnprstvwx";

    /// <summary>A word of letters only (no digits: analysers split and stem those differently), unique to one test.
    /// Its random tail is consonants other than c, k, q and z: no French, Spanish or German ending and no respelling into
    /// English (Cognates.ToEnglish) applies to it, so its translations do not depend on which letters it drew.
    /// </summary>
    internal static string Word(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => Consonants[b % Consonants.Length]));

    /// <summary>The whole answer as JSON, without the echo of the query text.</summary>
    private async Task<string> AnswerAsync(HttpClient client, string q)
    {
        var body = await client.GetStringAsync("/api/v1/library/search?q=" + Uri.EscapeDataString(q), Ct);
        var json = JsonNode.Parse(body)!.AsObject();
        json.Remove("query");
        return json.ToJsonString();
    }

    [Fact]
    public async Task A_word_held_only_by_a_hidden_record_answers_exactly_like_an_unused_word()
    {
        var nonsense = Word("nonsense");
        var hidden = Word("hidden");
        var unused = Word("unused");
        await app.CreateDocumentAsync(new { title = $"Public note on {nonsense} matters", type = "Report", access = "Public" });
        await app.CreateDocumentAsync(new { title = $"Restricted note on {hidden} matters", type = "Report", access = "Restricted", allowedParties = new[] { "org:SPMU" } });

        var anonymous = app.Anonymous();
        var withHidden = await AnswerAsync(anonymous, $"{nonsense} {hidden}");
        var withUnused = await AnswerAsync(anonymous, $"{nonsense} {unused}");
        Assert.Contains("\"total\":1", withHidden, StringComparison.Ordinal);
        Assert.Equal(withUnused, withHidden);
    }

    [Fact]
    public async Task Hidden_records_mentioning_a_word_change_neither_the_order_nor_the_scores_of_visible_hits()
    {
        var x = Word("xeno");
        var y = Word("yarrow");
        // Visible: x is commoner than y, so the document with y ranks first for "x y".
        await app.CreateDocumentAsync(new { title = $"First report about {x}", type = "Report", access = "Public" });
        await app.CreateDocumentAsync(new { title = $"Second report about {y}", type = "Report", access = "Public" });
        await app.CreateDocumentAsync(new { title = $"Third report about {x} again", type = "Report", access = "Public" });
        var anonymous = app.Anonymous();
        var before = await AnswerAsync(anonymous, $"{x} {y}");

        // Hidden records that make y far commoner than x over the whole index.
        for (var i = 0; i < 6; i++)
            await app.CreateDocumentAsync(new { title = $"Restricted item {i} about {y}", type = "Report", access = "Restricted", allowedParties = new[] { "org:SPMU" } });

        var after = await AnswerAsync(anonymous, $"{x} {y}");
        Assert.Contains("\"total\":3", after, StringComparison.Ordinal);
        Assert.Equal(before, after);

        // The administrator, who reads them, does see the shift: the test would notice if the hidden records were not counted at all.
        var admin = await app.LibrarianAsync();
        var adminAnswer = await app.SearchAsync(admin, "q=" + Uri.EscapeDataString($"{x} {y}"));
        Assert.Equal(9, adminAnswer.Total);
    }
}

public sealed class RevealingNothingThroughSearchOnSqlite(SqliteApp app) : RevealingNothingThroughSearch(app), IClassFixture<SqliteApp>;
public sealed class RevealingNothingThroughSearchOnPostgres(PostgresApp app) : RevealingNothingThroughSearch(app), IClassFixture<PostgresApp>;
