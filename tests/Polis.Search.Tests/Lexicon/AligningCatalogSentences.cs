namespace Polis.Search.Tests;

// Word translations learnt from the software catalogs' longer messages (CatalogAlignment): which pairs become
// translations, which do not, where they are stored, and that a search finds a page through one and says so. The
// catalogs are written by the tests (MoFiles): three packages ("alpha", "beta", "gamma") translate the same four-word
// messages built from eight word pairs, each with the English "currently", which the Russian leaves out; "alpha"
// alone also has messages with "toolbar" → "панель".
public sealed class AligningCatalogSentences : IDisposable
{
    private static readonly (string English, string Russian)[] Words =
    [
        ("drag", "перетаскивание"), ("window", "окно"), ("file", "файл"), ("folder", "папка"),
        ("printer", "принтер"), ("column", "столбец"), ("image", "изображение"), ("border", "рамка"),
    ];

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_word_pair_aligned_in_several_packages_becomes_a_software_translation_both_ways()
    {
        var lexicon = Build("aligned");

        var drag = Assert.Single(lexicon.Translate("en", Stems("en", "drag")), m => m.TargetLanguage == "ru");
        Assert.Equal(TranslationSource.Software, drag.Source);
        Assert.Equal(["перетаскивание"], drag.Targets);
        var back = Assert.Single(lexicon.Translate("ru", Stems("ru", "перетаскивание")), m => m.TargetLanguage == "en");
        Assert.Equal(TranslationSource.Software, back.Source);
        Assert.Equal(["drag"], back.Targets);
        foreach (var (english, russian) in Words.Where(w => w.English != "border"))
        {
            Assert.Equal([russian], lexicon.Translate("en", Stems("en", english)).Where(m => m.TargetLanguage == "ru").SelectMany(m => m.Targets));
        }
        var source = Assert.Single(lexicon.Info.Sources, s => s.Name == SoftwareCatalogs.AlignedName);
        Assert.Equal((3 * 56) + 28, source.Headwords);   // the longer message pairs read
        Assert.Equal(Words.Length, source.Pairs);
    }

    [Fact]
    public void A_pair_one_package_alone_aligns_is_not_a_translation()
    {
        var lexicon = Build("aligned");

        Assert.DoesNotContain(lexicon.Translate("en", Stems("en", "toolbar")), m => m.TargetLanguage == "ru");
        Assert.DoesNotContain(lexicon.Translate("ru", Stems("ru", "панель")), m => m.TargetLanguage == "en");
        var once = Build("once", minPackages: 1);
        Assert.Equal(["панель"], once.Translate("en", Stems("en", "toolbar")).Where(m => m.TargetLanguage == "ru").SelectMany(m => m.Targets));
    }

    [Fact]
    public void A_stem_in_every_message_is_not_paired_with_the_words_beside_it()
    {
        var lexicon = Build("aligned");

        Assert.DoesNotContain(lexicon.Translate("en", Stems("en", "currently")), m => m.TargetLanguage == "ru");
        foreach (var (_, russian) in Words)
        {
            Assert.DoesNotContain("currently", lexicon.Translate("ru", Stems("ru", russian)).SelectMany(m => m.Targets));
        }
    }

    [Fact]
    public void An_aligned_sense_comes_after_the_dictionarys_and_leaves_its_weight_alone()
    {
        var plain = Lexicon.Open(BuildPlain());
        var lexicon = Build("aligned");

        var before = plain.Translate("en", Stems("en", "border")).Where(m => m.TargetLanguage == "ru").ToList();
        var after = lexicon.Translate("en", Stems("en", "border")).Where(m => m.TargetLanguage == "ru").ToList();
        var dictionary = after.FindIndex(m => m.Source == TranslationSource.Dictionary);
        var software = after.FindIndex(m => m.Source == TranslationSource.Software);
        Assert.True(dictionary >= 0 && software > dictionary, string.Join(", ", after.Select(m => m.Source)));
        Assert.Equal(before.Single(m => m.Source == TranslationSource.Dictionary).Targets, after[dictionary].Targets);   // граница
        Assert.Equal(before.Single(m => m.Source == TranslationSource.Dictionary).Weights, after[dictionary].Weights);
        Assert.Equal(["рамка"], after[software].Targets);
        Assert.True(after[software].Weights![0] <= LexiconTable.AlignedFactor);
    }

