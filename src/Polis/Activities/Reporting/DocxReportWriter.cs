using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Polis.Activities.Reporting;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as DOCX with DocumentFormat.OpenXml: a title, a table-of-contents field over
/// headings 1–3 (Word fills it when the file is opened: <c>updateFields</c> is set), real Heading 1–3 styles, paragraphs
/// and bordered tables whose header row repeats on each page. Charts: the page's SVG rendered to PNG
/// (<see cref="ChartImages"/>) as an inline picture with alt text (its caption, and that the numbers follow), then
/// the table of its numbers (the same table the page shows beside the SVG). The body is streamed with an
/// <see cref="XmlWriter"/> (a year of 10,000 activities is some 100,000 table cells: as a DOM tree they cost more to
/// build and hold than to write, and even <see cref="OpenXmlWriter"/> spent most of the DOCX's time on their start tags;
/// each cell's fixed markup is now written as it is and only its text goes through the writer's escaping) and the package is deflated at its fastest level (docs/performance.md, "Activities at
/// 100,000").
/// </summary>
public static class DocxReportWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Write(ReportDocument report, string contentsPlaceholder)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            // Deflate at its fastest level: the body of a year of 10,000 activities is some 20 MB of XML, which the default
            // level takes several times longer to compress for a file a little smaller.
            document.CompressionOption = System.IO.Packaging.CompressionOption.Fast;
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = Styles(report.Language);
            var settings = main.AddNewPart<DocumentSettingsPart>();
            settings.Settings = new Settings(new UpdateFieldsOnOpen { Val = true });
            document.PackageProperties.Title = report.Title;
            document.PackageProperties.Language = report.Language;

            // The charts first (their image parts and relationships), then the body streamed part by part: the tables of a
            // year of 10,000 activities hold some 100,000 cells, which are written as they come and never held as a tree.
            var pictures = new Dictionary<ReportChart, Paragraph>(ReferenceEqualityComparer.Instance);
            uint id = 0;
            foreach (var chart in report.Blocks.OfType<ReportChart>())
            {
                if (ChartImages.Render(chart.Svg) is { } image)
                {
                    pictures[chart] = Picture(main, image, ++id, chart.Numbers.Caption + ". " + Text.ReportChartAlt);
                }
            }
            using (var body = main.GetStream(FileMode.Create, FileAccess.Write))
            using (var writer = XmlWriter.Create(body, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false }))
            {
                writer.WriteStartDocument(true);
                writer.WriteStartElement("w", "document", W);
                writer.WriteStartElement("w", "body", W);
                Paragraph("Title", report.Title).WriteTo(writer);
                foreach (var block in report.Blocks)
                {
                    switch (block)
                    {
                        case ReportContents contents:
                            Paragraph("TOCHeading", contents.Title).WriteTo(writer);
                            TableOfContents(contentsPlaceholder).WriteTo(writer);
                            break;
                        case ReportHeading heading:
                            Paragraph("Heading" + Math.Clamp(heading.Level, 1, 3).ToString(CultureInfo.InvariantCulture), heading.Text).WriteTo(writer);
                            break;
                        case ReportParagraph paragraph:
                            Paragraph(null, paragraph.Text).WriteTo(writer);
                            break;
                        case ReportChart chart:
                            if (pictures.TryGetValue(chart, out var picture))
                            {
                                picture.WriteTo(writer);
                            }
                            WriteTable(writer, chart.Numbers);
                            break;
                        case ReportTable table:
                            WriteTable(writer, table);
                            break;
                    }
                }
                new SectionProperties(
                    new PageSize { Width = 11906, Height = 16838 },
                    new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 708, Footer = 708, Gutter = 0 }).WriteTo(writer);
                writer.WriteEndElement();
                writer.WriteEndElement();
                writer.WriteEndDocument();
            }
        }
        return stream.ToArray();
    }

    /// <summary>The WordprocessingML namespace (prefix <c>w</c>, declared on the document element).</summary>
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    // A body cell as the elements would write it: <w:tc><w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:t xml:space="preserve">…
    private const string CellStart = "<w:tc><w:p><w:pPr><w:spacing w:after=\"0\" /></w:pPr><w:r><w:t xml:space=\"preserve\">";
    private const string CellEnd = "</w:t></w:r></w:p></w:tc>";

    /// <summary>
    /// Writes a table: a caption, the table's properties, grid and header row as elements, then each body row with its
    /// cells' fixed markup written as it is and only the text escaped by the writer (the same XML the elements give).
    /// </summary>
    private static void WriteTable(XmlWriter writer, ReportTable table)
    {
        Paragraph("Caption", table.Caption).WriteTo(writer);
        writer.WriteStartElement("w", "tbl", W);
        new TableProperties(
            new TableStyle { Val = "TableGrid" },
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })).WriteTo(writer);
        var grid = new TableGrid();
        foreach (var _ in table.Table.Headers)
        {
            grid.Append(new GridColumn { Width = (9638 / Math.Max(1, table.Table.Headers.Count)).ToString(CultureInfo.InvariantCulture) });
        }
        grid.WriteTo(writer);
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        foreach (var h in table.Table.Headers)
        {
            header.Append(Cell(h, bold: true));
        }
        header.WriteTo(writer);
        foreach (var cells in table.Table.Rows)
        {
            writer.WriteStartElement("w", "tr", W);
            foreach (var value in cells)
            {
                writer.WriteRaw(CellStart);
                writer.WriteString(Clean(Convert.ToString(value, CultureInfo.CurrentCulture) ?? ""));
                writer.WriteRaw(CellEnd);
            }
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        new Paragraph().WriteTo(writer);
    }

    /// <summary>EMU (English metric units) per CSS pixel: 914,400 per inch, 96 pixels per inch.</summary>
    private const long EmuPerPixel = 9525;

    /// <summary>The widest a picture is drawn: the text width of the page (A4 less 2 cm margins), in EMU.</summary>
    private const long MaxWidthEmu = 9638L * 635;

    // An inline picture (DrawingML) whose docPr and pic:cNvPr carry the alt text that screen readers and Word's
    // "Alt Text" pane read.
    private static Paragraph Picture(MainDocumentPart main, ChartImage image, uint id, string alt)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var png = new MemoryStream(image.Png))
        {
            part.FeedData(png);
        }
        var relationship = main.GetIdOfPart(part);
        var cx = (long)(image.Width * EmuPerPixel);
        var cy = (long)(image.Height * EmuPerPixel);
        if (cx > MaxWidthEmu)
        {
            cy = cy * MaxWidthEmu / cx;
            cx = MaxWidthEmu;
        }
        var name = "Chart " + id.ToString(CultureInfo.InvariantCulture);
        alt = Clean(alt);
        var drawing = new Drawing(new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = name, Description = alt },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(
                        new PIC.NonVisualDrawingProperties { Id = 0U, Name = name + ".png", Description = alt },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationship }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U });
        return new Paragraph(new ParagraphProperties(new KeepNext()), new Run(drawing));
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

    private static string Clean(string text)
    {
        foreach (var c in text)
        {
            if (c is not '\t' && char.IsControl(c))
            {
                return string.Concat(text.Where(c => c is '\t' || !char.IsControl(c)));
            }
        }
        return text;
    }
}
