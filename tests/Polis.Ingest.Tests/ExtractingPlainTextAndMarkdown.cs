using System.Text;

namespace Polis.Ingest.Tests;

public sealed class ExtractingPlainTextAndMarkdown
{
    private const string RussianPhrase = "Полиция защищает и уважает основные права и свободы каждого человека.";

    // Issue 21, ninth pass: runs of characters are copied whole; the limit still cuts exactly where it cut one character at a time.
    [Theory]
    [InlineData("alpha  beta\n\ngamma", 100, "alpha beta\n\ngamma")]
    [InlineData("alpha  beta\n\ngamma", 8, "alpha be")]
    [InlineData("alpha  beta\n\ngamma", 6, "alpha")]
    [InlineData("alpha  beta\n\ngamma", 3, "alp")]
    [InlineData("alpha\tbeta\u00A0gamma\u00ADdelta\r\nepsilon", 100, "alpha beta gammadelta epsilon")]
    [InlineData("Полиция и police\u2029ОБСЕ", 100, "Полиция и police\n\nОБСЕ")]
    [InlineData("Полиция и police", 11, "Полиция и p")]
    public void Normalising_cuts_at_the_limit_and_keeps_runs_whole(string raw, int limit, string expected) =>
        Assert.Equal(expected, TextNormalisation.Normalise(raw, limit, TestContext.Current.CancellationToken));

    [Fact]
    public void Russian_text_in_windows_1251_is_decoded_as_cyrillic()
    {
        var text = Files.Extract("russian-cp1251.txt");

        Assert.Equal(FileKind.PlainText, text.Kind);
        Assert.Equal("text/plain", text.MediaType);
        Assert.Contains(RussianPhrase, text.Text, StringComparison.Ordinal);
        Assert.StartsWith("Руководящие принципы по вопросам обучения полиции\n\n", text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_text_with_a_byte_order_mark_is_decoded()
    {
        Assert.Contains(RussianPhrase, Files.Extract("russian-utf16.txt").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_is_read_with_and_without_a_byte_order_mark()
    {
        var withoutBom = Encoding.UTF8.GetBytes(RussianPhrase);
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. withoutBom];

        Assert.Equal(RussianPhrase, Files.Extract(withoutBom, "a.txt").Text);
        Assert.Equal(RussianPhrase, Files.Extract(withBom, "b.txt").Text);
    }

    [Fact]
    public void Western_text_that_is_not_utf8_falls_back_to_latin_1()
    {
        var latin1 = Encoding.Latin1.GetBytes("Coopération policière: café crème à Genève.");

        Assert.Equal("Coopération policière: café crème à Genève.", Files.Extract(latin1, "fr.txt").Text);
    }

    [Fact]
    public void Text_is_normalised_to_nfc_single_spaces_and_blank_line_paragraphs()
    {
        var raw = "  Caf\u0065\u0301   police\u00A0\u00A0reform\r\nsecond  line\tof it\u0007\r\n\r\n\r\n\r\nNext\u2029paragraph\u0001. ";

        var text = Files.Extract(Encoding.UTF8.GetBytes(raw), "messy.txt").Text;

        Assert.Equal("Café police reform second line of it\n\nNext\n\nparagraph.", text);
        Assert.True(text.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Text_beyond_the_character_limit_is_cut_off()
    {
        var text = Files.Extract(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("policing ", 1000))), "long.txt",
            new IngestLimits(MaxTextChars: 100)).Text;

        Assert.Equal(100, text.Length);
        Assert.StartsWith("policing policing", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_named_txt_is_refused_as_not_matching_its_extension()
    {
        var refusal = Files.Refusal("photo.txt");

        Assert.Equal(IngestFailure.ContentDoesNotMatchExtension, refusal.Failure);
        Assert.Equal("photo.txt is named as a text file but contains an image; "
            + "check that you chose the right file, or give it the right extension.", refusal.Message);
    }

    [Fact]
    public void Text_file_holding_nul_bytes_is_refused_as_binary()
    {
        byte[] binary = [.. "header"u8, 0, 0, 0, 1, 2, 3, .. "more"u8];

        Assert.Equal(IngestFailure.ContentDoesNotMatchExtension, Files.Refusal(binary, "data.txt").Failure);
    }

    [Fact]
    public void Markdown_yields_plain_text_with_its_first_heading_as_title()
    {
        var md = Files.Extract("notes.md");

        Assert.Equal(FileKind.Markdown, md.Kind);
        Assert.Equal("text/markdown", md.MediaType);
        Assert.Equal("Police Experts Meeting 2012", md.Title);
        Assert.Contains("The annual meeting discussed cybercrime with 90 experts from participating States.", md.Text, StringComparison.Ordinal);
        Assert.Contains("See the report and SEC.GAL/62/10.", md.Text, StringComparison.Ordinal);
        Assert.Contains("Встреча экспертов полиции рекомендовала обучение.", md.Text, StringComparison.Ordinal);
        Assert.Contains("code blocks keep their words", md.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_markup_and_raw_html_leave_no_trace()
    {
        var md = Files.Extract("notes.md");

        Assert.DoesNotContain("**", md.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("# ", md.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("https://example.org", md.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("never run", md.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", md.Text, StringComparison.Ordinal);
    }
}
