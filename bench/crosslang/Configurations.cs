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

    // The richest configuration without this session's steps, then with each added (issue 20, step 5).
    public const string PivotsBefore = "pivots-before";
    public const string DirectFirst = "direct-first";

    public static readonly string[] All = [None, Glossary, Dictionaries, Pivots];

    public static string TitleOf(string name) => name switch
    {
        None => "none",
        Glossary => "glossary",
        Dictionaries => "glossary + dictionaries",
        Pivots => "+ pivots",
        PivotsBefore => "+ pivots, pivots beside direct senses, no compound splitting",
        DirectFirst => "+ pivots, direct senses first, no compound splitting",
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
                PivotsBefore when lexicon is not null => new(name, TitleOf(name), true,
                    new QueryTranslator(GlossaryTranslator.Default, () => lexicon, new TranslationResources { GermanCompounds = false })),
                DirectFirst when lexicon is not null => new(name, TitleOf(name), true,
                    new QueryTranslator(GlossaryTranslator.Default, () => lexicon, new TranslationResources { PivotsOnlyWithoutDirect = true, GermanCompounds = false })),
                Dictionaries or Pivots or PivotsBefore or DirectFirst => null,
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

    public IReadOnlyList<TermMatch> Translate(string sourceLanguage, IReadOnlyList<string> stems, IReadOnlyList<string>? words) =>
        Current.Translate(sourceLanguage, stems, words);

    public TranslationResources Resources => Current.Resources;
}
