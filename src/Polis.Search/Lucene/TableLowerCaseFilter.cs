using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;

namespace Polis.Search;

// Lower-cases each token to exactly the characters Lucene's LowerCaseFilter gives (at LanguageAnalyzers.Version), but
// from a table for every character below TableSize (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, the Indic
// scripts, Georgian, Latin Extended Additional, Greek Extended, punctuation …). Lucene's filter lower-cases each token
// through .NET's invariant casing, which calls ICU for any token holding a letter outside ASCII: most German, Spanish,
// French and Russian words. That was 0.36 s of a 17-PDF import's samples (issue 21, ninth pass). The table is made at
// start-up by that same call over every character below TableSize, and a token holding any character at or above it
// (a surrogate, CJK, anything else) goes whole through Lucene's own call, so nothing is guessed: invariant casing maps
// one UTF-16 character to one, without context, which the tests check for every character and surrogate pair.
internal sealed class TableLowerCaseFilter : TokenFilter
{
    internal const int TableSize = 0x3000;
    private static readonly CharacterUtils Lucene = CharacterUtils.GetInstance(LanguageAnalyzers.Version);
    private static readonly char[] Table = BuildTable();

    private readonly ICharTermAttribute term;

    public TableLowerCaseFilter(TokenStream input)
        : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        var buffer = term.Buffer;
        var length = term.Length;
        var token = buffer.AsSpan(0, length);
        if (token.IndexOfAnyInRange((char)TableSize, char.MaxValue) >= 0)
        {
            Lucene.ToLower(buffer, 0, length);
            return true;
        }
        var table = Table;
        for (var i = 0; i < token.Length; i++)
        {
            token[i] = table[token[i]];
        }
        return true;
    }

    // Every character below TableSize lower-cased by Lucene's own call, all at once (none is a surrogate).
    private static char[] BuildTable()
    {
        var table = new char[TableSize];
        for (var c = 0; c < TableSize; c++)
        {
            table[c] = (char)c;
        }
        Lucene.ToLower(table, 0, TableSize);
        return table;
    }
}
