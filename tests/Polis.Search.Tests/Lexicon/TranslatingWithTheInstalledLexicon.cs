using static Polis.Search.Tests.BuildingALexiconFromSmallDictionaries;

namespace Polis.Search.Tests;

// Expectations on the lexicon built from the real FreeDict and Ding dictionaries.
[Collection(InstalledLexiconTests.Name)]
public sealed class TranslatingWithTheInstalledLexicon(InstalledLexicon installed)
{
    private readonly Lexicon lexicon = installed.Lexicon;

    [Theory]
    [InlineData("ru", "обучение", "en", "training", "education")]
    [InlineData("fr", "frontière", "en", "border", "frontier")]
    [InlineData("de", "Ausbildung", "en", "training", "education")]
    [InlineData("en", "police", "ru", "полиция", "полиция")]
    [InlineData("es", "policía", "en", "police", "police")]
    [InlineData("ru", "взятка", "en", "bribe", "bribe")]
    [InlineData("en", "smuggling", "de", "Schmuggel", "Schmuggel")]
    public void A_common_word_gets_its_usual_translation(string from, string word, string to, string expected, string orExpected)
    {
        var targets = AllTargets(from, word, to);

        Assert.True(targets.Contains(expected) || targets.Contains(orExpected), $"{from} {word} → {to}: {string.Join(", ", targets)}");
    }

    [Fact]
    public void Spanish_and_Russian_meet_only_through_pivots()
    {
        var toRussian = Translate(lexicon, "es", "frontera").Where(m => m.TargetLanguage == "ru").ToList();
        var toSpanish = Translate(lexicon, "ru", "граница").Where(m => m.TargetLanguage == "es").ToList();

        Assert.Contains("граница", Assert.Single(toRussian, m => m.Source == TranslationSource.Pivot).Targets);
        Assert.Contains("frontera", Assert.Single(toSpanish, m => m.Source == TranslationSource.Pivot).Targets);
        Assert.DoesNotContain(toRussian.Concat(toSpanish), m => m.Source == TranslationSource.Dictionary);
        Assert.All(toRussian.Concat(toSpanish), m => Assert.All(m.Weights!, w => Assert.True(w <= LexiconTable.PivotFactor)));
        Assert.Equal(0, installed.Info.Pairs.Single(p => p.SourceLanguage == "es" && p.TargetLanguage == "ru").DirectTranslations);
    }

    [Fact]
    public void A_two_word_headword_is_matched_before_its_words()
    {
        var matches = Translate(lexicon, "en", "border guard training");

        Assert.Equal([(0, 2), (2, 1)], matches.Where(m => m.TargetLanguage == "de").Select(m => (m.FirstStem, m.StemCount)).Distinct());
        Assert.Contains("Grenzschutz", matches.Where(m => m.FirstStem == 0 && m.TargetLanguage == "de").SelectMany(m => m.Targets));
    }

    [Fact]
    public void A_multi_word_headword_with_targets_in_one_language_leaves_its_words_to_the_other_languages()
    {
        var matches = Translate(lexicon, "en", "files and folders");

        var german = matches.Where(m => m.TargetLanguage == "de").Select(m => (m.FirstStem, m.StemCount)).Distinct().ToList();
        var russian = matches.Where(m => m.TargetLanguage == "ru").ToList();
        Assert.Contains((0, 2), german);   // "files and folders" is one German entry
        Assert.NotEmpty(russian);          // no Russian entry for the phrase: its words are translated one by one
        Assert.All(russian, m => Assert.Equal(1, m.StemCount));
    }

    [Theory]
    [InlineData("en", "set")]
    [InlineData("en", "run")]
    [InlineData("de", "Zug")]
    public void A_word_with_very_many_senses_keeps_eight_translations_per_language(string language, string word)
    {
        var matches = Translate(lexicon, language, word);

        var perLanguage = matches.GroupBy(m => m.TargetLanguage).Select(g => g.Sum(m => m.Targets.Count)).ToList();
        Assert.All(perLanguage, count => Assert.InRange(count, 1, LexiconBuilder.MaxTargets));
        Assert.Contains(LexiconBuilder.MaxTargets, perLanguage);
    }

    [Fact]
    public void Weights_are_normalised_per_headword_and_language_with_the_best_direct_translation_at_one()
    {
        foreach (var (language, word) in new[] { ("en", "police"), ("de", "Grenze"), ("fr", "frontière"), ("ru", "граница") })
        {
            foreach (var group in Translate(lexicon, language, word).GroupBy(m => m.TargetLanguage))
            {
                var weights = group.SelectMany(m => m.Weights!).ToList();
                Assert.All(weights, w => Assert.InRange(w, 0.001f, 1f));
                Assert.Equal(group.Any(m => m.Source == TranslationSource.Dictionary) ? 1f : LexiconTable.PivotFactor, weights.Max(), 2);
            }
        }
    }

    [Fact]
    public void The_lexicon_describes_its_sources_pairs_and_file()
    {
        var info = lexicon.Info;

        Assert.Contains(info.Sources, s => s.Name == "freedict-eng-rus" && s.Licence == "GPL-2.0-or-later" && s.Pairs > 1000);
        Assert.Contains(info.Sources, s => s.Name == "trans-de-en" && s.Licence == "GPL-2.0-or-later" && s.Headwords > 100_000);
        Assert.Contains(info.Sources, s => s.Name == "freedict-deu-rus" && s.Licence == "CC-BY-SA-3.0");
        Assert.Contains(info.Skipped, s => s.Name == "freedict-deu-eng");   // the Ding data, read from trans-de-en
        Assert.Equal(20, info.Pairs.Count);
        Assert.All(info.Pairs, p => Assert.True(p.Headwords > 1000, $"{p.SourceLanguage}→{p.TargetLanguage}: {p.Headwords}"));
        Assert.Equal(installed.Info.Sha256, info.Sha256);
        Assert.Equal(new FileInfo(installed.Path).Length, info.FileBytes);
    }

    [Fact]
    public void Building_again_from_the_same_dictionaries_gives_the_same_bytes()
    {
        using var folder = new TempFolder();

        var again = LexiconBuilder.Build(new LexiconBuildOptions(folder.File(Lexicon.FileName)), null, Index.Ct);

        Assert.Equal(installed.Info.Sha256, again.Sha256);
        Assert.Equal(File.ReadAllBytes(installed.Path), File.ReadAllBytes(folder.File(Lexicon.FileName)));
    }

    private List<string> AllTargets(string from, string word, string to) =>
        [.. Translate(lexicon, from, word).Where(m => m.TargetLanguage == to).SelectMany(m => m.Targets)];
}
