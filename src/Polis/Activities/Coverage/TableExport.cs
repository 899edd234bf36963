using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Polis.Activities.Coverage;

/// <summary>A table to export: a sheet name, headers, and rows of text or numbers (null: empty cell).</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, [property: JsonIgnore] IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>The rows as text, for JSON (numbers written invariantly; null: an empty cell).</summary>
    [JsonPropertyName("rows")]
    public IReadOnlyList<IReadOnlyList<string?>> Cells =>
        [.. Rows.Select(r => (IReadOnlyList<string?>)[.. r.Select(c => c is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : c?.ToString())])];
}

/// <summary>
/// Writes tables as CSV (RFC 4180; UTF-8 with BOM so spreadsheet programs read the Cyrillic; text cells that a
/// spreadsheet would run as a formula — starting with = + - @, a tab or a carriage return — get a leading apostrophe)
/// and as XLSX (SpreadsheetML through DocumentFormat.OpenXml: numbers as numbers, text as inline strings, one sheet
/// per table, the header row bold and frozen).
/// </summary>
public static class TableExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>One table, or several one after the other, each after a line with its name and before an empty line.</summary>
    public static byte[] Csv(params ExportTable[] tables)
    {
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            if (tables.Length > 1)
            {
                Line(text, [table.Name]);
            }
            Line(text, table.Headers.Cast<object?>().ToList());
            foreach (var row in table.Rows)
            {
                Line(text, row);
            }
            if (tables.Length > 1)
            {
                text.Append("\r\n");
            }
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    // RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; lines end with CRLF.
    private static void Line(StringBuilder text, IReadOnlyList<object?> cells)
    {
        for (var c = 0; c < cells.Count; c++)
        {
            if (c > 0)
            {
                text.Append(',');
            }
            var field = cells[c] switch
            {
                null => "",
                string value => Neutralise(value),
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                var other => Neutralise(other.ToString() ?? ""),
            };
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(field);
            }
        }
        text.Append("\r\n");
    }

    /// <summary>A text cell a spreadsheet would evaluate gets a leading apostrophe (OWASP CSV injection).</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    public static byte[] Xlsx(params ExportTable[] tables)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var t = 0; t < tables.Length; t++)
            {
                var table = tables[t];
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.Append(Row(1, table.Headers.Cast<object?>().ToList(), bold: true));
                for (var r = 0; r < table.Rows.Count; r++)
                {
                    data.Append(Row((uint)(r + 2), table.Rows[r], bold: false));
                }
                var view = new SheetViews(new SheetView(new Pane
                {
                    VerticalSplit = 1,
                    TopLeftCell = "A2",
                    ActivePane = PaneValues.BottomLeft,
                    State = PaneStateValues.Frozen,
                })
                { WorkbookViewId = 0 });
                part.Worksheet = new Worksheet(view, data);
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(t + 1), Name = SheetName(table.Name, t, used) });
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, IReadOnlyList<object?> cells, bool bold)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < cells.Count; c++)
        {
            var reference = Column(c) + index.ToString(CultureInfo.InvariantCulture);
            var cell = cells[c] switch
            {
                null => new Cell { CellReference = reference },
                int or long or decimal or double or float => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.Number,
                    CellValue = new CellValue(((IFormattable)cells[c]!).ToString(null, CultureInfo.InvariantCulture)),
                },
                var value => new Cell(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(Clean(value.ToString() ?? "")) { Space = SpaceProcessingModeValues.Preserve }))
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                },
            };
            if (bold)
            {
                cell.StyleIndex = 1;
            }
            row.Append(cell);
        }
        return row;
    }

    // XML 1.0 cannot carry most control characters; a spreadsheet cell has no use for them.
    private static string Clean(string text) => string.Concat(text.Where(c => c is '\t' or '\n' or '\r' || !char.IsControl(c)));

    private static string Column(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }
        return name;
    }

    private static string SheetName(string name, int index, HashSet<string> used)
    {
        var clean = new string([.. name.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]).Trim('\'');
        if (clean.Length == 0)
        {
            clean = "Sheet";
        }
        clean = clean.Length > 28 ? clean[..28] : clean;
        var result = clean;
        for (var n = 2; !used.Add(result); n++)
        {
            result = clean + " " + n.ToString(CultureInfo.InvariantCulture);
        }
        _ = index;
        return result;
    }

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
}
