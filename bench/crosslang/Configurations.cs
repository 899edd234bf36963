using Polis.Search;

namespace Polis.CrossLang;

// One way of translating queries. Translate = false is the baseline: the query's words are still analysed with
// every language's analyzer, so cognates and untranslated names can match across languages.
internal sealed record Configuration(string Name, string Title, bool Translate, ITermTranslator Translator);

internal static class Configurations
{
    public const string None = "none";
    public const string Glossary = "glossary";
    public const string Dictionaries = "dictionaries";
    public const string Pivots = "pivots";

    public static readonly string[] All = [None, Glossary, Dictionaries, Pivots];

    public static string TitleOf(string name) => name switch
    {
        None => "none",
        Glossary => "glossary",
        Dictionaries => "glossary + dictionaries",
        Pivots => "+ pivots",
        _ => name,
    };

    // The configurations that can run: those needing the lexicon only when one is loaded.
    public static List<Configuration> Build(IEnumerable<string> wanted, ITermTranslator? lexicon)
    {
        var list = new List<Configuration>();
        foreach (var name in wanted)
        {
            Configuration? configuration = name switch
            {
                None => new(name, TitleOf(name), false, new QueryTranslator(null, () => null, TranslationResources.All)),
                Glossary => new(name, TitleOf(name), true,
                    new QueryTranslator(GlossaryTranslator.Default, () => null, TranslationResources.All)),
                Dictionaries when lexicon is not null => new(name, TitleOf(name), true,
                    new QueryTranslator(GlossaryTranslator.Default, () => lexicon, new TranslationResources { Pivots = false })),
                Pivots when lexicon is not null => new(name, TitleOf(name), true,
                    new QueryTranslator(GlossaryTranslator.Default, () => lexicon, TranslationResources.All)),
                Dictionaries or Pivots => null,
                _ => throw new ArgumentException($"Unknown configuration {name}; known: {string.Join(", ", All)}"),
            };
            if (configuration is not null)
            {
                list.Add(configuration);
            }
        }
        return list;
    }
}

// The index takes its translator when it is created; the harness indexes each document language once and switches
// the translator between configurations (single-threaded, so a plain property is enough).
internal sealed class SwitchingTranslator : ITermTranslator
{
    public ITermTranslator Current { get; set; } = new QueryTranslator(null, () => null, TranslationResources.All);

    public IReadOnlyList<TermMatch> Translate(string sourceLanguage, IReadOnlyList<string> stems) =>
        Current.Translate(sourceLanguage, stems);
}
