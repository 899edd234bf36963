namespace Polis.Search.Tests;

public sealed class FindingDocumentsBySymbol
{
    private static Task<LuceneSearchIndex> CorpusAsync() => Index.WithAsync(
        Index.Doc("citing", "Implementation of MC.DEC/3/05 in 2006: MC.DEC/3/05 follow-up",
            "This report reviews MC.DEC/3/05 and MC.DEC/3/05 again."),
        Index.Doc("decision", "Decision on combating transnational organized crime", "The Ministerial Council decides.",
            symbol: "MC.DEC/3/05"),
        Index.Doc("neighbour", "Decision on countering terrorism", "The Ministerial Council decides.", symbol: "MC.DEC/3/06"),
        Index.Doc("old", "Decision on the police", "Helsinki.", symbol: "MC(9).DEC/9"));

    [Theory]
    [InlineData("MC.DEC/3/05")]
    [InlineData("mc.dec/3/05")]
    [InlineData("  Mc.Dec/3/05 ")]
    [InlineData("decision MC.DEC/3/05")]
    public async Task The_document_carrying_the_symbol_ranks_first(string text)
    {
        using var index = await CorpusAsync();

        var results = await index.SearchAsync(text);

        Assert.Equal("decision", results.Hits[0].Id);
        Assert.Equal("MC.DEC/3/05", results.Hits[0].Symbol);
    }

    [Fact]
    public async Task An_old_style_symbol_with_parentheses_is_found_exactly()
    {
        using var index = await CorpusAsync();

        var results = await index.SearchAsync("mc(9).dec/9");

        Assert.Equal("old", results.Hits[0].Id);
    }

    [Fact]
    public async Task A_symbol_prefix_lists_the_series()
    {
        using var index = await CorpusAsync();

        var results = await index.SearchAsync("MC.DEC/3*");

        Assert.Equal(["decision", "neighbour"], results.Ids().Take(2).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("MC.DEC/3/05", true)]
    [InlineData("PC.DEC/1049", true)]
    [InlineData("MC(9).DEC/9", true)]
    [InlineData("SUM.DOC/1/10/Corr.1", true)]
    [InlineData("SEC.GAL/62/10", true)]
    [InlineData("police", false)]
    [InlineData("e.g.", false)]
    [InlineData("2012", false)]
    [InlineData("and/or", false)]
    public void A_token_looks_like_a_symbol_when_it_mixes_letters_digits_and_separators(string token, bool expected) =>
        Assert.Equal(expected, QueryText.LooksLikeSymbol(token));
}
