namespace Polis.Search.Tests;

public sealed class BuildingSnippets
{
    private const string Opening =
        "The Strategic Police Matters Unit supports participating States in many areas of police development. " +
        "Its work covers community policing, police education and training, and the fight against organized crime. ";

    private const string Middle =
        "In 2011 the Unit published a guidebook on Trafficking in human beings for front-line officers, " +
        "with indicators that help to identify potential victims early. ";

    private const string Closing =
        "Further chapters describe co-operation with prosecutors, social services and non-governmental organizations, " +
        "and the support that the field operations offer to national police academies across the region.";

    [Fact]
    public async Task The_snippet_highlights_the_matched_word_as_written_in_the_text()
    {
        using var index = await Index.WithAsync(Index.Doc("g", "Annual report", Opening + Middle + Closing));

        var results = await index.SearchAsync("trafficking victims");

        var snippet = Assert.Single(results.Hits).Snippet;
        var highlighted = snippet.Where(p => p.Highlighted).Select(p => p.Text).ToList();
        Assert.Contains("Trafficking", highlighted);
        Assert.Contains("victims", highlighted);
        Assert.Contains(snippet, p => !p.Highlighted);
        var text = string.Concat(snippet.Select(p => p.Text));
        Assert.StartsWith("…", text, StringComparison.Ordinal);
        Assert.InRange(text.Length, 100, SnippetLimit);
    }

    [Fact]
    public async Task A_match_deep_in_a_long_body_is_found_and_shown()
    {
        var filler = string.Concat(Enumerable.Repeat("The mission held a meeting with the ministry and local partners. ", 200));
        using var index = await Index.WithAsync(Index.Doc("l", "Annual report", filler + Middle + filler));

        var results = await index.SearchAsync("trafficking");

        var highlighted = Assert.Single(results.Hits).Snippet.Where(p => p.Highlighted).Select(p => p.Text);
        Assert.Equal(["Trafficking"], highlighted);
    }

    [Theory]
    [InlineData("fr", "Rapport", "La mission a tenu une réunion. La sécurité des États participants reste une priorité.", "securite", "sécurité")]
    [InlineData("es", "Informe", "La misión celebró una reunión. La policía nacional presentó su informe.", "policia", "policía")]
    [InlineData("de", "Bericht", "Die Mission traf das Ministerium. Die Aerzte und die Polizei arbeiten zusammen.", "Ärzte", "Aerzte")]
    public async Task Snippets_find_words_written_with_other_accents_or_spellings(string language, string title, string body, string query, string written)
    {
        using var index = await Index.WithAsync(Index.Doc("a", title, body, language: language));

        var results = await index.SearchAsync(new SearchQuery(query) { Access = SearchAccess.Everything, UiLanguage = language }, Index.Ct);

        var highlighted = Assert.Single(results.Hits).Snippet.Where(p => p.Highlighted).Select(p => p.Text);
        Assert.Equal([written], highlighted);
    }

    [Fact]
    public async Task A_Russian_snippet_highlights_the_inflected_form_in_the_text()
    {
        using var index = await Index.WithAsync(Index.Doc("r", "Доклад", "Миссия провела семинар. Торговля людьми остаётся угрозой для региона.", language: "ru"));

        var results = await index.SearchAsync("торговли людьми");

        var highlighted = Assert.Single(results.Hits).Snippet.Where(p => p.Highlighted).Select(p => p.Text);
        Assert.Equal(["Торговля", "людьми"], highlighted);
    }

    [Fact]
    public async Task A_title_only_match_shows_the_summary_without_highlights()
    {
        using var index = await Index.WithAsync(Index.Doc("t", "Cybercrime handbook", Opening, summary: "A handbook for investigators."));

        var results = await index.SearchAsync("cybercrime");

        var snippet = Assert.Single(results.Hits).Snippet;
        Assert.Equal([new SnippetPart("A handbook for investigators.", false)], snippet);
    }

