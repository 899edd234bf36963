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

    // International words in French, Spanish and German end and begin as regular variants of their English forms:
    // "factorización" → factorization, "sintácticamente" → sintactically (one edit from syntactically),
    // "multiplicatif" → multiplicative, "processeur" → processor, "automatisch" → automatic, "Konfiguration" → configuration, "especificar" → specificar.
    // The English spelling the rules give, or null when none applies (or the source is not one of these languages, or the
    // target is not English). Like Respell, only near: the search matches it loosely.
    private static readonly Dictionary<string, (string From, string To)[]> ToEnglishEndings = new(StringComparer.Ordinal)
    {
        ["es"] =
        [
            ("izaciones", "izations"), ("ización", "ization"), ("aciones", "ations"), ("ación", "ation"), ("ciones", "tions"),
            ("ción", "tion"), ("siones", "sions"), ("sión", "sion"), ("icamente", "ically"), ("almente", "ally"),
            ("mente", "ly"), ("idades", "ities"), ("idad", "ity"), ("ísticas", "istics"), ("ísticos", "istics"),
            ("ística", "istic"), ("ístico", "istic"), ("icos", "ics"), ("icas", "ics"), ("ico", "ic"), ("ica", "ic"),
            ("osos", "ous"), ("osas", "ous"), ("oso", "ous"), ("osa", "ous"), ("ivos", "ives"), ("ivas", "ives"),
            ("ivo", "ive"), ("iva", "ive"), ("ismos", "isms"), ("ismo", "ism"), ("istas", "ists"), ("ista", "ist"),
        ],
        ["fr"] =
        [
            ("iquement", "ically"), ("alement", "ally"), ("iques", "ics"), ("ique", "ic"), ("ités", "ities"), ("ité", "ity"),
            ("ifs", "ives"), ("if", "ive"), ("euses", "ous"), ("euse", "ous"), ("eux", "ous"), ("ismes", "isms"),
            ("isme", "ism"), ("istes", "ists"), ("iste", "ist"), ("aires", "aries"), ("aire", "ary"), ("eurs", "ors"),
            ("eur", "or"),
        ],
        ["de"] =
        [
            ("isierungen", "izations"), ("isierung", "ization"), ("ierungen", "ations"), ("ierung", "ation"),
            ("isieren", "ize"), ("ieren", "ate"), ("ischen", "ic"), ("ischer", "ic"), ("isches", "ic"), ("ische", "ic"),
            ("isch", "ic"), ("itäten", "ities"), ("ität", "ity"), ("ismus", "ism"), ("ionen", "ions"), ("ien", "ies"),
            ("ie", "y"), ("ik", "ic"),
        ],
    };

    public static string? ToEnglish(string word, string sourceLanguage)
    {
        if (!ToEnglishEndings.TryGetValue(sourceLanguage, out var endings))
        {
            return null;
        }
        var lower = word.ToLowerInvariant();
        var result = lower;
        foreach (var (from, to) in endings)
        {
            if (result.Length > from.Length + 2 && result.EndsWith(from, StringComparison.Ordinal))
            {
                result = result[..^from.Length] + to;
                break;
            }
        }
        if (sourceLanguage == "es" && result.Length > 5 && result[0] == 'e' && result[1] == 's' && result[2] is 't' or 'p' or 'c')
        {
            result = result[1..];   // estructura → structura, especificar → specificar
        }
        if (sourceLanguage == "de")
        {
            // Konfiguration → configuration, Objekt → object, Prozess → process
            var letters = result.ToCharArray();
            for (var i = 0; i + 1 < letters.Length; i++)
            {
                if (letters[i] == 'k' && letters[i + 1] is 'a' or 'o' or 'u' or 't' or 'l' or 'r')
                {
                    letters[i] = 'c';
                }
                else if (letters[i] == 'z' && letters[i + 1] is 'e' or 'i' && i > 0)
                {
                    letters[i] = 'c';
                }
            }
            result = new string(letters);
        }
        result = AccentFold.Fold(result);
        return result == AccentFold.Fold(lower) ? null : result;
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
