namespace Polis.Search.Tests;

public sealed class ReadingFreeDictForTheLexicon : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("A", 0)]
    [InlineData("B", 1)]
    [InlineData("c", 28)]
    [InlineData("/", 63)]
    [InlineData("BA", 64)]
    [InlineData("5S", (57 * 64) + 18)]
    [InlineData("CUkDq", 38_945_002)]
    public void Index_numbers_are_base_64_with_the_most_significant_digit_first(string digits, long value) =>
        Assert.Equal(value, DictdDictionary.DecodeNumber(digits));

    [Theory]
    [InlineData("")]
    [InlineData("AB=")]
    [InlineData("ä")]
    public void A_malformed_index_number_is_refused(string digits) =>
        Assert.Throws<FormatException>(() => DictdDictionary.DecodeNumber(digits));

    [Fact]
    public void The_encoder_of_the_test_files_agrees_with_the_decoder()
    {
        foreach (var value in new long[] { 0, 1, 63, 64, 4095, 4096, 100_143_555 })
        {
            Assert.Equal(value, DictdDictionary.DecodeNumber(LexiconFiles.Base64(value)));
        }
    }

    [Fact]
    public void WikDict_definitions_in_the_source_language_are_dropped_and_numbered_senses_kept()
    {
        var pairs = Read("freedict-deu-rus", "de", "ru", LexiconFiles.WikDictInfo,
            "Ausbildung /ˈaʊ̯sˌbɪldʊŋ/ <n, fem>\n1. профессиональное образование\nErlernen eines Berufes\n2. формирование\nAusprägung/Entwicklung/Gestaltung einer Eigenschaft\n",
            "Abend /ˈaːbn̩t/ <n, masc>\n1. вечер 2.\ndie Tageszeit nach dem Nachmittag\n 3.\nAbendveranstaltung; Abend mit heiterem Programm\n",
            "Polizei /ˌpoliˈt͡saɪ̯/ <n, fem>\nполиция, мили́ция\nfür die öffentliche Sicherheit und Ordnung zuständige Behörde\n",
            "bestrafen /bəˈʃtʁaːfn̩/ <v>\nнаказывать, -казать\njemandem aufgrund einer schlechten Handlung negative Konsequenzen zuführen\n");

        Assert.Equal(
        [
            ("Ausbildung", "профессиональное образование"), ("Ausbildung", "формирование"), ("Abend", "вечер"),
            ("Polizei", "полиция"), ("Polizei", "милиция"), ("bestrafen", "наказывать"),
        ], pairs.Select(p => (p.Headword, p.Translation)));
        Assert.All(pairs, p => Assert.Equal(("de", "ru"), (p.SourceLanguage, p.TargetLanguage)));
    }

    [Fact]
    public void A_WikDict_definition_is_dropped_even_when_it_is_written_in_the_same_script_as_the_translations()
    {
        var pairs = Read("freedict-deu-fra", "de", "fr", LexiconFiles.WikDictInfo,
            "Aquarell /akvaˈʁɛl/ <n, neut>\naquarelle\nein Bild\n",
            "Apsis /ˈapsɪs/ <n, fem>\n1. abside\nhalbrunde Altarnische\n2. apside\nScheitelpunkt einer Umlaufbahn\n");

        Assert.Equal([("Aquarell", "aquarelle"), ("Apsis", "abside"), ("Apsis", "apside")], pairs.Select(p => (p.Headword, p.Translation)));
    }

    [Fact]
    public void Translations_in_the_wrong_script_are_dropped()
    {
        var pairs = Read("freedict-pol-rus", "pl", "ru", LexiconFiles.WikDictInfo,
            "bomba /ˈbɔ̃mba/ <n>\nбомба, bomb, DVD-плеер\n(wojskowość) ładunek wypełniony materiałem wybuchowym\n");

        Assert.Equal(["бомба", "DVD-плеер"], pairs.Select(p => p.Translation));
    }

    [Fact]
    public void Plain_entries_give_every_numbered_sense_and_notes_are_stripped()
    {
        var pairs = Read("freedict-eng-fra", "en", "fr", LexiconFiles.ErganeInfo,
            "anchor /æŋkər/\n1. ancre\n2. relâcher (un navire), jeter l'ancre\n",
            "and ... as well /ændəzwel/\nd'ailleurs, en prime\n",
            "-able /əbl/\n‐able\n",
            "ago /əɡoʊ/\nil y a ...\n");

        Assert.Equal([("anchor", "ancre"), ("anchor", "relâcher"), ("anchor", "jeter l'ancre")], pairs.Select(p => (p.Headword, p.Translation)));
        Assert.Equal([0, 1, 2], pairs.Select(p => p.Rank));
    }

    [Fact]
    public void English_Polish_compounds_and_phrases_become_headwords_of_their_own()
    {
        var pairs = Read("freedict-eng-pol", "en", "pl", "English - Polish Piotrowski+Saloni/FreeDict dictionary",
            "police /pəˈli:s/\nI.  <N> the police  policja\nII.  <V>  chronić siłami policji, chronić\nIII.  <N Comp>police officer /pəˈli:s ɒfɪsə/   policjant\n",
            "fly /flaɪ/\nI.  <V> 1.  latać, fruwać\n 2.  [samolot]  pilotować\nII.  <N> 1.  mucha\n 2.  let fly at sb (let V: :fly :at NPRO)\n - rzucać się na kogoś\n 3.  [np. w spodniach]  rozporek\n      \"time flies\"  - czas leci\n");

        Assert.Equal(
        [
            ("police", "policja"), ("police", "chronić siłami policji"), ("police", "chronić"), ("police officer", "policjant"),
            ("fly", "latać"), ("fly", "fruwać"), ("fly", "pilotować"), ("fly", "mucha"), ("fly", "rozporek"), ("let fly at", "rzucać się na"),
        ], pairs.Select(p => (p.Headword, p.Translation)));
    }

    [Fact]
    public void The_Ding_import_keeps_translations_and_drops_synonyms_references_notes_and_examples()
    {
        var pairs = Read("freedict-deu-eng", "de", "en", LexiconFiles.DingImportInfo,
            "greller Schein /ɡɾˈɛlɜ ʃˈaɪn/ <masc, n, sg>\nglaring light <n>, garish light\n see: {Lichtschein}, {Schein}\n   Synonyms: {grelles Licht}\n         Note: of a lamp\n      \"ein greller Schein\"  - a glaring light\n",
            "Gremienarbeit /ɡɾˈeːmiːnˌaɾbaɪt/ <fem, n, sg>\n [adm.]  [pol.] committee work <n>\n");

        Assert.Equal([("greller Schein", "glaring light"), ("greller Schein", "garish light"), ("Gremienarbeit", "committee work")],
            pairs.Select(p => (p.Headword, p.Translation)));
    }

    [Fact]
    public void Read_backwards_the_translation_becomes_the_headword()
    {
        Write("freedict-eng-rus", LexiconFiles.ErganeInfo, "police /pəˈliːs/\nполиция, милиция\n");
        var dictionary = Open("freedict-eng-rus", "en", "ru");

        var pairs = dictionary.ReadPairs(backwards: true).ToList();

        Assert.Equal([("ru", "полиция", "en", "police"), ("ru", "милиция", "en", "police")],
            pairs.Select(p => (p.SourceLanguage, p.Headword, p.TargetLanguage, p.Translation)));
    }

    [Fact]
    public void Metadata_entries_are_not_headwords_and_give_the_licence()
    {
        Write("freedict-eng-rus", LexiconFiles.ErganeInfo, "police /pəˈliːs/\nполиция\n");
        var dictionary = Open("freedict-eng-rus", "en", "ru");

        Assert.Equal(1, dictionary.EntryCount);
        Assert.Equal("GPL-2.0-or-later", dictionary.Licence);
        Assert.Equal(DictdFormat.Plain, dictionary.Format);
    }

    [Theory]
    [InlineData(LexiconFiles.WikDictInfo, "CC-BY-SA-3.0", "WikDict")]
    [InlineData(LexiconFiles.ErganeInfo, "GPL-2.0-or-later", "Plain")]
    [InlineData(LexiconFiles.DingImportInfo, "GPL-3.0 and AGPL-3.0", "DingImport")]
    public void The_format_and_licence_come_from_the_database_info(string info, string licence, string format)
    {
        Write("freedict-deu-rus", info, "Aal /aːl/ <n, masc>\nугорь\n");
        var dictionary = Open("freedict-deu-rus", "de", "ru");

        Assert.Equal((licence, format), (dictionary.Licence, dictionary.Format.ToString()));
    }

    private List<DictionaryPair> Read(string name, string from, string to, string info, params string[] entries)
    {
        Write(name, info, entries);
        return [.. Open(name, from, to).ReadPairs()];
    }

    private void Write(string name, string info, params string[] entries) => LexiconFiles.WriteDictd(folder.Path, name, info, entries);

    private DictdDictionary Open(string name, string from, string to) =>
        DictdDictionary.Open(folder.File(name + ".index"), folder.File(name + ".dict.dz"), from, to, Index.Ct);
}
