using System.Text.Json.Serialization;
using Polis.Activities.Coverage;

namespace Polis.Activities.Reporting;

/// <summary>
/// A report as a list of blocks, written once (AnnualReportComposer) and rendered twice: as the HTML page
/// and as DOCX (<see cref="DocxReportWriter"/>). Both show the same words and numbers because both render these blocks.
/// </summary>
public sealed record ReportDocument(string Title, string Language, IReadOnlyList<ReportBlock> Blocks)
{
    /// <summary>Every word and number of the report in reading order (what the access test compares).</summary>
    public string PlainText() => string.Join('\n', Blocks.Select(b => b.PlainText()));
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ReportHeading), "heading")]
[JsonDerivedType(typeof(ReportParagraph), "paragraph")]
[JsonDerivedType(typeof(ReportTable), "table")]
[JsonDerivedType(typeof(ReportChart), "chart")]
[JsonDerivedType(typeof(ReportContents), "contents")]
public abstract record ReportBlock
{
    public abstract string PlainText();
}

/// <summary>A heading, level 1 (chapter) to 3; <see cref="Anchor"/> is its id in the HTML page.</summary>
public sealed record ReportHeading(int Level, string Text, string Anchor) : ReportBlock
{
    public override string PlainText() => Text;
}

public sealed record ReportParagraph(string Text) : ReportBlock
{
    public override string PlainText() => Text;
}

/// <summary>A table with a caption (the first column is the row header).</summary>
public sealed record ReportTable(string Caption, ExportTable Table) : ReportBlock
{
    public override string PlainText() =>
        Caption + "\n" + string.Join('\t', Table.Headers) + "\n"
        + string.Join('\n', Table.Rows.Select(r => string.Join('\t', r.Select(c => Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture)))));
}

/// <summary>A chart: its SVG for the page and the table of its numbers (beside it on the page; in its place in DOCX).</summary>
public sealed record ReportChart(string Svg, ReportTable Numbers) : ReportBlock
{
    public override string PlainText() => Numbers.PlainText();
}

/// <summary>The table of contents (the HTML lists the headings; DOCX has a TOC field that Word fills when it opens the file).</summary>
public sealed record ReportContents(string Title) : ReportBlock
{
    public override string PlainText() => Title;
}
