using System.Text;

namespace Polis.Ingest.Tests;

public sealed class ExtractingWebPages
{
    [Fact]
    public void Page_yields_its_visible_text_title_author_and_language()
    {
        var html = Files.Extract("page-with-script.html");

        Assert.Equal(FileKind.Html, html.Kind);
        Assert.Equal("text/html", html.MediaType);
        Assert.Contains("Мобильные приёмные полиции обслужили более 40 000 жителей.", html.Text, StringComparison.Ordinal);
        Assert.Contains("Community Security Initiative in Kyrgyzstan: 14 project sites in four provinces.", html.Text, StringComparison.Ordinal);
        Assert.Equal("Общественная безопасность в Кыргызстане", html.Title);
        Assert.Equal("Strategic Police Matters Unit", html.Author);
        Assert.Equal("ru", html.Language);
    }

    [Fact]
    public void Scripts_styles_noscript_templates_and_event_handlers_leave_no_text()
    {
        var html = Files.Extract("page-with-script.html");

        Assert.DoesNotContain("must not leak", html.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", html.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("fetch", html.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("color", html.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Block_elements_become_paragraphs_and_cells_stay_on_one_line()
    {
        var paragraphs = Files.Extract("page-with-script.html").Text.Split("\n\n");

        Assert.Equal("Инициатива по обеспечению общественной безопасности", paragraphs[0]);
        Assert.Contains("Officers trained 400+", paragraphs);
        Assert.Contains("Neighbourhood management teams", paragraphs);
    }

    [Fact]
    public void Page_declaring_windows_1251_is_decoded_as_such()
    {
        var page = CodePagesEncodingProvider.Instance.GetEncoding(1251)!.GetBytes(
            "<html lang=\"ru\"><head><meta charset=\"windows-1251\"><title>Доклад</title></head><body><p>Полиция и общество</p></body></html>");

        var html = Files.Extract(page, "doklad.htm");

        Assert.Equal("Доклад", html.Title);
        Assert.Equal("Полиция и общество", html.Text);
    }

    [Fact]
    public void Page_with_nothing_visible_is_kept_without_text()
    {
        var html = Files.Extract("<html><head><title>Blank</title><script>var x = 1;</script></head><body> </body></html>"u8.ToArray(), "blank.html");

        Assert.False(html.HasText);
        Assert.Equal("", html.Text);
        Assert.Equal("Blank", html.Title);
    }
}
