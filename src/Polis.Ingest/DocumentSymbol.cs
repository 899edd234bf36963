using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Polis.Ingest;

/// <summary>
/// The symbol of an official document, e.g. <c>PC.DEC/1049</c>, <c>MC.DEC/9/11</c>, <c>SUM.DOC/1/10/Corr.1</c> or
/// the older <c>MC(9).DEC/9</c>. Texts cite each other by symbol, so symbols are the edges of the citation graph;
/// two spellings of one symbol are equal.
/// </summary>
public readonly partial record struct DocumentSymbol
{
    private readonly string? body;
    private readonly string? kind;

    private DocumentSymbol(string body, int? meeting, string kind, int number, int? year, string? suffix)
    {
        this.body = body;
        Meeting = meeting;
        this.kind = kind;
        Number = number;
        Year = year;
        Suffix = suffix;
    }

    /// <summary>The issuing body: PC, MC, SEC, SUM, FSC…, or several of them for subsidiary bodies (PC.SHDM).</summary>
    public string Body => body ?? "";

    /// <summary>The meeting number of the older form: 9 in <c>MC(9).DEC/9</c>.</summary>
    public int? Meeting { get; }

    /// <summary>The document series: DEC, DOC, GAL, DEL, JOUR…</summary>
    public string Kind => kind ?? "";

    public int Number { get; }

    /// <summary>The year with its century: /03 is 2003, /94 is 1994.</summary>
    public int? Year { get; }

    /// <summary>Corrigenda, revisions and addenda, e.g. <c>Corr.1</c> or <c>Rev.1/Corr.1</c>.</summary>
    public string? Suffix { get; }

    /// <summary>The upper-case form documents print, e.g. <c>MC.DEC/9/11</c>.</summary>
    public string Canonical
    {
        get
        {
            var text = new StringBuilder(Body);
            if (Meeting is { } meeting)
            {
                var firstDot = Body.IndexOf('.', StringComparison.Ordinal);
                text.Insert(firstDot < 0 ? Body.Length : firstDot, string.Create(CultureInfo.InvariantCulture, $"({meeting})"));
            }
            text.Append('.').Append(Kind).Append('/').Append(Number.ToString(CultureInfo.InvariantCulture));
            if (Year is { } year) text.Append('/').Append((year % 100).ToString("00", CultureInfo.InvariantCulture));
            if (Suffix is not null) text.Append('/').Append(Suffix);
            return text.ToString();
        }
    }

    public override string ToString() => Canonical;

    /// <summary>Reads a whole string as one symbol, ignoring case and spaces (<c>pc.dec/ 1049</c>).</summary>
    public static bool TryParse(string? text, out DocumentSymbol symbol)
    {
        symbol = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200) return false;
        var compact = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c)) compact.Append(c);
        }
        var match = WholeSymbol().Match(compact.ToString());
        return match.Success && TryRead(match, out symbol);
    }

    /// <summary>
    /// Every symbol cited in running text, each once, in order of first appearance. Only upper-case symbols
    /// count here (as documents print them), so lower-case host names such as example.com/12 are not taken.
    /// </summary>
    public static IReadOnlyList<DocumentSymbol> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<DocumentSymbol>();
        var seen = new HashSet<DocumentSymbol>();
        foreach (Match match in SymbolInText().Matches(text))
        {
            if (TryRead(match, out var symbol) && seen.Add(symbol)) found.Add(symbol);
        }
        return found;
    }

    private static bool TryRead(Match match, out DocumentSymbol symbol)
    {
        symbol = default;
        var number = int.Parse(match.Groups["number"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        if (number == 0) return false;
        int? year = null;
        if (match.Groups["year"] is { Success: true } yearGroup)
        {
            var digits = int.Parse(yearGroup.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            // CSCE documents start in 1973, so two-digit years from 70 up belong to the last century.
            year = yearGroup.Length == 2 ? (digits >= 70 ? 1900 + digits : 2000 + digits)
                : digits is >= 1970 and <= 2099 ? digits : null;
            if (year is null) return false;
        }
        int? meeting = match.Groups["meeting"] is { Success: true } m
            ? int.Parse(m.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;
        string? suffix = null;
        var kinds = match.Groups["suffix"].Captures;
        if (kinds.Count > 0)
        {
            var numbers = match.Groups["suffixNumber"].Captures;
            suffix = string.Join('/', kinds.Select((k, i) => SuffixName(k.Value) + "."
                + int.Parse(numbers[i].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)));
        }
        symbol = new DocumentSymbol(
            (match.Groups["body"].Value + match.Groups["more"].Value).ToUpperInvariant(), meeting,
            match.Groups["kind"].Value.ToUpperInvariant(), number, year, suffix);
        return true;
    }

    private static string SuffixName(string written) => written.ToUpperInvariant() switch
    {
        "CORR" => "Corr",
        "REV" => "Rev",
        _ => "Add",
    };

    // One grammar, two letter classes: TryParse accepts any case, running text only upper case.
    // [0-9], not \d: .NET's \d also matches Arabic-Indic and other digits, which the invariant int.Parse refuses.
    private const string NumberPattern = @"(?<number>[0-9]{1,5})";

    private const string YearAndSuffix =
        @"(?:/ ?(?<year>[0-9]{4}|[0-9]{2}))?"
        + @"(?:/ ?(?<suffix>[Cc][Oo][Rr][Rr]|[Rr][Ee][Vv]|[Aa][Dd][Dd])\.? ?(?<suffixNumber>[0-9]{1,3}))*";

    [GeneratedRegex(
        @"^(?<body>[A-Za-z]{2,10})(?:\((?<meeting>[0-9]{1,3})\))?(?<more>(?:\.[A-Za-z]{2,10})*)\.(?<kind>[A-Za-z]{2,10})/"
        + NumberPattern + YearAndSuffix + "$",
        RegexOptions.CultureInvariant)]
    private static partial Regex WholeSymbol();

    // Not glued to a word, path or host before it (x/PC.DEC/1), and not running on into more letters, digits
    // or path segments after it; a sentence's closing period stays outside.
    [GeneratedRegex(
        @"(?<![A-Za-z0-9./:\\_@-])(?<body>[A-Z]{2,10})(?:\((?<meeting>[0-9]{1,3})\))?(?<more>(?:\.[A-Z]{2,10})*)\.(?<kind>[A-Z]{2,10})/ ?"
        + NumberPattern + YearAndSuffix + @"(?![A-Za-z0-9]|/ ?[A-Za-z0-9])",
        RegexOptions.CultureInvariant)]
    private static partial Regex SymbolInText();
}