    [Fact]
    public async Task A_prefix_query_highlights_the_words_it_matched()
    {
        using var index = await Index.WithAsync(Index.Doc("p", "Report", "Community policing needs trust. Police officers patrol on foot."));

        var results = await index.SearchAsync("polic*");

        var highlighted = Assert.Single(results.Hits).Snippet.Where(p => p.Highlighted).Select(p => p.Text);
        Assert.Equal(["policing", "Police"], highlighted);
    }

    [Fact]
    public async Task The_snippet_comes_from_the_edition_in_the_query_language()
    {
        var document = new SearchDocument("both", "library", null,
            [
                new SearchText("en", "Trafficking in human beings", null, "A guide on trafficking in human beings."),
                new SearchText("ru", "Торговля людьми", null, "Руководство о торговле людьми."),
            ],
            null, new Dictionary<string, IReadOnlyList<string>>(), Index.PublicKeys);
        using var index = await Index.WithAsync(document);

        var russian = await index.SearchAsync("торговля людьми");
        var english = await index.SearchAsync("trafficking");

        Assert.Equal(("Торговля людьми", "ru"), (russian.Hits[0].Title, russian.Hits[0].Language));
        Assert.Equal(("Trafficking in human beings", "en"), (english.Hits[0].Title, english.Hits[0].Language));
    }

    // Issue 21: a hit reads only the head of each stored body (IndexFields.StoredHeadLength characters) and the rest
    // only when the head cannot decide its snippet. Whatever the match's place (before, across and past the head's end,
    // past the stored 20,000 characters, none at all), the snippet is the one the whole stored body gives, as read from
    // an index written before the split (which every existing index is until it is rebuilt, and which still reads).
    [Theory]
    [InlineData(0)]
    [InlineData(700)]
    [InlineData(1_000)]
    [InlineData(1_300)]
    [InlineData(1_700)]
    [InlineData(1_950)]
    [InlineData(1_990)]
    [InlineData(2_050)]
    [InlineData(2_600)]
    [InlineData(12_000)]
    [InlineData(25_000)]
    public async Task The_snippet_read_from_the_head_is_the_one_of_the_whole_stored_body(int matchAt)
    {
        var filler = "The mission held a meeting with the ministry and local partners in the capital. ";
        var before = string.Concat(Enumerable.Repeat(filler, (matchAt / filler.Length) + 1))[..matchAt];
        var body = before + " " + Middle + "The victims were identified. " + string.Concat(Enumerable.Repeat(filler, 40));
        var documents = new[]
        {
            Index.Doc("one", "Annual report", body),
            Index.Doc("two", "Annual report", body, summary: "A short summary of the year."),
            // A long run without a space: the head is cut inside a word.
            Index.Doc("three", "Annual report", new string('x', 1_990) + "trafficking" + new string('y', 300) + " " + Middle + filler),
            Index.Doc("four", "Trafficking annual report", body.Replace("rafficking", "raffic", StringComparison.Ordinal).Replace("victims", "people", StringComparison.Ordinal)),
        };
        using var split = LuceneSearchIndex.InMemory();
        await split.IndexAsync(documents, legacyLayout: false, Index.Ct);
        using var legacy = LuceneSearchIndex.InMemory();
        await legacy.IndexAsync(documents, legacyLayout: true, Index.Ct);

        foreach (var query in new[] { "trafficking victims", "trafficking", "mission", "annual", "capital partners" })
        {
            var fromHeads = await split.SearchAsync(query);
            var fromWhole = await legacy.SearchAsync(query);

            Assert.Equal(fromWhole.Ids().Order(), fromHeads.Ids().Order());
            foreach (var hit in fromWhole.Hits)
            {
                var same = fromHeads.Hits.Single(h => h.Id == hit.Id);
                Assert.Equal(hit.Snippet, same.Snippet);
                Assert.Equal((hit.Title, hit.Language), (same.Title, same.Language));
            }
        }
    }

    // Window of 200 characters, stretched to whole words, plus the two ellipses.
    private const int SnippetLimit = 240;
}
