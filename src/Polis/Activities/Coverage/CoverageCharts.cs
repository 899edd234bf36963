using System.Globalization;
using System.Net;
using System.Text;

namespace Polis.Activities.Coverage;

/// <summary>
/// Server-side SVG charts (no script): a heat map of the coverage matrix and horizontal bar charts (trend by year,
/// annex tables). Each SVG is an image with a title and a description; the page shows the same numbers in a table
/// beside it, so the SVG is <c>aria-hidden</c>-free but never the only way to read them.
/// </summary>
public static class CoverageCharts
{
    private const int CellWidth = 64;
    private const int CellHeight = 28;
    private const int RowLabelWidth = 190;
    private const int HeaderHeight = 120;

    /// <summary>A heat map: States (rows) × priorities (columns), each cell shaded by its activity count and labelled with it.</summary>
    public static string Matrix(CoverageMatrix matrix, string title, string description)
    {
        var width = RowLabelWidth + (matrix.Priorities.Count * CellWidth) + 10;
        var height = HeaderHeight + (matrix.States.Count * CellHeight) + 10;
        var max = Math.Max(1, matrix.Cells.Count == 0 ? 1 : matrix.Cells.Max(c => c.Counts.Activities));
        var svg = Start(width, height, title, description, "coverage-matrix",
            string.Join(";", matrix.Cells.Select(c => $"{c.State}/{c.Priority}/{c.Counts.Activities}")) + string.Join(";", matrix.States.Select(s => s.Code)));
        for (var p = 0; p < matrix.Priorities.Count; p++)
        {
            var x = RowLabelWidth + (p * CellWidth) + (CellWidth / 2);
            svg.Append(Invariant($"<text x=\"{x}\" y=\"{HeaderHeight - 6}\" transform=\"rotate(-40 {x} {HeaderHeight - 6})\" font-size=\"11\">"))
               .Append(Escape(Short(matrix.Priorities[p].Name, 26))).Append("</text>");
        }
        for (var s = 0; s < matrix.States.Count; s++)
        {
            var y = HeaderHeight + (s * CellHeight);
            svg.Append(Invariant($"<text x=\"{RowLabelWidth - 6}\" y=\"{y + 18}\" text-anchor=\"end\" font-size=\"12\">"))
               .Append(Escape(Short(matrix.States[s].Name, 28))).Append("</text>");
            for (var p = 0; p < matrix.Priorities.Count; p++)
            {
                var count = matrix[matrix.States[s].Code, matrix.Priorities[p].Code].Activities;
                var x = RowLabelWidth + (p * CellWidth);
                var shade = count == 0 ? "#f4f4f4" : Blue((double)count / max);
                var ink = count > 0 && (double)count / max > 0.55 ? "#fff" : "#222";
                svg.Append(Invariant($"<rect x=\"{x}\" y=\"{y}\" width=\"{CellWidth - 2}\" height=\"{CellHeight - 2}\" fill=\"{shade}\"/>"));
                if (count > 0)
                {
                    svg.Append(Invariant($"<text x=\"{x + (CellWidth / 2) - 1}\" y=\"{y + 18}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{ink}\">{count}</text>"));
                }
            }
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars, one per label, each labelled with its value.</summary>
    public static string Bars(IReadOnlyList<(string Label, int Value)> bars, string title, string description)
    {
        const int barHeight = 22;
        const int labelWidth = 200;
        const int plotWidth = 360;
        var height = 10 + (bars.Count * (barHeight + 6));
        var width = labelWidth + plotWidth + 60;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var svg = Start(width, height, title, description, "coverage-bars", string.Join(";", bars.Select(b => $"{b.Label}={b.Value}")));
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = 5 + (i * (barHeight + 6));
            var length = (int)Math.Round((double)value / max * plotWidth);
            svg.Append(Invariant($"<text x=\"{labelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\" font-size=\"12\">")).Append(Escape(Short(label, 30))).Append("</text>")
               .Append(Invariant($"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{Math.Max(length, value > 0 ? 2 : 0)}\" height=\"{barHeight}\" fill=\"#1f5f99\"/>"))
               .Append(Invariant($"<text x=\"{labelWidth + length + 6}\" y=\"{y + 15}\" font-size=\"12\">{value}</text>"));
        }
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Start(int width, int height, string title, string description, string cssClass, string data)
    {
        // The same chart gets the same ids (pages and reports compare equal); another chart on the page gets others.
        var hash = 2166136261u;
        foreach (var c in title + "|" + description + "|" + data)
        {
            hash = (hash ^ c) * 16777619u;
        }
        var id = cssClass + "-" + hash.ToString("x8", CultureInfo.InvariantCulture);
        return new StringBuilder(4096)
            .Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{cssClass}\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" aria-labelledby=\"{id}-t {id}-d\" font-family=\"sans-serif\">"))
            .Append(Invariant($"<title id=\"{id}-t\">")).Append(Escape(title)).Append("</title>")
            .Append(Invariant($"<desc id=\"{id}-d\">")).Append(Escape(description)).Append("</desc>");
    }

    // From a pale to a dark blue (contrast with the label colour chosen by the caller).
    private static string Blue(double share)
    {
        var t = Math.Clamp(share, 0, 1);
        int Mix(int from, int to) => (int)Math.Round(from + ((to - from) * t));
        return Invariant($"#{Mix(0xd6, 0x0b):x2}{Mix(0xe6, 0x3d):x2}{Mix(0xf5, 0x6e):x2}");
    }

    private static string Short(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
