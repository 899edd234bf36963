using System.Text.RegularExpressions;

namespace Polis.Search;

internal enum UnitKind
{
    Word,
    Phrase,
    Prefix,
}

// One searchable piece of the user's text; Start and End index into QueryText.Text.
internal sealed record QueryUnit(UnitKind Kind, string Text, int Start, int End, bool Excluded);

// A lenient lexer for what people type into a search box. It never throws: syntax it does not understand
// becomes a separator, an unbalanced quote runs to the end of the text, and operators without operands vanish.
internal sealed partial class QueryText
{
    public const int MaxLength = 500;
    public const int MaxUnits = 32;

    private QueryText(string text, IReadOnlyList<QueryUnit> units, IReadOnlyList<string> symbols, bool browse)
    {
        Text = text;
        Units = units;
        Symbols = symbols;
        IsBrowse = browse;
    }

    public string Text { get; }

    public IReadOnlyList<QueryUnit> Units { get; }

    // Canonical (upper-case) document symbols found in the text, e.g. "MC.DEC/3/05".
    public IReadOnlyList<string> Symbols { get; }

    // Empty text or a lone "*": list everything the filters allow.
    public bool IsBrowse { get; }

    public static QueryText Parse(string? raw)
    {
        var text = raw ?? "";
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength];
        }
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed == "*")
        {
            return new QueryText(text, [], [], browse: true);
        }
        return new QueryText(text, Lex(text), FindSymbols(text), browse: false);
    }

    // The text of the positive words and phrases at their original offsets, everything else blanked,
    // so that analysing it gives offsets into Text (used to name the translated words).
    public string PositiveText()
    {
        var chars = new char[Text.Length];
        Array.Fill(chars, ' ');
        foreach (var unit in Units)
        {
            if (!unit.Excluded && unit.Kind != UnitKind.Prefix)
            {
                unit.Text.CopyTo(chars.AsSpan(unit.Start));
            }
        }
        return new string(chars);
    }

    public static bool LooksLikeSymbol(string token) =>
        token.Length is >= 4 and <= 64
        && SymbolPattern().IsMatch(token)
        && token.Any(char.IsDigit)
        && (token.Contains('/', StringComparison.Ordinal) || token.Contains('.', StringComparison.Ordinal));

    private static List<string> FindSymbols(string text)
    {
        var symbols = new List<string>();
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = token.Trim(SymbolTrim);
            if (LooksLikeSymbol(candidate))
            {
                var canonical = IndexFields.CanonicalSymbol(candidate);
                if (!symbols.Contains(canonical, StringComparer.Ordinal))
                {
                    symbols.Add(canonical);
                }
            }
        }
        return symbols;
    }

    private static List<QueryUnit> Lex(string text)
    {
        var units = new List<QueryUnit>();
        var negateNext = false;
        var i = 0;
        while (i < text.Length && units.Count < MaxUnits)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var excluded = negateNext;
            negateNext = false;
            if (text[i] is '-' or '!' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                excluded = true;
                i++;
            }
            else if (text[i] == '+')
            {
                negateNext = excluded;
                i++;
                continue;
            }

            if (IsQuote(text[i]))
            {
                var start = i + 1;
                var end = start;
                while (end < text.Length && !IsQuote(text[end]))
                {
                    end++;
                }
                if (HasLetterOrDigit(text.AsSpan(start, end - start)))
                {
                    units.Add(new QueryUnit(UnitKind.Phrase, text[start..end], start, end, excluded));
                }
                i = end + 1;
                continue;
            }

            var tokenStart = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !IsQuote(text[i]))
            {
                i++;
            }
            var token = text[tokenStart..i];
            switch (token)
            {
                case "AND" or "OR" or "&&" or "||":
                    negateNext = excluded;
                    continue;
                case "NOT":
                    negateNext = true;
                    continue;
            }
            AddBareToken(units, token, tokenStart, excluded);
        }
        return units;
    }

    private static void AddBareToken(List<QueryUnit> units, string token, int offset, bool excluded)
    {
        var stem = token.TrimEnd('*');
        if (stem.Length < token.Length && stem.Length >= 2 && stem.All(c => char.IsLetterOrDigit(c) || c is '.' or '/'))
        {
            units.Add(new QueryUnit(UnitKind.Prefix, stem.ToLowerInvariant(), offset, offset + stem.Length, excluded));
            return;
        }
        var symbol = token.Trim(SymbolTrim);
        if (LooksLikeSymbol(symbol))
        {
            // Kept whole: each analyzer splits it into the same runs as it did in the indexed text.
            var at = offset + token.IndexOf(symbol, StringComparison.Ordinal);
            units.Add(new QueryUnit(UnitKind.Word, symbol, at, at + symbol.Length, excluded));
            return;
        }
        // Query-syntax characters separate words; "title:police" is two words, not a field query.
        var start = 0;
        for (var k = 0; k <= token.Length; k++)
        {
            if (k < token.Length && !IsSyntax(token[k]))
            {
                continue;
            }
            if (k > start && HasLetterOrDigit(token.AsSpan(start, k - start)))
            {
                units.Add(new QueryUnit(UnitKind.Word, token[start..k], offset + start, offset + k, excluded));
            }
            start = k + 1;
        }
    }

    private static bool HasLetterOrDigit(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsQuote(char c) => c is '"' or '«' or '»' or '“' or '”' or '„';

    private static bool IsSyntax(char c) => c is ':' or '^' or '~' or '*' or '?' or '\\' or '(' or ')' or '{' or '}'
        or '[' or ']' or '+' or '!' or '&' or '|' or ',' or ';';

    private static readonly char[] SymbolTrim = [',', ';', ':', '"', '«', '»', '“', '”', '„', '\''];

    [GeneratedRegex(@"^\p{L}[\p{L}\p{N}.()/\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SymbolPattern();
}
