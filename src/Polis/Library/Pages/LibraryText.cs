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
    public static string LanguageName(string code)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            return culture.EnglishName == code || culture.ThreeLetterISOLanguageName.Length == 0 ? code
                : CultureInfo.CurrentUICulture.TextInfo.ToTitleCase(culture.NativeName);
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }

    /// <summary>A file format as readers name it ("PDF", "Word document"), from its media type; the type itself when unknown.</summary>
    public static string FormatName(string mediaType) => mediaType switch
    {
        "application/pdf" => Text.FormatPdf,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => Text.FormatDocx,
        "text/html" => Text.FormatHtml,
        "text/markdown" => Text.FormatMarkdown,
        "text/plain" => Text.FormatPlainText,
        _ => mediaType,
    };

    /// <summary>A size as readers read it: "820 bytes", "14.2 KB", "3.1 MB" ("14,2 КБ" in Russian).</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => Format(Text.SizeMegabytes, (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.CurrentCulture)),
        >= 1024 => Format(Text.SizeKilobytes, (bytes / 1024.0).ToString("0.#", CultureInfo.CurrentCulture)),
        _ => Format(Text.SizeBytes, bytes.ToString(CultureInfo.CurrentCulture)),
    };

    public static readonly string[] CommonLanguages = ["en", "ru", "fr", "de", "es", "sq", "ar", "hy", "mk", "sr", "ro", "sk", "uk", "ka", "az", "kk", "ky", "tg", "uz", "tr"];

    /// <summary>"1 document found", "25 documents found" (Russian says "Найдено документов: 25", which needs no plural).</summary>
    public static string ResultsCount(long total) => total == 1 ? Text.LibraryResultsCountOne : Format(Text.LibraryResultsCount, total);

    public static string Format(string template, object value) => string.Format(CultureInfo.CurrentCulture, template, value);
    public static string Format(string template, object a, object b) => string.Format(CultureInfo.CurrentCulture, template, a, b);
}
