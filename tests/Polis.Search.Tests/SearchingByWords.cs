namespace Polis.Search.Tests;

public sealed class SearchingByWords
{
    [Fact]
    public async Task An_English_plural_finds_the_singular_through_stemming()
    {
        using var index = await Index.WithAsync(
            Index.Doc("a", "Community policing training", "A course for officers."),
            Index.Doc("b", "Cybercrime investigation", "Digital evidence handling."));

        var results = await index.SearchAsync("trainings");

        Assert.Equal(["a"], results.Ids());
    }

    [Fact]
    public async Task A_Russian_inflected_form_finds_the_nominative_title()
    {
        using var index = await Index.WithAsync(
            Index.Doc("thb", "Торговля людьми", "Руководство по выявлению жертв.", language: "ru"),
            Index.Doc("cyber", "Киберпреступность", "Расследование преступлений в сети.", language: "ru"));

        var results = await index.SearchAsync("торговли людьми");

        Assert.Equal(["thb"], results.Ids());
    }

    [Fact]
    public async Task A_quoted_phrase_needs_the_words_together_but_loose_words_do_not()
    {
        using var index = await Index.WithAsync(
            Index.Doc("together", "Police reform within criminal justice reform", "Guidance."),
            Index.Doc("apart", "Annual report", "The reform of the border police continued in 2012."),
            Index.Doc("one-word", "Police", "Police dogs and their handlers."));

        var phrase = await index.SearchAsync("\"police reform\"");
        var words = await index.SearchAsync("police reform");

        Assert.Equal(["together"], phrase.Ids());
        Assert.Equal(["together", "apart", "one-word"], words.Ids());
    }

    [Fact]
    public async Task A_document_with_every_word_outranks_a_strong_title_match_on_one_word()
    {
        using var index = await Index.WithAsync(
            Index.Doc("strong-one-word", "Border", "Border crossings and border guards at the border."),
            Index.Doc("both-words", "Annual report", "Training of customs officers in border management and risk analysis."));

        var results = await index.SearchAsync("border training");

        Assert.Equal(["both-words", "strong-one-word"], results.Ids());
    }

    [Fact]
    public async Task A_prefix_finds_every_word_that_starts_with_it()
    {
        using var index = await Index.WithAsync(
            Index.Doc("policing", "Policing in multi-ethnic communities"),
            Index.Doc("police", "Police academies network"),
            Index.Doc("other", "Cybercrime course", "Evidence and investigation."));

        var lower = await index.SearchAsync("polic*");
        var upper = await index.SearchAsync("Polic*");

        Assert.Equal(["police", "policing"], lower.Ids().Order(StringComparer.Ordinal));
        Assert.Equal(lower.Ids().Order(StringComparer.Ordinal), upper.Ids().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_title_match_outranks_a_summary_match_which_outranks_a_body_match()
    {
        // Field lengths run the other way (short body, longer summary, longest title), so only the boosts decide.
        const string filler = "The mission supported the ministry with equipment, advice and several study visits during the year.";
        using var index = await Index.WithAsync(
            Index.Doc("body", "Annual report", "Cybercrime workshop."),
            Index.Doc("summary", "Study visits", filler, summary: "Regional cybercrime trends"),
            Index.Doc("title", "Handbook for investigators and prosecutors on cybercrime evidence in the region", filler));

        var results = await index.SearchAsync("cybercrime");

        Assert.Equal(["title", "summary", "body"], results.Ids());
    }

    [Fact]
    public async Task An_excluded_word_removes_the_documents_that_contain_it()
    {
        using var index = await Index.WithAsync(
            Index.Doc("drugs", "Police training on illicit drugs"),
            Index.Doc("cyber", "Police training on cybercrime"));

        var results = await index.SearchAsync("police training -cybercrime");

        Assert.Equal(["drugs"], results.Ids());
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("police AND")]
    [InlineData("title:police")]
    [InlineData("(((police")]
    [InlineData("police)))")]
    [InlineData("*:*")]
    [InlineData("polic**")]
    [InlineData("[1 TO 5] {a TO b}")]
    [InlineData("police^2 reform~3")]
    [InlineData("a:b:c\\d/e")]
    [InlineData("NOT")]
    [InlineData("- + ! ~ ^")]
    [InlineData("\"\"\"")]
    [InlineData("?")]
    [InlineData("police \u0000 \uD83D\uDE93")]
    [InlineData("-police")]
    [InlineData("police \uD800 reform")]
    [InlineData("MC.DEC/ /3/05 )(")]
    public async Task A_malformed_query_gives_results_or_an_error_message_but_never_an_exception(string text)
    {
        using var index = await Index.WithAsync(
            Index.Doc("a", "Police reform", "Police work in the title: police."),
            Index.Doc("b", "Border management"));

        var results = await index.SearchAsync(text);

        Assert.True(results.Error is null || (results.Total == 0 && results.Hits.Count == 0), results.Error);
    }

    [Fact]
    public async Task Random_strings_of_query_syntax_never_throw()
    {
        using var index = await Index.WithAsync(Index.Doc("a", "Police reform", "MC.DEC/3/05 and police work."));
        var random = new Random(20121126);
        const string alphabet = "ab polic*\"'():^~[]{}!+-&|/\\.?*ОПРёé MC.DEC/39 ANDORNOT\t";

        for (var i = 0; i < 300; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var results = await index.SearchAsync(text);
            Assert.True(results.Error is null || results.Total == 0, text);
        }
    }

    [Theory]
    [InlineData("AND OR")]
    [InlineData(":")]
    [InlineData("\"\"")]
    [InlineData("&& ||")]
    public async Task A_query_without_searchable_words_gives_an_empty_result_with_an_error(string text)
    {
        using var index = await Index.WithAsync(Index.Doc("a", "Police reform"));

        var results = await index.SearchAsync(text);

        Assert.NotNull(results.Error);
        Assert.Equal(0, results.Total);
        Assert.Empty(results.Hits);
    }

    [Fact]
    public async Task A_very_long_query_is_cut_and_still_answered()
    {
        using var index = await Index.WithAsync(Index.Doc("a", "Police reform"));

        var results = await index.SearchAsync("police " + string.Concat(Enumerable.Repeat("reform ", 2000)));

        Assert.Null(results.Error);
        Assert.Equal(["a"], results.Ids());
    }

    [Fact]
    public async Task An_empty_query_or_a_star_lists_every_document()
    {
        using var index = await Index.WithAsync(Index.Doc("a", "Police reform"), Index.Doc("b", "Border management"));

        var empty = await index.SearchAsync("  ");
        var star = await index.SearchAsync("*");

        Assert.Equal(2, empty.Total);
        Assert.Equal(2, star.Total);
        Assert.Null(star.Error);
    }

    [Fact]
    public async Task Words_in_a_language_without_its_own_analyzer_are_found()
    {
        using var index = await Index.WithAsync(
            Index.Doc("sq", "Policimi në komunitet", "Udhëzues për policinë.", language: "sq"),
            Index.Doc("en", "Community policing"));

        var results = await index.SearchAsync("komunitet");

        var hit = Assert.Single(results.Hits);
        Assert.Equal("sq", hit.Id);
        Assert.Equal("sq", hit.Language);
    }
}
