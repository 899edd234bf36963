using System.Text;

namespace Polis.Search;

// Spellings of a word in the other script, written the way international words are borrowed, so that a word no
// resource translates can still find its cognate in the other language's index: "формат" → "format", "макросы" →
// "macrosy", "табуляция" → "tabulation", "текст" → "text", "архив" → "archiv"; and back, "format" → "формат",
// "tabulation" → "табуляция"-like "табулация", "macro" → "макро". Not a transliteration standard (ISO 9, BGN): those
// write "tekst", "makros", "arkhiv", which are further from the Latin originals. The search matches the result
// loosely (LuceneQueryBuilder: FuzzyQuery against the target language's index terms), so near is enough.
internal static class Cognates
{
    // Cyrillic → Latin, after the multi-letter rules below; soft vowels after a consonant lose their "y" (ля → la).
    private static readonly Dictionary<char, string> ToLatinLetters = new()
    {
        ['а'] = "a",
        ['б'] = "b",
        ['в'] = "v",
        ['г'] = "g",
        ['д'] = "d",
        ['е'] = "e",
        ['ё'] = "e",
        ['ж'] = "zh",
        ['з'] = "z",
        ['и'] = "i",
        ['й'] = "i",
        ['к'] = "c",
        ['л'] = "l",
        ['м'] = "m",
        ['н'] = "n",
        ['о'] = "o",
        ['п'] = "p",
        ['р'] = "r",
        ['с'] = "s",
        ['т'] = "t",
        ['у'] = "u",
        ['ф'] = "f",
        ['х'] = "ch",
        ['ц'] = "c",
        ['ч'] = "ch",
        ['ш'] = "sh",
        ['щ'] = "sch",
        ['ъ'] = "",
        ['ы'] = "y",
        ['ь'] = "",
        ['э'] = "e",
        ['ю'] = "yu",
        ['я'] = "ya",
    };

    // Endings and clusters that borrowings change as a whole, longest first.
    private static readonly (string From, string To)[] ToLatinRules =
    [
        ("ция", "tion"), ("ции", "tion"), ("цию", "tion"), ("цией", "tion"), ("кс", "x"), ("ия", "ia"),
    ];

    private static readonly (string From, string To)[] ToCyrillicRules =
    [
        ("tion", "ция"), ("sch", "сх"), ("ch", "х"), ("ph", "ф"), ("th", "т"), ("sh", "ш"), ("qu", "кв"),
        ("ck", "к"), ("oo", "у"), ("ee", "и"), ("x", "кс"), ("j", "дж"),
    ];

    private static readonly Dictionary<char, string> ToCyrillicLetters = new()
    {
        ['a'] = "а",
        ['b'] = "б",
        ['c'] = "к",
        ['d'] = "д",
        ['e'] = "е",
        ['f'] = "ф",
        ['g'] = "г",
        ['h'] = "х",
        ['i'] = "и",
        ['k'] = "к",
        ['l'] = "л",
        ['m'] = "м",
        ['n'] = "н",
        ['o'] = "о",
        ['p'] = "п",
        ['q'] = "к",
        ['r'] = "р",
        ['s'] = "с",
        ['t'] = "т",
        ['u'] = "у",
        ['v'] = "в",
        ['w'] = "в",
        ['y'] = "и",
        ['z'] = "з",
    };

    public static bool IsCyrillic(string word) => word.Length > 0 && word.All(c => c is >= 'а' and <= 'я' or 'ё' || char.IsAsciiDigit(c) || c == '-');

    public static bool IsLatin(string word) => word.Length > 0 && word.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    // The word in the target language's script; null when it is already in it (or in neither Cyrillic nor plain Latin).
    // Letters of other alphabets (é, ß) are left to the caller's folding: only lower-case plain letters are converted.
    public static string? Respell(string word, string targetLanguage)
    {
        var lower = word.ToLowerInvariant();
        if (targetLanguage == "ru")
        {
            return IsLatin(lower) ? Convert(lower, ToCyrillicRules, ToCyrillicLetters, soften: false) : null;
        }
        return IsCyrillic(lower) ? Convert(lower, ToLatinRules, ToLatinLetters, soften: true) : null;
    }

    private static string Convert(string word, (string From, string To)[] rules, Dictionary<char, string> letters, bool soften)
    {
        var result = new StringBuilder(word.Length + 4);
        var i = 0;
        while (i < word.Length)
        {
            var rule = Array.FindIndex(rules, r => string.CompareOrdinal(word, i, r.From, 0, r.From.Length) == 0);
            if (rule >= 0)
            {
                result.Append(rules[rule].To);
                i += rules[rule].From.Length;
                continue;
            }
            var c = word[i];
            if (soften && c is 'я' or 'ю' && i > 0 && !IsVowel(word[i - 1]))
            {
                result.Append(c == 'я' ? 'a' : 'u');
            }
            else
            {
                result.Append(letters.TryGetValue(c, out var latin) ? latin : c.ToString());
            }
            i++;
        }
        return result.ToString();
    }

    private static bool IsVowel(char c) => "аеёиоуыэюяьъ".Contains(c, StringComparison.Ordinal);
}
