using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Polis.Activities.Reporting;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as DOCX with DocumentFormat.OpenXml: a title, a table-of-contents field over
/// headings 1–3 (Word fills it when the file is opened: <c>updateFields</c> is set), real Heading 1–3 styles, paragraphs
/// and bordered tables whose header row repeats on each page. Charts: the project has no SVG-to-PNG library, so a
/// chart is written as the table of its numbers (the same table the page shows beside the SVG); docs/activities.md
/// says so.
/// </summary>
public static class DocxReportWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Write(ReportDocument report, string contentsPlaceholder)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = Styles(report.Language);
            var settings = main.AddNewPart<DocumentSettingsPart>();
            settings.Settings = new Settings(new UpdateFieldsOnOpen { Val = true });
            document.PackageProperties.Title = report.Title;
            document.PackageProperties.Language = report.Language;

            var body = new Body();
            body.Append(Paragraph("Title", report.Title));
            foreach (var block in report.Blocks)
            {
                switch (block)
                {
                    case ReportContents contents:
                        body.Append(Paragraph("TOCHeading", contents.Title));
                        body.Append(TableOfContents(contentsPlaceholder));
                        break;
                    case ReportHeading heading:
                        body.Append(Paragraph("Heading" + Math.Clamp(heading.Level, 1, 3).ToString(CultureInfo.InvariantCulture), heading.Text));
                        break;
                    case ReportParagraph paragraph:
                        body.Append(Paragraph(null, paragraph.Text));
                        break;
                    case ReportChart chart:
                        AppendTable(body, chart.Numbers);
                        break;
                    case ReportTable table:
                        AppendTable(body, table);
                        break;
                }
            }
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 708, Footer = 708, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static void AppendTable(Body body, ReportTable table)
    {
        body.Append(Paragraph("Caption", table.Caption));
        var t = new Table(new TableProperties(
            new TableStyle { Val = "TableGrid" },
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        var grid = new TableGrid();
        foreach (var _ in table.Table.Headers)
        {
            grid.Append(new GridColumn { Width = (9638 / Math.Max(1, table.Table.Headers.Count)).ToString(CultureInfo.InvariantCulture) });
        }
        t.Append(grid);
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        foreach (var h in table.Table.Headers)
        {
            header.Append(Cell(h, bold: true));
        }
        t.Append(header);
        foreach (var row in table.Table.Rows)
        {
            var r = new TableRow();
            foreach (var cell in row)
            {
                r.Append(Cell(Convert.ToString(cell, CultureInfo.CurrentCulture) ?? "", bold: false));
            }
            t.Append(r);
        }
        body.Append(t);
        body.Append(new Paragraph());
    }

    private static TableCell Cell(string text, bool bold)
    {
        var run = new Run(new WordText(Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
        if (bold)
        {
            run.PrependChild(new RunProperties(new Bold()));
        }
        return new TableCell(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" }), run));
    }

    private static Paragraph Paragraph(string? style, string text)
    {
        var paragraph = new Paragraph();
        if (style is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }
        paragraph.Append(new Run(new WordText(Clean(text)) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    // A complex field: Word (and LibreOffice) build the table of contents from the heading styles when they update it.
    private static Paragraph TableOfContents(string placeholder) => new(
        new Run(new FieldChar { FieldCharType = FieldCharValues.Begin, Dirty = true }),
        new Run(new FieldCode(" TOC \\o \"1-3\" \\h \\z \\u ") { Space = SpaceProcessingModeValues.Preserve }),
        new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
        new Run(new WordText(placeholder)),
        new Run(new FieldChar { FieldCharType = FieldCharValues.End }));

    private static Styles Styles(string language)
    {
        var styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri", EastAsia = "Calibri" },
                new FontSize { Val = "22" },
                new Languages { Val = language })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120" }))));
        styles.Append(new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        styles.Append(HeadingStyle("Title", "Title", 40, null));
        styles.Append(HeadingStyle("TOCHeading", "TOC Heading", 28, null));
        styles.Append(HeadingStyle("Heading1", "heading 1", 32, 0));
        styles.Append(HeadingStyle("Heading2", "heading 2", 26, 1));
        styles.Append(HeadingStyle("Heading3", "heading 3", 23, 2));
        styles.Append(new Style(new StyleName { Val = "Caption" }, new BasedOn { Val = "Normal" },
            new StyleRunProperties(new Italic(), new FontSize { Val = "20" }))
        { Type = StyleValues.Paragraph, StyleId = "Caption" });
        styles.Append(new Style(new StyleName { Val = "Table Grid" }) { Type = StyleValues.Table, StyleId = "TableGrid" });
        return styles;
    }

    private static Style HeadingStyle(string id, string name, int halfPoints, int? outline)
    {
        var paragraph = new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" });
        if (outline is { } level)
        {
            paragraph.Append(new OutlineLevel { Val = level });
        }
        return new Style(
            new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle(),
            paragraph,
            new StyleRunProperties(new Bold(), new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) }))
        { Type = StyleValues.Paragraph, StyleId = id };
    }

    private static string Clean(string text) => string.Concat(text.Where(c => c is '\t' || !char.IsControl(c)));
}
