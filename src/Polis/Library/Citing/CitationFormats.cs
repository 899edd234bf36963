using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Polis.Library.Citing;

/// <summary>
/// What a citation of a document says, in any format. <c>Key</c> is the citation key: the symbol with its punctuation
/// as dashes (PC-DEC-1049), else polis-{short id}; <c>Author</c> the issuing body as an institutional author (its code);
/// <c>Genre</c> the document type in English words ("Decision"); <c>Url</c> the permanent link.
/// </summary>
public sealed record CitationRecord(
    string Key, string Title, string? Author, DocumentType Type, string Genre, string? Symbol, DateOnly? Date, string? Language,
    string? Series, int? Volume, string Publisher, string Url);

/// <summary>
/// BibTeX, RIS and CSL-JSON written by hand: no maintained .NET library for these formats is available here (none
/// in the package lists), and each is a few documented fields. The tests read every export with Citation.js.
/// </summary>
public static class CitationFormats
{
    public const string BibTexMediaType = "application/x-bibtex";
    public const string RisMediaType = "application/x-research-info-systems";
    public const string CslJsonMediaType = "application/vnd.citationstyles.csl+json";

    private enum Kind { Report, Book, Article, Legislation, Other }

    private static Kind KindOf(DocumentType type) => type switch
    {
        DocumentType.Decision or DocumentType.Declaration or DocumentType.ActionPlan or DocumentType.Report
            or DocumentType.LessonsLearned or DocumentType.EventReport or DocumentType.EventAgenda => Kind.Report,
        DocumentType.Guidebook or DocumentType.TrainingCurriculum or DocumentType.TrainingModule or DocumentType.TrainingMaterial => Kind.Book,
        DocumentType.Article => Kind.Article,
        DocumentType.Legislation => Kind.Legislation,
        _ => Kind.Other,
    };

    // ---- BibTeX (the fields of BibTeX's standard styles, plus date, language and url as biblatex reads them) ----

    public static string BibTex(CitationRecord c)
    {
        var kind = KindOf(c.Type);
        var entry = kind switch { Kind.Report => "techreport", Kind.Book => "book", _ => "misc" };
        var text = new StringBuilder();
        text.Append('@').Append(entry).Append('{').Append(c.Key).Append(",\n");
        void Field(string name, string? value, bool protect = false)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            var escaped = BibTexEscape(value);
            text.Append("  ").Append(name).Append(" = {").Append(protect ? "{" + escaped + "}" : escaped).Append("},\n");
        }
        // Double braces: an institution is one name, not a family and given name, and the title keeps its capitals.
        Field("author", c.Author, protect: true);
        Field("title", c.Title, protect: true);
        Field(kind == Kind.Report ? "institution" : "publisher", c.Publisher);
        if (kind == Kind.Report) Field("type", c.Genre);
        else if (kind != Kind.Book) Field("howpublished", c.Genre);
        Field("number", c.Symbol);
        Field("series", c.Series);
        Field("volume", c.Volume?.ToString(CultureInfo.InvariantCulture));
        if (c.Date is { } date)
        {
            Field("year", date.Year.ToString(CultureInfo.InvariantCulture));
            Field("month", date.Month.ToString(CultureInfo.InvariantCulture));
            Field("date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        Field("language", c.Language);
        // The URL is written as it is (the url package reads it verbatim); a permanent link has no braces or spaces.
        text.Append("  url = {").Append(c.Url).Append("},\n");
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>Escapes the characters TeX treats specially; letters of any script (Cyrillic …) stay as they are, in UTF-8.</summary>
    public static string BibTexEscape(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        foreach (var ch in OneLine(value))
        {
            text.Append(ch switch
            {
                '\\' => @"\textbackslash{}",
                '{' => @"\{",
                '}' => @"\}",
                '&' => @"\&",
                '%' => @"\%",
                '$' => @"\$",
                '#' => @"\#",
                '_' => @"\_",
                '^' => @"\textasciicircum{}",
                '~' => @"\textasciitilde{}",
                _ => ch.ToString(),
            });
        }
        return text.ToString();
    }

    // ---- RIS (Research Information Systems tagged format) ----

    public static string Ris(CitationRecord c)
    {
        var kind = KindOf(c.Type);
        var text = new StringBuilder();
        void Tag(string tag, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            text.Append(tag).Append("  - ").Append(OneLine(value)).Append("\r\n");
        }
        Tag("TY", kind switch { Kind.Report => "RPRT", Kind.Book => "BOOK", Kind.Legislation => "STAT", _ => "GEN" });
        Tag("ID", c.Key);
        Tag("TI", c.Title);
        Tag("AU", c.Author);
        Tag("PY", c.Date?.Year.ToString(CultureInfo.InvariantCulture));
        Tag("DA", c.Date?.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture));
        Tag("PB", c.Publisher);
        Tag("M3", c.Genre);
        // SN is the report number of RPRT (and the ISBN of BOOK, which a symbol is not); M1 is the number otherwise.
        Tag(kind == Kind.Report ? "SN" : "M1", c.Symbol);
        Tag("T3", c.Series);
        Tag("VL", c.Volume?.ToString(CultureInfo.InvariantCulture));
        Tag("LA", c.Language);
        Tag("UR", c.Url);
        text.Append("ER  - \r\n");
        return text.ToString();
    }

    // ---- CSL-JSON (the Citation Style Language's input schema: an array of items) ----

    private static readonly JsonSerializerOptions CslOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string CslJson(CitationRecord c)
    {
        var item = new Dictionary<string, object>
        {
            ["id"] = c.Key,
            ["type"] = KindOf(c.Type) switch
            {
                Kind.Report => "report",
                Kind.Book => "book",
                Kind.Article => "article",
                Kind.Legislation => "legislation",
                _ => "document",
            },
            ["title"] = c.Title,
            ["genre"] = c.Genre,
            ["publisher"] = c.Publisher,
            ["URL"] = c.Url,
        };
        if (c.Author is not null) item["author"] = new[] { new Dictionary<string, string> { ["literal"] = c.Author } };
        if (c.Symbol is not null) item["number"] = c.Symbol;
        if (c.Date is { } d) item["issued"] = new Dictionary<string, int[][]> { ["date-parts"] = [[d.Year, d.Month, d.Day]] };
        if (c.Language is not null) item["language"] = c.Language;
        if (c.Series is not null) item["collection-title"] = c.Series;
        if (c.Volume is { } v) item["volume"] = v.ToString(CultureInfo.InvariantCulture);
        return JsonSerializer.Serialize(new[] { item }, CslOptions) + "\n";
    }

    private static string OneLine(string value) =>
        string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
