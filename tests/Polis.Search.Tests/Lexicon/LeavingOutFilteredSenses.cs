namespace Polis.Search.Tests;

// Senses labelled vulgar, slang, pejorative or obsolete never reach the lexicon: a query is never translated with one,
// and the explanation never shows one, even when every sense of the word is filtered.
public sealed class LeavingOutFilteredSenses : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_word_whose_every_sense_is_filtered_is_answered_and_explained_without_them()
    {
        var lexicon = Build();
        using var index = LuceneSearchIndex.InMemory(new QueryTranslator(GlossaryTranslator.Default, () => lexicon, TranslationResources.All));
        await index.IndexAsync(
        [
            Index.Doc("en-pig", "Pig farming", "Pigs and cops."),
            Index.Doc("en-hide", "Where to hide evidence", "To hide something."),
        ], Index.Ct);

        var filtered = await index.SearchAsync(new SearchQuery("Bulle") { Access = SearchAccess.Everything, UiLanguage = "de" }, Index.Ct);
        var mixed = await index.SearchAsync(new SearchQuery("verstecken") { Access = SearchAccess.Everything, UiLanguage = "de" }, Index.Ct);

        Assert.Null(filtered.Error);
        Assert.Empty(filtered.Hits);
        Assert.DoesNotContain(filtered.Translations.SelectMany(t => t.Targets), t => t.Contains("pig", StringComparison.Ordinal) || t.Contains("cop", StringComparison.Ordinal));
        Assert.Equal(["en-hide"], mixed.Ids());
        var shown = mixed.Translations.SelectMany(t => t.Targets).ToList();
        Assert.Contains("to hide", shown);
        Assert.DoesNotContain(shown, t => t.Contains("stash", StringComparison.Ordinal) || t.Contains("arse", StringComparison.Ordinal));
    }

    private Lexicon Build()
    {
        var options = LexiconFiles.WriteSmallSet(folder.Path, folder.File(Lexicon.FileName));
        File.AppendAllText(options.DingFile, """

            Bulle {m} [pej.] :: pig [slang]; cop [slang]
            verstecken :: to hide; to stash [slang]; to shove up one's arse [vulg.]
            """);
        LexiconBuilder.Build(options, null, Index.Ct);
        return Lexicon.Open(options.OutputPath);
    }
}
