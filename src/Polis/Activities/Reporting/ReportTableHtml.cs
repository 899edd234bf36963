using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Polis.Activities.Reporting;

/// <summary>
/// A report table as HTML: a captioned table in a scrollable, focusable region named after it; column headers, and the
/// first cell of each row as its row header. Written into one string per table with the page's encoder, not as a partial
/// view: the chapters of a year of 10,000 activities hold some 100,000 cells, which Razor would buffer as several hundred
/// thousand fragments (docs/performance.md, "Activities at 100,000").
/// </summary>
public static class ReportTableHtml
{
    public static IHtmlContent Render(ReportTable table, HtmlEncoder encoder)
    {
        var html = new StringBuilder(256 + (table.Table.Rows.Count * 64 * Math.Max(1, table.Table.Headers.Count)));
        using var writer = new StringWriter(html, CultureInfo.InvariantCulture);
        writer.Write("<section class=\"table-scroll\" tabindex=\"0\" aria-label=\"");
        encoder.Encode(writer, string.Format(CultureInfo.CurrentCulture, Text.ActivitiesTableRegion, table.Caption));
        writer.Write("\">\n<table>\n    <caption>");
        encoder.Encode(writer, table.Caption);
        writer.Write("</caption>\n    <thead><tr>");
        foreach (var header in table.Table.Headers)
        {
            writer.Write("<th scope=\"col\">");
            encoder.Encode(writer, header);
            writer.Write("</th>");
        }
        writer.Write("</tr></thead>\n    <tbody>\n");
        foreach (var row in table.Table.Rows)
        {
            writer.Write("            <tr>\n");
            for (var i = 0; i < row.Count; i++)
            {
                writer.Write(i == 0 ? "<th scope=\"row\">" : "<td>");
                encoder.Encode(writer, Convert.ToString(row[i], CultureInfo.CurrentCulture) ?? "");
                writer.Write(i == 0 ? "</th>" : "</td>");
            }
            writer.Write("\n            </tr>\n");
        }
        writer.Write("    </tbody>\n</table>\n</section>\n");
        writer.Flush();
        return new HtmlString(html.ToString());
    }
}