    [Fact]
    public async Task An_English_word_finds_the_Russian_page_through_an_aligned_word_and_the_explanation_names_the_resource()
    {
        var lexicon = Build("aligned");
        var plain = Lexicon.Open(BuildPlain());
        using var index = LuceneSearchIndex.InMemory(new QueryTranslator(GlossaryTranslator.Default, () => lexicon, TranslationResources.All));
        using var without = LuceneSearchIndex.InMemory(new QueryTranslator(GlossaryTranslator.Default, () => plain, TranslationResources.All));
        var page = Index.Doc("ru-drag", "Перетаскивание объектов", "Перетаскивание работает с любым объектом на экране.", language: "ru");
        await index.IndexAsync([page], Index.Ct);
        await without.IndexAsync([page], Index.Ct);

        var found = await index.SearchAsync(new SearchQuery("drag") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);
        var notFound = await without.SearchAsync(new SearchQuery("drag") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal(["ru-drag"], found.Ids());
        Assert.Empty(notFound.Ids());
        var explained = Assert.Single(found.Translations, t => t.TargetLanguage == "ru" && t.Resource == TranslationSource.Software);
        Assert.Equal("drag", explained.Source);
        Assert.Equal(["перетаскивание"], explained.Targets);
    }

    [Fact]
    public void Building_again_gives_the_same_bytes_and_without_alignment_no_aligned_word()
    {
        Build("first");
        Build("second");
        var off = Build("off", minPackages: 0);

        Assert.Equal(File.ReadAllBytes(Path.Combine(folder.File("first"), Lexicon.FileName)), File.ReadAllBytes(Path.Combine(folder.File("second"), Lexicon.FileName)));
        Assert.DoesNotContain(off.Translate("en", Stems("en", "drag")), m => m.TargetLanguage == "ru");
        Assert.DoesNotContain(off.Info.Sources, s => s.Name == SoftwareCatalogs.AlignedName);
    }

    [Theory]
    [InlineData("Could not open %s: %d errors", "Could not open : errors")]
    [InlineData("Move <b>{0}</b> to the _Trash", "Move to the Trash")]
    [InlineData("See https://example.org/help or /usr/share/doc", "See or")]
    [InlineData("Save the\ncurrent &file", "Save the current file")]
    [InlineData("%1$s", null)]
    public void Longer_messages_are_cleaned_to_their_words(string message, string? words) =>
        Assert.Equal(words, SoftwareCatalogs.CleanSentence(message));

    private static string[] Stems(string language, string text) => BuildingALexiconFromSmallDictionaries.Stems(language, text);

    private string BuildPlain()
    {
        var path = folder.File("plain.lex");
        if (!File.Exists(path))
        {
            LexiconBuilder.Build(LexiconFiles.WriteSmallSet(Directory.CreateDirectory(folder.File("plain")).FullName, path), null, Index.Ct);
        }
        return path;
    }

    // The small dictionaries and the three packages' Russian catalogs: every three of the eight word pairs with
    // "currently" (56 messages each), and in "alpha" every two with "toolbar" (28 more).
    private Lexicon Build(string name, int minPackages = 2)
    {
        var dictionaries = Directory.CreateDirectory(folder.File("dictionaries")).FullName;
        var locale = folder.File("locale");
        var messages = Path.Combine(locale, "ru", "LC_MESSAGES");
        if (!Directory.Exists(messages))
        {
            Directory.CreateDirectory(messages);
            var triples = (from a in Enumerable.Range(0, Words.Length)
                           from b in Enumerable.Range(a + 1, Words.Length - a - 1)
                           from c in Enumerable.Range(b + 1, Words.Length - b - 1)
                           select new[] { Words[a], Words[b], Words[c] }).ToList();
            var shared = triples.Select(t => (
                $"{t[0].English} {t[1].English} currently {t[2].English}",
                $"{t[0].Russian} {t[1].Russian} {t[2].Russian}")).ToArray();
            var toolbar = (from a in Enumerable.Range(0, Words.Length)
                           from b in Enumerable.Range(a + 1, Words.Length - a - 1)
                           select ($"toolbar {Words[a].English} {Words[b].English} currently", $"панель {Words[a].Russian} {Words[b].Russian}")).ToArray();
            MoFiles.Write(Path.Combine(messages, "alpha.mo"), [.. shared, .. toolbar]);
            MoFiles.Write(Path.Combine(messages, "beta.mo"), shared);
            MoFiles.Write(Path.Combine(messages, "gamma.mo"), shared);
        }
        var output = Path.Combine(Directory.CreateDirectory(folder.File(name)).FullName, Lexicon.FileName);
        var options = LexiconFiles.WriteSmallSet(dictionaries, output) with { CatalogFolders = [locale], CatalogAlignMinPackages = minPackages };
        LexiconBuilder.Build(options, null, Index.Ct);
        return Lexicon.Open(options.OutputPath);
    }
}
