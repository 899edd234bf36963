using System.Globalization;
using Polis.Library.Pages;

namespace Polis.Tests.Library;

/// <summary>"1 document found" and the three Russian forms (issue 19, finding 7): one (1, 21, 101), few (2–4, 22–24), many (0, 5–20, 111 …).</summary>
public sealed class CountingInRussian
{
    [Theory]
    [InlineData(0, "Найдено 0 документов")]
    [InlineData(1, "Найден 1 документ")]
    [InlineData(2, "Найдено 2 документа")]
    [InlineData(4, "Найдено 4 документа")]
    [InlineData(5, "Найдено 5 документов")]
    [InlineData(11, "Найдено 11 документов")]
    [InlineData(12, "Найдено 12 документов")]
    [InlineData(21, "Найден 21 документ")]
    [InlineData(22, "Найдено 22 документа")]
    [InlineData(111, "Найдено 111 документов")]
    [InlineData(1001, "Найден 1001 документ")]
    public void Russian_takes_the_form_for_the_number(long count, string expected) => Assert.Equal(expected, In("ru", () => LibraryText.ResultsCount(count)));

    [Theory]
    [InlineData(0, "0 documents found")]
    [InlineData(1, "1 document found")]
    [InlineData(2, "2 documents found")]
    [InlineData(21, "21 documents found")]
    public void English_has_one_and_many(long count, string expected) => Assert.Equal(expected, In("en", () => LibraryText.ResultsCount(count)));

    private static string In(string language, Func<string> text)
    {
        var (ui, culture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language);
            return text();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, culture);
        }
    }
}
