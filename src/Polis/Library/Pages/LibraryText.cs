using System.Globalization;
using Polis.Accounts.Contracts;

namespace Polis.Library.Pages;

/// <summary>Display names for library values in the reader's language.</summary>
public static class LibraryText
{
    public static string TypeName(DocumentType type) => TypeName(type.ToString());

    public static string TypeName(string type) =>
        Text.ResourceManager.GetString("Type_" + type, CultureInfo.CurrentUICulture) ?? type;

    public static string AccessName(AccessLevel level) => level switch
    {
        AccessLevel.Public => Text.AccessPublic,
        AccessLevel.Registered => Text.AccessRegistered,
        AccessLevel.Members => Text.AccessMembers,
        AccessLevel.Restricted => Text.AccessRestricted,
    };

    /// <summary>The language's own name ("русский", "English"), or the code when .NET does not know it.</summary>
    /// <remarks>Kept per code and reader's language (issue 21: a search page named some 60 languages, each a new string);
    /// a filter value comes from the query string, so past <see cref="MaxLanguageNames"/> names nothing more is kept.</remarks>
    public static string LanguageName(string code)
    {
        var key = (code, CultureInfo.CurrentUICulture.Name);
        if (LanguageNames.TryGetValue(key, out var name)) return name;
        name = NameOf(code, CultureInfo.CurrentUICulture);
        if (LanguageNames.Count < MaxLanguageNames) LanguageNames.TryAdd(key, name);
        return name;
    }

    internal const int MaxLanguageNames = 2_000;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Code, string Reader), string> LanguageNames = new();

    private static string NameOf(string code, CultureInfo reader)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            return culture.EnglishName == code || culture.ThreeLetterISOLanguageName.Length == 0 ? code
                : reader.TextInfo.ToTitleCase(culture.NativeName);
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }

    public static readonly string[] CommonLanguages = ["en", "ru", "fr", "de", "es", "sq", "ar", "hy", "mk", "sr", "ro", "sk", "uk", "ka", "az", "kk", "ky", "tg", "uz", "tr"];

    /// <summary>"1 document found", "25 documents found"; in Russian "Найден 1 документ", "Найдено 3 документа", "Найдено 25 документов".</summary>
    public static string ResultsCount(long total) =>
        Format(Plural(total, Text.LibraryResultsCountOne, Text.LibraryResultsCountFew, Text.LibraryResultsCount), total);

    /// <summary>The plural form of the interface language for <paramref name="n"/>: Russian has one (1, 21, 101), few (2–4, 22–24) and many (0, 5–20, 25 …); English one and many.</summary>
    public static string Plural(long n, string one, string few, string many)
    {
        n = Math.Abs(n);
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName != "ru") return n == 1 ? one : many;
        var (units, tens) = (n % 10, n % 100);
        return units == 1 && tens != 11 ? one : (units is >= 2 and <= 4) && (tens is < 12 or > 14) ? few : many;
    }

    /// <summary>What a person calls the file's format: "PDF", "Word document", "Markdown" …</summary>
    public static string FormatName(string mediaType) => mediaType switch
    {
        "application/pdf" => "PDF",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => Text.LibraryFormatWord,
        "text/html" => Text.LibraryFormatHtml,
        "text/markdown" => "Markdown",
        "text/plain" => Text.LibraryFormatText,
        _ => mediaType,
    };

    /// <summary>PDFs and text open in the browser (served inline); the rest is downloaded.</summary>
    public static bool OpensInBrowser(string mediaType) => mediaType is "application/pdf" or "text/plain" or "text/markdown";

    /// <summary>A size as people read it, in the interface language: "1.2 MB", "1,2 МБ", "830 bytes".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => Format(Text.LibrarySizeMegabytes, Math.Round(bytes / (1024.0 * 1024), 1).ToString("0.#", CultureInfo.CurrentCulture)),
        >= 1024 => Format(Text.LibrarySizeKilobytes, Math.Round(bytes / 1024.0, 1).ToString("0.#", CultureInfo.CurrentCulture)),
        _ => Format(Text.LibrarySizeBytes, bytes.ToString(CultureInfo.CurrentCulture)),
    };

    public static string Format(string template, object value) => string.Format(CultureInfo.CurrentCulture, template, value);
    public static string Format(string template, object a, object b) => string.Format(CultureInfo.CurrentCulture, template, a, b);
}
