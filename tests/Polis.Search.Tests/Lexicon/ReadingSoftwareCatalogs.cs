using System.Text;

namespace Polis.Search.Tests;

// Software translation catalogs (gettext .mo) as a lexicon resource: the reader, the cleaning of interface messages,
// and a search that finds a Russian page through the interface's own word for an English term. The catalogs are
// written by the tests (MoFiles), so nothing depends on what the machine has installed.
public sealed class ReadingSoftwareCatalogs : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_catalog_gives_its_messages_without_header_context_or_plural_forms()
    {
        var path = folder.File("app.mo");
        MoFiles.Write(path, ("", "Content-Type: text/plain; charset=UTF-8\n"), ("_Minimize", "_Свернуть"),
            ("window\u0004Close", "Закрыть"), ("Selected item\0Selected items", "Выделенный элемент\0Выделенных элемента\0Выделенных элементов"));

        var messages = MoCatalog.Read(path);

        Assert.Equal(
            [new CatalogMessage("Selected item", "Выделенный элемент"), new CatalogMessage("_Minimize", "_Свернуть"), new CatalogMessage("Close", "Закрыть")],   // the file's order
            messages);
    }

    [Fact]
    public void A_catalog_written_big_endian_reads_the_same()
    {
        var path = folder.File("big.mo");
        MoFiles.Write(path, bigEndian: true, ("Drag", "Перетаскивание"));

        Assert.Equal([new CatalogMessage("Drag", "Перетаскивание")], MoCatalog.Read(path));
    }

    [Fact]
    public void A_file_that_is_not_a_catalog_is_refused()
    {
        var path = folder.File("not.mo");
        File.WriteAllText(path, "msgid \"Drag\"\nmsgstr \"Перетаскивание\"\n");

        Assert.Throws<InvalidDataException>(() => MoCatalog.Read(path));
    }

    [Theory]
    [InlineData("_Minimize", "Minimize")]
    [InlineData("&Open File…", "Open File")]
    [InlineData("Öffnen (_O)", "Öffnen")]
    [InlineData("Save  _As...", "Save As")]
    [InlineData("Name:", "Name")]
    [InlineData("%s items", null)]
    [InlineData("Open {0}", null)]
    [InlineData("<b>Bold</b>", null)]
    [InlineData("/usr/share", null)]
    [InlineData("Ctrl+S", null)]
    [InlineData("42", null)]
    public void Interface_messages_become_terms_without_accelerators_or_markup(string message, string? term) =>
        Assert.Equal(term, SoftwareCatalogs.Clean(message));

    [Fact]
    public void Only_short_translated_messages_are_terms()
    {
        var terms = SoftwareCatalogs.Terms("app", "ru",
        [
            new CatalogMessage("Minimize", "Свернуть"),
            new CatalogMessage("Print", "Print"),
            new CatalogMessage("Move the selected items to the trash", "Переместить выделенные объекты в корзину"),
            new CatalogMessage("Your names", "Иван Петров"),
        ]).ToList();

        Assert.Equal([new CatalogTerm("app", "ru", "Minimize", "Свернуть")], terms);
    }

    [Fact]
    public void Catalogs_of_excluded_packages_and_language_variants_are_not_read()
    {
        var root = Path.Combine(folder.Path, "locale");
        foreach (var (language, domain) in new[] { ("ru", "gedit"), ("ru", "coreutils"), ("ru", "libreoffice"), ("sr@latin", "gedit"), ("de_DE", "gedit"), ("it", "gedit") })
        {
            Directory.CreateDirectory(Path.Combine(root, language, "LC_MESSAGES"));
            MoFiles.Write(Path.Combine(root, language, "LC_MESSAGES", domain + ".mo"), ("Drag", "Drag"));
        }

        var found = SoftwareCatalogs.Find([root]);

        Assert.Equal([("gedit", "de"), ("gedit", "ru")], found.Select(f => (f.Domain, f.Language)));
    }

    [Fact]
    public async Task An_English_word_finds_the_Russian_page_through_the_interfaces_word_and_the_explanation_names_the_resource()
    {
        var withCatalogs = BuildWithCatalogs(minPackages: 2);
        LexiconBuilder.Build(LexiconFiles.WriteSmallSet(Directory.CreateDirectory(folder.File("plain")).FullName, folder.File("plain.lex")), null, Index.Ct);
        var withoutCatalogs = Lexicon.Open(folder.File("plain.lex"));
        using var index = LuceneSearchIndex.InMemory(new QueryTranslator(GlossaryTranslator.Default, () => withCatalogs, TranslationResources.All));
        using var plain = LuceneSearchIndex.InMemory(new QueryTranslator(GlossaryTranslator.Default, () => withoutCatalogs, TranslationResources.All));
        var page = Index.Doc("ru-window", "Как свернуть окно", "Нажмите кнопку, чтобы свернуть окно на панель.", language: "ru");
        await index.IndexAsync([page], Index.Ct);
        await plain.IndexAsync([page], Index.Ct);

        var found = await index.SearchAsync(new SearchQuery("minimize") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);
        var notFound = await plain.SearchAsync(new SearchQuery("minimize") { Access = SearchAccess.Everything, UiLanguage = "en" }, Index.Ct);

        Assert.Equal(["ru-window"], found.Ids());
        Assert.Empty(notFound.Ids());
        var explained = Assert.Single(found.Translations, t => t.TargetLanguage == "ru" && t.Resource == TranslationSource.Software);
        Assert.Equal("minimize", explained.Source);
        Assert.Contains("свернуть", explained.Targets, StringComparer.OrdinalIgnoreCase);
        Assert.Contains(withCatalogs.Info.Sources, s => s.Name == SoftwareCatalogs.Name);
    }

    [Fact]
    public void Agreement_ranks_the_senses_and_a_phrase_needs_two_packages()
    {
        var lexicon = BuildWithCatalogs(minPackages: 2);

        var minimize = Assert.Single(lexicon.Translate("en", Stems("minimize")), m => m.TargetLanguage == "ru");
        Assert.Equal(TranslationSource.Software, minimize.Source);
        Assert.Equal(["свернуть", "минимизировать"], minimize.Targets.Select(t => t.ToLowerInvariant()));   // two packages, then one
        Assert.True(minimize.Weights![1] < minimize.Weights[0]);
        Assert.Contains(lexicon.Translate("en", Stems("drag")), m => m.TargetLanguage == "ru" && m.Targets.Contains("Перетаскивание"));
        Assert.DoesNotContain(lexicon.Translate("en", Stems("minimize window")), m => m.StemCount == 2);   // one package's phrase
        Assert.Equal(3, lexicon.Info.Pairs.Single(p => p.SourceLanguage == "en" && p.TargetLanguage == "ru").SoftwareTranslations);
    }

    private static string[] Stems(string english) =>
        [.. LanguageAnalyzers.Analyze(LanguageAnalyzers.Shared.For("en"), IndexFields.For("en").Body, english).Select(t => t.Term)];

    // The small dictionaries, and two packages' Russian catalogs that agree on "Minimize" → "Свернуть"; one package
    // alone says "Минимизировать", "Перетаскивание" for "Drag", and "Минимизировать" for the phrase "Minimize window".
    private Lexicon BuildWithCatalogs(int minPackages)
    {
        var dictionaries = Directory.CreateDirectory(folder.File("dictionaries")).FullName;
        var locale = folder.File("locale");
        var messages = Directory.CreateDirectory(Path.Combine(locale, "ru", "LC_MESSAGES")).FullName;
        MoFiles.Write(Path.Combine(messages, "first.mo"), ("_Minimize", "_Свернуть"), ("Drag", "Перетаскивание"));
        MoFiles.Write(Path.Combine(messages, "second.mo"), ("Minimize", "Свернуть"), ("Minimize window", "Минимизировать"));
        MoFiles.Write(Path.Combine(messages, "third.mo"), ("Minimize", "Минимизировать"));
        var options = LexiconFiles.WriteSmallSet(dictionaries, folder.File("software.lex")) with { CatalogFolders = [locale], CatalogMinPackages = minPackages };
        LexiconBuilder.Build(options, null, Index.Ct);
        return Lexicon.Open(options.OutputPath);
    }
}

