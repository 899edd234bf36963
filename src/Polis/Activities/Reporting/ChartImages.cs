using SkiaSharp;
using Svg.Skia;

namespace Polis.Activities.Reporting;

/// <summary>A chart drawn as PNG: its pixels and its size in CSS pixels (96 per inch).</summary>
public sealed record ChartImage(byte[] Png, float Width, float Height);

/// <summary>
/// Renders the report's server-side SVG charts to PNG (Svg.Skia over SkiaSharp, no browser, no external program), at
/// twice their size so that they stay sharp in print; the DOCX embeds them.
/// </summary>
public static class ChartImages
{
    /// <summary>Pixels per CSS pixel in the PNG.</summary>
    public const float Scale = 2f;

    /// <summary>The chart as PNG, or null when the SVG cannot be drawn (the DOCX then keeps only the table of numbers).</summary>
    public static ChartImage? Render(string svgText)
    {
        using var svg = new SKSvg();
        using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(svgText));
        if (svg.Load(input) is not { } picture) return null;
        var bounds = picture.CullRect;
        if (bounds.Width <= 0 || bounds.Height <= 0 || bounds.Width > 10_000 || bounds.Height > 10_000) return null;
        using var bitmap = new SKBitmap((int)Math.Ceiling(bounds.Width * Scale), (int)Math.Ceiling(bounds.Height * Scale));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale(Scale);
            canvas.Translate(-bounds.Left, -bounds.Top);
            canvas.DrawPicture(picture);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return new ChartImage(png.ToArray(), bounds.Width, bounds.Height);
    }
}
