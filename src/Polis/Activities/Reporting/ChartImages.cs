using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SkiaSharp;
using Svg.Skia;

namespace Polis.Activities.Reporting;

/// <summary>A chart drawn as PNG: its pixels and its size in CSS pixels (96 per inch).</summary>
public sealed record ChartImage(byte[] Png, float Width, float Height);

/// <summary>
/// Renders the report's server-side SVG charts to PNG (Svg.Skia over SkiaSharp, no browser, no external program), at
/// twice their size so that they stay sharp in print; the DOCX embeds them. The PNG of an SVG text is remembered (a few
/// dozen, by the SVG text itself): the same chart drawn again (the same report downloaded again) is not rendered again,
/// and since the key is the whole SVG, which holds every label and number the picture shows, a cached picture is always
/// the one the SVG would give (no invalidation, and nobody gets a picture of numbers their report does not hold).
/// </summary>
public static class ChartImages
{
    /// <summary>Pixels per CSS pixel in the PNG.</summary>
    public const float Scale = 2f;

    /// <summary>How many rendered charts are remembered (each some tens of KB); past it the cache starts again.</summary>
    public const int Cached = 64;

    private static readonly ConcurrentDictionary<string, ChartImage?> Rendered = new(StringComparer.Ordinal);

    /// <summary>The chart as PNG, or null when the SVG cannot be drawn (the DOCX then keeps only the table of numbers).</summary>
    public static ChartImage? Render(string svgText)
    {
        if (Rendered.TryGetValue(svgText, out var known)) return known;
        var image = Draw(svgText);
        if (Rendered.Count >= Cached) Rendered.Clear();
        Rendered[svgText] = image;
        return image;
    }

    /// <summary>
    /// Draws a small chart in Latin and Cyrillic and forgets it: the first chart of a process otherwise pays for loading
    /// the SVG and imaging libraries, their code and the fonts (most of the first DOCX's time: docs/performance.md,
    /// "Activities at 100,000"); <see cref="ChartWarmUp"/> does it in the background when the server starts.
    /// </summary>
    public static void WarmUp() => Draw(Coverage.CoverageCharts.Bars([("Warm-up", 2), ("Прогрев", 1)], "Warm-up", "Прогрев"));

    private static ChartImage? Draw(string svgText)
    {
        using var svg = new SKSvg();
        using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(svgText));
        if (svg.Load(input) is not { } picture) return null;
        var bounds = picture.CullRect;
        if (bounds.Width <= 0 || bounds.Height <= 0 || bounds.Width > 10_000 || bounds.Height > 10_000) return null;
        // Opaque (the chart is drawn on white): the PNG is RGB, not RGBA.
        var info = new SKImageInfo((int)Math.Ceiling(bounds.Width * Scale), (int)Math.Ceiling(bounds.Height * Scale), SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale(Scale);
            canvas.Translate(-bounds.Left, -bounds.Top);
            canvas.DrawPicture(picture);
        }
        // Encoded straight from the bitmap's pixels (no copy into an image), with the "Sub" filter and a low zlib level: a
        // chart is flat colour in horizontal runs, which this compresses nearly as well as the default (every filter tried
        // per row, level 6) at a fraction of its time (docs/performance.md, "Activities at 100,000").
        using var pixels = bitmap.PeekPixels();
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 3));
        return png is null ? null : new ChartImage(png.ToArray(), bounds.Width, bounds.Height);
    }
}

/// <summary>Warms the chart renderer (<see cref="ChartImages.WarmUp"/>) in the background a few seconds after the server starts.</summary>
internal sealed class ChartWarmUp(ILogger<ChartWarmUp> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // After the start's own work (migrations, the search index opening), not competing with it.
            await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            await Task.Run(ChartImages.WarmUp, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // stopped before it ran
        }
#pragma warning disable CA1031 // a warm-up that fails changes nothing: the first DOCX loads the renderer itself
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.LogWarning(e, "The chart renderer was not warmed up");
        }
    }
}
