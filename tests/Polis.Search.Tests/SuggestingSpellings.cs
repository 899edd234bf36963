namespace Polis.Search.Tests;

public sealed class SuggestingSpellings
{
    private static SearchQuery Query(string text, IReadOnlyList<string>? keys = null, string? ui = null) =>
        new(text) { Access = keys is null ? SearchAccess.Everything : SearchAccess.Keys(keys), UiLanguage = ui };

    [Theory]
    [InlineData("en", "Community policing guidebook", "Trafficking in human beings", "trafficing", "trafficking")]
    [InlineData("ru", "Руководство по охране общественного порядка", "Торговля людьми и полиция", "торговля людми", "торговля людьми")]
    [InlineData("fr", "Guide de la police de proximité", "La gendarmerie nationale et la traite des êtres humains", "gendarnerie", "gendarmerie")]
    [InlineData("de", "Leitfaden für bürgernahe Polizeiarbeit", "Menschenhandel bekämpfen", "Menschenhandl", "Menschenhandel")]
    [InlineData("es", "Guía de policía comunitaria", "La trata de seres humanos", "comunitarai", "comunitaria")]
    public async Task A_misspelt_query_that_finds_nothing_gets_the_word_of_the_index(string language, string title, string body, string typed, string suggested)
    {
        using var index = await Index.WithAsync(Index.Doc("a", title, body, language: language), Index.Doc("b", "Annual report", "Budget and staff"));

        var results = await index.SearchAsync(Query(typed, ui: language), Index.Ct);
        var corrected = await index.SearchAsync(Query(suggested, ui: language), Index.Ct);

        Assert.Equal(suggested, results.Suggestion);
        Assert.Contains("a", corrected.Ids());
    }

    [Fact]
    public async Task A_query_that_finds_the_document_through_its_stem_gets_no_suggestion_that_finds_no_more()
    {
        // "humaines" is not in the text, but its stem finds "humains": the correction would find the same document.
        using var index = await Index.WithAsync(Index.Doc("a", "Guide", "La traite des êtres humains", language: "fr"));

        var results = await index.SearchAsync(Query("humaines", ui: "fr"), Index.Ct);

        Assert.Equal(1, results.Total);
        Assert.Null(results.Suggestion);
    }

    [Fact]
    public async Task A_query_whose_words_are_found_gets_no_suggestion()
    {
        using var index = await Index.WithAsync(Index.Doc("a", "Police reform", "Trafficking in human beings"));

        Assert.Null((await index.SearchAsync(Query("trafficking"), Index.Ct)).Suggestion);
        Assert.Null((await index.SearchAsync(Query(""), Index.Ct)).Suggestion);
        Assert.Null((await index.SearchAsync(Query("qwxzv"), Index.Ct)).Suggestion);
        // A long query is no typo: more than eight words get no suggestion.
        Assert.Null((await index.SearchAsync(Query("one two three four five six seven eight trafficing"), Index.Ct)).Suggestion);
    }

    [Fact]
    public async Task A_low_hit_query_gets_the_much_more_frequent_neighbour_of_a_rare_misspelling()
    {
        // One document has the typo "polise"; five spell it right: the query "polise" finds one and is offered "police".
        using var index = await Index.WithAsync([
            Index.Doc("typo", "Report on polise training"),
            .. Enumerable.Range(1, 5).Select(i => Index.Doc($"p{i}", $"Police report {i}")),
        ]);

        var results = await index.SearchAsync(Query("Polise"), Index.Ct);

        Assert.Equal(1, results.Total);
        Assert.Equal("Police", results.Suggestion);
    }

    [Fact]
    public async Task A_word_only_restricted_records_hold_is_never_suggested_to_a_viewer_who_may_not_read_them()
    {
        using var index = await Index.WithAsync(
            Index.Doc("public", "Police reform guidebook"),
            Index.Doc("secret", "Operation Zanzibarite assessment", keys: ["org:mission-kg"]));

        var reader = await index.SearchAsync(Query("zanzibrite", ["public"]), Index.Ct);
        var member = await index.SearchAsync(Query("zanzibrite", ["public", "org:mission-kg"]), Index.Ct);
        var excluded = await index.SearchAsync(Query("zanzibrite") with { ExcludeIds = ["secret"] }, Index.Ct);

        Assert.Equal(0, reader.Total);
        Assert.Null(reader.Suggestion);
        Assert.Null(excluded.Suggestion);   // a record the database no longer shows the caller lends no word either
        Assert.Equal("zanzibarite", member.Suggestion);
    }

    [Fact]
    public async Task The_suggestion_is_counted_with_the_filters_and_offered_only_when_it_finds_more()
    {
        using var index = await Index.WithAsync(
            Index.Doc("a", "Trafficking guidebook", facets: [("type", ["guidebook"])]),
            Index.Doc("b", "Annual report", facets: [("type", ["report"])]));

        var inReports = await index.SearchAsync(Query("trafficing") with { Filters = new Dictionary<string, IReadOnlyList<string>> { ["type"] = ["report"] } }, Index.Ct);
        var inGuidebooks = await index.SearchAsync(Query("trafficing") with { Filters = new Dictionary<string, IReadOnlyList<string>> { ["type"] = ["guidebook"] } }, Index.Ct);

        Assert.Null(inReports.Suggestion);
        Assert.Equal("trafficking", inGuidebooks.Suggestion);
    }

    [Theory]
    [InlineData("police", "polise", 1)]
    [InlineData("police", "plice", 1)]
    [InlineData("police", "piloce", 2)]
    [InlineData("police", "ploice", 1)]
    public void Distance_counts_an_adjacent_swap_as_one_edit(string a, string b, int expected) =>
        Assert.Equal(expected, Suggester.Distance(a, b));
}
