namespace Polis.Search.Tests;

// Builds from a handful of dictionaries written by the test (LexiconFiles.WriteSmallSet), so every weight can be known.
public sealed class BuildingALexiconFromSmallDictionaries : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_direct_translation_is_read_in_both_directions_with_the_dictionarys_order()
    {
        var lexicon = Build();

        var english = Targets(lexicon, "ru", "полиция", "en");
        var russian = Targets(lexicon, "en", "police", "ru");

        Assert.Equal(TranslationSource.Dictionary, english.Source);
        Assert.Equal("police", english.Targets[0]);
        Assert.Equal(["полиция", "милиция"], russian.Targets);
        Assert.Equal(1f, russian.Weights![0]);
        Assert.True(russian.Weights[1] < 1f);
    }

    [Fact]
    public void Russian_to_Spanish_comes_only_through_pivots_with_half_the_weight()
    {
        var lexicon = Build();

        var matches = Translate(lexicon, "ru", "граница").Where(m => m.TargetLanguage == "es").ToList();

        var pivot = Assert.Single(matches);
        Assert.Equal(TranslationSource.Pivot, pivot.Source);
        Assert.Equal("frontera", pivot.Targets[0]);   // via German Grenze and Polish granica, which agree
        Assert.Equal(LexiconTable.PivotFactor, pivot.Weights![0], 2);
        Assert.Contains("límite", pivot.Targets);
    }

    [Fact]
    public void A_translation_given_directly_and_through_a_pivot_is_a_dictionary_translation()
    {
        var lexicon = Build();

        var matches = Translate(lexicon, "en", "border").Where(m => m.TargetLanguage == "ru").ToList();

        var direct = Assert.Single(matches, m => m.Source == TranslationSource.Dictionary);
        Assert.Equal("граница", direct.Targets[0]);   // eng-rus, and Ding border → Grenze → deu-rus граница
        Assert.DoesNotContain(matches, m => m.Source == TranslationSource.Pivot && m.Targets.Contains("граница"));
    }

    [Fact]
    public void The_longest_headword_wins_and_covers_its_stems()
    {
        var lexicon = Build();

        var matches = Translate(lexicon, "en", "border guard training");

        Assert.Equal([(0, 2), (2, 1)], matches.Where(m => m.TargetLanguage == "ru").Select(m => (m.FirstStem, m.StemCount)).Distinct());
        Assert.Equal("пограничник", matches.First(m => m.FirstStem == 0 && m.TargetLanguage == "ru").Targets[0]);
        Assert.Equal("обучение", matches.First(m => m.FirstStem == 2 && m.TargetLanguage == "ru").Targets[0]);
    }

    [Fact]
    public void Targets_come_with_their_stems_and_descending_weights()
    {
        var lexicon = Build();

        foreach (var match in Translate(lexicon, "de", "Grenze Polizei Ausbildung"))
        {
            Assert.Equal(match.Targets.Count, match.Weights!.Count);
            Assert.Equal(match.Targets.Count, match.TargetStems!.Count);
            Assert.All(match.Weights, w => Assert.InRange(w, 0.001f, 1f));
            Assert.Equal(match.Weights.OrderByDescending(w => w), match.Weights);
            for (var i = 0; i < match.Targets.Count; i++)
            {
                Assert.Equal(Stems(match.TargetLanguage, match.Targets[i]), match.TargetStems[i]);
            }
        }
    }

    [Fact]
    public void A_word_with_many_translations_keeps_the_best_eight_per_language()
    {
        var lexicon = Build();

        var german = Translate(lexicon, "en", "set").Where(m => m.TargetLanguage == "de").SelectMany(m => m.Targets).ToList();
        var russian = Translate(lexicon, "en", "set").Where(m => m.TargetLanguage == "ru").SelectMany(m => m.Targets).ToList();

        Assert.Equal(LexiconBuilder.MaxTargets, german.Count);   // Ding gives ten
        Assert.Equal(LexiconBuilder.MaxTargets, russian.Count);  // eng-rus gives twelve, and pivots more
        Assert.Equal("Satz", german[0]);
    }

    [Fact]
    public void The_lexicon_says_what_it_was_built_from()
    {
        var info = Build().Info;

        Assert.Equal(["freedict-deu-rus", "freedict-deu-spa", "freedict-eng-rus", "freedict-pol-rus", "freedict-pol-spa", "trans-de-en"],
            info.Sources.Select(s => s.Name));
        Assert.Equal("GPL-2.0-or-later", info.Sources.Single(s => s.Name == "freedict-eng-rus").Licence);
        Assert.Equal("CC-BY-SA-3.0", info.Sources.Single(s => s.Name == "freedict-deu-rus").Licence);
        Assert.Equal(5, info.Sources.Single(s => s.Name == "freedict-eng-rus").Headwords);
        Assert.Contains(info.Skipped, s => s.Name == "freedict-fra-eng" && s.Reason.Contains("not installed", StringComparison.Ordinal));
        Assert.Equal(20, info.Pairs.Count);
        var russianSpanish = info.Pairs.Single(p => p.SourceLanguage == "ru" && p.TargetLanguage == "es");
        Assert.Equal(0, russianSpanish.DirectTranslations);
        Assert.True(russianSpanish.PivotTranslations > 0);
        Assert.Equal(new FileInfo(folder.File(Lexicon.FileName)).Length, info.FileBytes);
        Assert.Equal(64, info.Sha256.Length);
    }

    [Fact]
    public void Muellers_senses_come_after_the_other_dictionaries_and_where_only_pivots_would_be()
    {
        var options = LexiconFiles.WriteSmallSet(folder.Path, folder.File(Lexicon.FileName));
        LexiconFiles.WriteDictd(folder.Path, "mueller7", "Mueller English-Russian Dictionary",
            "border\n   [ˈbɔːdə] _n.\n   1) край, кайма; border state пограничное государство\n   2) граница\n",
            "limit\n   [ˈlɪmɪt] _n.\n   1) предел, граница\n   2) _разг. нечто невыносимое\n",
            "cop\n   [kɒp] _n. _жарг.\n   1) полицейский\n");
        var info = LexiconBuilder.Build(options, null, Index.Ct);
        var lexicon = Lexicon.Open(options.OutputPath);

        var mueller = info.Sources.Single(s => s.Name == "mueller7");
        Assert.Equal((3, "GPL-2.0-or-later"), (mueller.Headwords, mueller.Licence));
        // eng-rus's граница keeps its place and full weight; Müller's other senses come as a secondary dictionary match
        var border = Translate(lexicon, "en", "border").Where(m => m.TargetLanguage == "ru").ToList();
        var main = Assert.Single(border, m => m.Source == TranslationSource.Dictionary && !m.Secondary);
        Assert.Equal(["граница"], main.Targets);
        Assert.Equal(1f, main.Weights![0]);
        var secondary = Assert.Single(border, m => m.Secondary);
        Assert.Equal(TranslationSource.Dictionary, secondary.Source);
        Assert.Equal(["край", "кайма"], secondary.Targets);
        // a word no other dictionary translates into English gets Müller's senses, read backwards
        var edge = Assert.Single(Translate(lexicon, "ru", "край"), m => m.TargetLanguage == "en");
        Assert.Equal((TranslationSource.Dictionary, true, "border"), (edge.Source, edge.Secondary, edge.Targets[0]));
        // граница → border (eng-rus, and Ding through German) stays a main dictionary sense; Müller adds limit
        var english = Translate(lexicon, "ru", "граница").Where(m => m.TargetLanguage == "en").ToList();
        Assert.Equal("border", english.Single(m => m.Source == TranslationSource.Dictionary && !m.Secondary).Targets[0]);
        Assert.Contains("limit", english.Single(m => m.Secondary).Targets);
        // slang is left out: "полицейский" is not a translation of "cop"
        Assert.DoesNotContain(Translate(lexicon, "ru", "полицейский"), m => m.Targets.Contains("cop"));
    }

    [Fact]
    public void Building_twice_gives_the_same_bytes_and_leaves_no_temporary_file()
    {
        var options = LexiconFiles.WriteSmallSet(folder.Path, folder.File("first.bin"));

        var first = LexiconBuilder.Build(options, null, Index.Ct);
        var second = LexiconBuilder.Build(options with { OutputPath = folder.File("second.bin") }, null, Index.Ct);

        Assert.Equal(File.ReadAllBytes(folder.File("first.bin")), File.ReadAllBytes(folder.File("second.bin")));
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void Building_over_an_existing_lexicon_replaces_it()
    {
        var options = LexiconFiles.WriteSmallSet(folder.Path, folder.File(Lexicon.FileName));
        File.WriteAllText(options.OutputPath, "an old lexicon");

        var info = LexiconBuilder.Build(options, null, Index.Ct);

        Assert.Equal(info.Sha256, Lexicon.Open(options.OutputPath).Info.Sha256);
    }

    [Fact]
    public void Missing_dictionaries_are_reported_and_the_build_goes_on()
    {
        var options = LexiconFiles.WriteSmallSet(folder.Path, folder.File(Lexicon.FileName)) with { DingFile = folder.File("no-such-file") };
        var reports = new List<string>();

        var info = LexiconBuilder.Build(options, new Reporter(reports), Index.Ct);

        Assert.DoesNotContain(info.Sources, s => s.Name == "trans-de-en");
        Assert.Contains(info.Skipped, s => s.Name == "trans-de-en");
        Assert.Contains(reports, r => r.StartsWith("trans-de-en: skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_any_dictionary_the_build_fails_and_says_what_to_install()
    {
        var empty = Directory.CreateDirectory(folder.File("empty")).FullName;

        var e = Assert.Throws<LexiconException>(() => LexiconBuilder.Build(
            new LexiconBuildOptions(folder.File(Lexicon.FileName)) { DictdFolder = empty, DingFile = folder.File("no-ding") }, null, Index.Ct));

        Assert.Contains(empty, e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File(Lexicon.FileName)));
    }

    private Lexicon Build()
    {
        var options = LexiconFiles.WriteSmallSet(folder.Path, folder.File(Lexicon.FileName));
        LexiconBuilder.Build(options, null, Index.Ct);
        return Lexicon.Open(options.OutputPath);
    }

    internal static IReadOnlyList<TermMatch> Translate(Lexicon lexicon, string language, string text) =>
        lexicon.Translate(language, Stems(language, text));

    internal static TermMatch Targets(Lexicon lexicon, string language, string text, string target) =>
        Translate(lexicon, language, text).First(m => m.TargetLanguage == target);

    internal static string[] Stems(string language, string text) =>
        [.. LanguageAnalyzers.Analyze(LanguageAnalyzers.Shared.For(language), IndexFields.For(language).Body, text).Select(t => t.Term)];

    private sealed class Reporter(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
