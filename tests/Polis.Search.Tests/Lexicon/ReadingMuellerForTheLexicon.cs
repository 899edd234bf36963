namespace Polis.Search.Tests;

// Entries as mueller7-dict writes them (abridged from the package's own text, /usr/share/dictd/mueller7.dict.dz).
public sealed class ReadingMuellerForTheLexicon
{
    private const string Hard = """
        hard
           [hɑ:d]
           1. _a.
              1) твёрдый, жёсткий; hard apple жёсткое яблоко; hard collar крахмальный
              воротничок; hard food
                 а) зерновой корм;
                 б) грубая, невкусная пища
              2) крепкий, сильный; hard blow сильный удар
              3) трудный, тяжёлый; требующий напряжения; to learn smth. the hard way
              напряжённо учиться
           2. _adv.
              1) сильно, упорно
        """;

    private const string File = """
        file
           _I  [faɪl]
              1. _n.
                 1) _тех. напильник
                 2) пилочка (для ногтей)
                 5) _жарг. ловкач; close file скряга; old (или deep) file _груб.
                 продувная бестия, тёртый калач
              2. _v.
                 1) пилить, подпиливать
           _II [faɪl]
              1. _n.
                 1) скоросшиватель (для бумаг); шпилька (для накалывания бумаг)
                 2) подшитые бумаги, дело; досье
              2. _v.
                 3) _ам. представлять, подавать какой-л. документ; to file resignation
                 подать заявление об отставке
           _III[faɪl]
              1. _n. _воен.
                 1) ряд, шеренга; колонна (людей); a file of men два бойца
                 10)_тех. стол (станка)
        """;

    private const string Bitch = """
        bitch
           [bɪtʃ]
           1. _n.
              1) сука
              2) в названиях животных означает самку: bitch wolf волчица
              3) _груб. сука
           2. _v. _разг.
              1) жаловаться, скулить
              2) портить, пакостить
        """;

    // Markers start a line: "(= 5,029 м)" and "(to - к)" inside one are none, and the sub-senses after an example
    // ("up the pole а) …") are the example's.
    private const string Pole = """
        pole
           _I  [pɜʊl]
              1. _n.
                 1) столб, шест, жердь; кол, веха
                 4) мера длины (= 5,029 м); under bare poles _мор. без парусов; up the
                 pole _разг.
                    а) в затруднительном положении;
                    б) не в своём уме;
              2. _v.
                 1) подпирать шестами
           _II [pɜʊl] _n.
              1) полюс (to - к)
        """;

    private const string Fink = """
        fink
           [fɪŋk] _ам. _жарг.
           1. _n. штрейкбрехер
           2. _v.
              1) быть штрейкбрехером
        """;

    private const string Minute = """
        minute
           _I  [↗mɪnɪt]
              1. _n.
                 1) минута (тж. _астр. _мат. 1/60 часть градуса)
                 2) мгновение; момент; in a minute скоро
        """;

    private const string Receiver = """
        receiver
           [rɪ'si:vɘ] _n.
           1) получатель; тот, кто принимает
           2) _рад. приёмник
        """;

    [Fact]
    public void Equivalents_are_read_in_order_and_examples_with_their_senses_left_out()
    {
        var pairs = MuellerReader.ParseEntry(Hard);

        // "зерновой корм" and "грубая, невкусная пища" translate the example "hard food", not "hard"
        Assert.Equal(["твёрдый", "жёсткий", "крепкий", "сильный", "трудный", "тяжёлый", "требующий напряжения", "сильно", "упорно"],
            pairs.Select(p => p.Translation));
        Assert.All(pairs, p => Assert.Equal("hard", p.Headword));
        Assert.Equal(Enumerable.Range(0, pairs.Count), pairs.Select(p => p.Rank));
    }

    [Fact]
    public void Homonyms_parts_of_speech_and_glued_markers_are_senses_of_one_headword()
    {
        var translations = MuellerReader.ParseEntry(File).Select(p => p.Translation).ToList();

        Assert.Equal(["напильник", "пилочка", "пилить", "подпиливать", "скоросшиватель", "шпилька", "подшитые бумаги", "дело", "досье",
            "представлять", "подавать документ", "ряд", "шеренга", "колонна", "стол"], translations);
    }

    [Fact]
    public void Markers_start_a_line_and_notes_in_brackets_are_not_examples_or_labels()
    {
        Assert.Equal(["столб", "шест", "жердь", "кол", "веха", "мера длины", "подпирать шестами", "полюс"],
            MuellerReader.ParseEntry(Pole).Select(p => p.Translation));
        Assert.Equal(["минута", "мгновение", "момент"], MuellerReader.ParseEntry(Minute).Select(p => p.Translation));
    }

    [Fact]
    public void Explanations_are_not_equivalents()
    {
        Assert.Equal(["получатель", "приёмник"], MuellerReader.ParseEntry(Receiver).Select(p => p.Translation));
    }

    [Fact]
    public void Vulgar_slang_and_colloquial_senses_are_left_out_with_everything_their_label_governs()
    {
        var translations = MuellerReader.ParseEntry(Bitch).Select(p => p.Translation).ToList();

        // "_груб." leaves out its sense, "_разг." on the verb every sense of the verb (read backwards, "bitch" must
        // never become the translation of жаловаться), a label on the headword's line the whole entry
        Assert.Equal(["сука"], translations);
        Assert.Empty(MuellerReader.ParseEntry(Fink));
        Assert.DoesNotContain(MuellerReader.ParseEntry(File), p => p.Translation.Contains("ловкач", StringComparison.Ordinal) || p.Translation.Contains("бестия", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("_a.\n   adjective имя прилагательное\n")]
    [InlineData("00-database-short\n     Mueller English-Russian Dictionary\n")]
    [InlineData("taken\n   [teɪkən] _p-p. от take\n")]
    [InlineData("is\n   = be\n")]
    public void Abbreviations_headers_and_references_give_nothing(string entry)
    {
        Assert.Empty(MuellerReader.ParseEntry(entry));
    }
}
