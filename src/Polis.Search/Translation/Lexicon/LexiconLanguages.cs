namespace Polis.Search;

// The languages of the lexicon. Polish has no index fields: it only joins two dictionaries (pivot), so its words are
// compared lower-cased instead of stemmed.
internal static class LexiconLanguages
{
    public const string Polish = "pl";

    // Languages whose words the lexicon translates, in the order matches are returned.
    public static readonly IReadOnlyList<string> Indexed = ["en", "ru", "fr", "de", "es"];

    // Indexed languages first, then the pivot-only ones; a language's position is its number in the builder.
    public static readonly IReadOnlyList<string> All = ["en", "ru", "fr", "de", "es", Polish];

    public static int IndexOf(string language) => language switch
    {
        "en" => 0,
        "ru" => 1,
        "fr" => 2,
        "de" => 3,
        "es" => 4,
        Polish => 5,
        _ => -1,
    };

    public static bool IsIndexed(int language) => language is >= 0 and < 5;

    // FreeDict names languages with ISO 639-3 codes.
    public static string? FromFreeDict(string code) => code switch
    {
        "eng" => "en",
        "rus" => "ru",
        "fra" => "fr",
        "deu" => "de",
        "spa" => "es",
        "pol" => Polish,
        _ => null,
    };

    public static string ToFreeDict(string language) => language switch
    {
        "en" => "eng",
        "ru" => "rus",
        "fr" => "fra",
        "de" => "deu",
        "es" => "spa",
        Polish => "pol",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Not a lexicon language."),
    };
}
