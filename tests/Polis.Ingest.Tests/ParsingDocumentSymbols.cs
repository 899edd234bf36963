namespace Polis.Ingest.Tests;

public sealed class ParsingDocumentSymbols
{
    [Theory]
    [InlineData("PC.DEC/1049", "PC.DEC/1049", "PC", "DEC", 1049, null, null, null)]
    [InlineData("MC.DEC/9/11", "MC.DEC/9/11", "MC", "DEC", 9, 2011, null, null)]
    [InlineData("MC.DOC/1/03", "MC.DOC/1/03", "MC", "DOC", 1, 2003, null, null)]
    [InlineData("SEC.DOC/2/08", "SEC.DOC/2/08", "SEC", "DOC", 2, 2008, null, null)]
    [InlineData("SEC.GAL/62/10", "SEC.GAL/62/10", "SEC", "GAL", 62, 2010, null, null)]
    [InlineData("SUM.DOC/1/10/Corr.1", "SUM.DOC/1/10/Corr.1", "SUM", "DOC", 1, 2010, "Corr.1", null)]
    [InlineData("PC.DEL/1081/10", "PC.DEL/1081/10", "PC", "DEL", 1081, 2010, null, null)]
    [InlineData("MC(9).DEC/9", "MC(9).DEC/9", "MC", "DEC", 9, null, null, 9)]
    [InlineData("FSC.DEC/3/94", "FSC.DEC/3/94", "FSC", "DEC", 3, 1994, null, null)]
    [InlineData("PC.JOUR/1049", "PC.JOUR/1049", "PC", "JOUR", 1049, null, null, null)]
    [InlineData("SEC.GAL/62/10/Rev.2", "SEC.GAL/62/10/Rev.2", "SEC", "GAL", 62, 2010, "Rev.2", null)]
    [InlineData("PC.DEC/1049/Add.1", "PC.DEC/1049/Add.1", "PC", "DEC", 1049, null, "Add.1", null)]
    [InlineData("PC.DEL/5/12/Rev.1/Corr.1", "PC.DEL/5/12/Rev.1/Corr.1", "PC", "DEL", 5, 2012, "Rev.1/Corr.1", null)]
    [InlineData("PC.SHDM.GAL/1/10", "PC.SHDM.GAL/1/10", "PC.SHDM", "GAL", 1, 2010, null, null)]
    [InlineData("pc.dec/1049", "PC.DEC/1049", "PC", "DEC", 1049, null, null, null)]
    [InlineData("PC.DEC/ 1049", "PC.DEC/1049", "PC", "DEC", 1049, null, null, null)]
    [InlineData(" mc.dec / 9 / 11 ", "MC.DEC/9/11", "MC", "DEC", 9, 2011, null, null)]
    [InlineData("sum.doc/1/10/corr.1", "SUM.DOC/1/10/Corr.1", "SUM", "DOC", 1, 2010, "Corr.1", null)]
    [InlineData("mc(9).dec/9", "MC(9).DEC/9", "MC", "DEC", 9, null, null, 9)]
    public void Valid_symbols_are_parsed_to_their_canonical_form(
        string text, string canonical, string body, string kind, int number, int? year, string? suffix, int? meeting)
    {
        Assert.True(DocumentSymbol.TryParse(text, out var symbol));

        Assert.Equal(canonical, symbol.Canonical);
        Assert.Equal(canonical, symbol.ToString());
        Assert.Equal(body, symbol.Body);
        Assert.Equal(kind, symbol.Kind);
        Assert.Equal(number, symbol.Number);
        Assert.Equal(year, symbol.Year);
        Assert.Equal(suffix, symbol.Suffix);
        Assert.Equal(meeting, symbol.Meeting);
    }

    [Theory]
    [InlineData("PC.DEC/")]
    [InlineData("ABC")]
    [InlineData("1049")]
    [InlineData("http://x/PC.DEC/abc")]
    [InlineData("PC.DEC/abc")]
    [InlineData("PC/1049")]
    [InlineData("P.DEC/1049")]
    [InlineData("PC.DEC/0")]
    [InlineData("PC.DEC/1049/Foo.1")]
    [InlineData("PC.DEC/1049/123")]
    [InlineData("PC.DEC/1049x")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Junk_is_rejected(string? text)
    {
        Assert.False(DocumentSymbol.TryParse(text, out var symbol));
        Assert.Equal(default, symbol);
    }

    [Fact]
    public void Two_spellings_of_one_symbol_are_equal()
    {
        Assert.True(DocumentSymbol.TryParse("mc.dec/9/11", out var a));
        Assert.True(DocumentSymbol.TryParse("MC.DEC/9/2011", out var b));

        Assert.Equal(a, b);
    }

    [Fact]
    public void Symbols_are_found_in_running_text_without_trailing_punctuation()
    {
        var found = DocumentSymbol.FindAll("see PC.DEC/1049, and MC.DEC/9/11.");

        Assert.Equal(["PC.DEC/1049", "MC.DEC/9/11"], found.Select(s => s.Canonical));
    }

    [Fact]
    public void Each_symbol_is_found_once_in_order_of_first_appearance()
    {
        var text = "Under SUM.DOC/1/10/Corr.1 (see also PC.DEC/1049) the Council, recalling PC.DEC/ 1049 and "
            + "MC(9).DEC/9; cf. SEC.GAL/62/10: \"PC.DEL/1081/10\".";

        var found = DocumentSymbol.FindAll(text);

        Assert.Equal(["SUM.DOC/1/10/Corr.1", "PC.DEC/1049", "MC(9).DEC/9", "SEC.GAL/62/10", "PC.DEL/1081/10"],
            found.Select(s => s.Canonical));
    }

    [Theory]
    [InlineData("http://x/PC.DEC/abc")]
    [InlineData("see example.com/123 and www.osce.org/12345")]
    [InlineData("PC.DEC/abc, ABC, 1049 and PC.DEC/")]
    [InlineData("the file PC.DEC/1049x.pdf")]
    public void Running_text_without_symbols_yields_none(string text)
    {
        Assert.Empty(DocumentSymbol.FindAll(text));
    }
}