// Writes gettext .mo catalogs: the header, the originals' and the translations' tables, then the strings.
internal static class MoFiles
{
    public static void Write(string path, params (string Original, string Translation)[] messages) => Write(path, false, messages);

    public static void Write(string path, bool bigEndian, params (string Original, string Translation)[] messages)
    {
        var sorted = messages.OrderBy(m => m.Original, StringComparer.Ordinal).ToArray();
        var n = sorted.Length;
        var strings = new MemoryStream();
        var start = 28 + (16 * n);
        var originals = new List<(int Length, int Offset)>();
        var translations = new List<(int Length, int Offset)>();
        foreach (var (list, texts) in new[] { (originals, sorted.Select(m => m.Original)), (translations, sorted.Select(m => m.Translation)) })
        {
            foreach (var text in texts)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                list.Add((bytes.Length, start + (int)strings.Length));
                strings.Write(bytes);
                strings.WriteByte(0);
            }
        }
        var file = new MemoryStream();
        void U32(long value)
        {
            var bytes = BitConverter.GetBytes((uint)value);
            if (bigEndian == BitConverter.IsLittleEndian)
            {
                Array.Reverse(bytes);
            }
            file.Write(bytes);
        }
        U32(0x950412de);
        U32(0);
        U32(n);
        U32(28);
        U32(28 + (8 * n));
        U32(0);
        U32(0);
        foreach (var (length, offset) in originals.Concat(translations))
        {
            U32(length);
            U32(offset);
        }
        file.Write(strings.ToArray());
        File.WriteAllBytes(path, file.ToArray());
    }
}
