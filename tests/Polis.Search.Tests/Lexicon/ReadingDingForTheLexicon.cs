namespace Polis.Search.Tests;

public sealed class ReadingDingForTheLexicon
{
    [Fact]
    public void Alternatives_are_paired_in_order_and_synonyms_with_each_other()
    {
        var pairs = Read("Grenze {f}; Begrenzung {f} | Grenzen {pl}; Begrenzungen {pl} :: limit | limits");

        Assert.Equal(
        [
            ("Grenze", "limit", 0), ("Begrenzung", "limit", 1), ("Grenzen", "limits", 2), ("Begrenzungen", "limits", 3),
        ], pairs.Select(p => (p.Headword, p.Translation, p.Rank)));
        Assert.All(pairs, p => Assert.Equal(("de", "en"), (p.SourceLanguage, p.TargetLanguage)));
    }

    [Fact]
    public void Annotations_are_stripped_and_sentences_dropped()
    {
        var pairs = Read(
            "(fach- oder berufsbezogene) Ausbildung {f} [school] <Ausbldg.> | Es gibt keine Grenzen. :: training [Br.]; education (rubric) | The sky is the limit.",
            "jenseits {+Gen.}; über etw. hinaus :: beyond sth.");

        Assert.Equal([("Ausbildung", "training"), ("Ausbildung", "education"), ("jenseits", "beyond"), ("über hinaus", "beyond")],
            pairs.Select(p => (p.Headword, p.Translation)));
    }

    [Fact]
    public void Vulgar_slang_pejorative_and_obsolete_senses_are_left_out()
    {
        var pairs = Read(
            "verstecken; verbergen :: to hide; to stash [slang]; to shove up one's arse [vulg.]",
            "Bulle {m} [pej.] :: cop; pig [slang]",
            "Gendarm {m} [obs.]; Polizist {m} :: gendarme [obs.]; policeman");

        Assert.Equal(
            [("verstecken", "to hide"), ("verbergen", "to hide"), ("Polizist", "policeman")],
            pairs.Select(p => (p.Headword, p.Translation)));
    }

    [Theory]
    [InlineData("(slang) cop, pig", true)]
    [InlineData("2. [vulg.] something", true)]
    [InlineData("{obs.} gendarme", true)]
    [InlineData("[Br.] pavement", false)]
    [InlineData("(coll.) cop", false)]
    [InlineData("obscure [Am.]", false)]
    public void A_line_that_starts_with_a_filtered_label_is_a_filtered_sense(string line, bool filtered)
    {
        Assert.Equal(filtered, DictionaryText.StartsWithFilteredLabel(line));
    }

    [Fact]
    public void When_the_sides_have_different_numbers_of_alternatives_only_the_first_pair_is_trusted()
    {
        var pairs = Read("Arzt {m} | Ärzte {pl} | ein guter Arzt :: doctor | doctors");

        Assert.Equal([("Arzt", "doctor")], pairs.Select(p => (p.Headword, p.Translation)));
    }

    [Fact]
    public void Comments_and_lines_without_a_separator_are_not_entries()
    {
        var pairs = Read("# Version :: devel 2023-01-30", "# License :: GPL Version 2 or later", "", "kein Eintrag", "Aal {m} :: eel");

        var pair = Assert.Single(pairs);
        Assert.Equal(("Aal", "eel", 0), (pair.Headword, pair.Translation, pair.Entry));
    }

    [Fact]
    public void Read_backwards_English_is_the_headword()
    {
        using var reader = new StringReader("Polizei {f}; Polizeibehörde {f} :: police");

        var pairs = DingReader.ReadPairs(reader, backwards: true).ToList();

        Assert.Equal([("en", "police", "de", "Polizei"), ("en", "police", "de", "Polizeibehörde")],
            pairs.Select(p => (p.SourceLanguage, p.Headword, p.TargetLanguage, p.Translation)));
    }

    private static List<DictionaryPair> Read(params string[] lines)
    {
        using var reader = new StringReader(string.Join('\n', lines));
        return [.. DingReader.ReadPairs(reader)];
    }
}
