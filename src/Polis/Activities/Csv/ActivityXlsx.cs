using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Polis.Activities.Csv;

/// <summary>
/// The activities as an XLSX workbook (SpreadsheetML written with DocumentFormat.OpenXml): one sheet, the CSV's columns,
/// numbers as numbers, every text cell an inline string (a spreadsheet never runs it as a formula).
/// </summary>
public static class ActivityXlsx
{
    private static readonly HashSet<string> NumberColumns = ["participants_total", "participants_women", "participants_men"];

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<ActivityView> activities, CancellationToken ct)
    {
        // OpenXml needs a seekable stream; the workbook is built in memory, then copied to the response.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, ActivityCsv.Columns);
                await foreach (var a in activities.WithCancellation(ct)) WriteRow(writer, ActivityCsv.Row(a));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Activities" }));
            workbook.Workbook.Save();
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    private static void WriteRow(OpenXmlWriter writer, IReadOnlyList<string> cells)
    {
        writer.WriteStartElement(new Row());
        for (var i = 0; i < cells.Count; i++)
        {
            var value = cells[i];
            if (NumberColumns.Contains(ActivityCsv.Columns[i]) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                writer.WriteElement(new Cell { DataType = CellValues.Number, CellValue = new CellValue(value) });
            else
                writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value) { Space = SpaceProcessingModeValues.Preserve }) });
        }
        writer.WriteEndElement();
    }
}
