using Microsoft.Extensions.Configuration;
using Polis.Data;
using Polis.Ingest;

namespace Polis.Library;

/// <summary>
/// The budgets one file's extraction may use (<c>Polis:Library:Extraction:*</c>); a file that exceeds one is refused
/// with a message naming it and the limit. Checked at start: a value out of range stops Polis naming the setting.
/// </summary>
internal static class ExtractionSettings
{
    public const string Prefix = "Polis:Library:Extraction:";
    public const string TimeoutSetting = Prefix + "TimeoutSeconds";
    public const string MaxNestingDepthSetting = Prefix + "MaxNestingDepth";
    public const string MaxPartSetting = Prefix + "MaxPartMegabytes";
    public const string MaxExpandedSetting = Prefix + "MaxExpandedMegabytes";
    public const string MaxPagesSetting = Prefix + "MaxPages";
    /// <summary>Poppler's pdftotext for PDFs' text (ADR 0010): empty for the one on the PATH, "off" for PdfPig only, or a path.</summary>
    public const string PdfToTextSetting = Prefix + "PdfToText";

    public static IngestLimits From(IConfiguration configuration, long maxUploadMegabytes)
    {
        var timeout = Read(configuration, TimeoutSetting, 30, 1, 3600, "seconds");
        var depth = Read(configuration, MaxNestingDepthSetting, 512, 16, 10_000, "levels");
        var part = Read(configuration, MaxPartSetting, 64, 1, 4096, "megabytes");
        var expanded = Read(configuration, MaxExpandedSetting, 512, 1, 16_384, "megabytes");
        if (expanded < part)
            throw new PolisConfigurationException(MaxExpandedSetting, $"{expanded} is less than {MaxPartSetting} ({part}); one file must be allowed at least one part.");
        var pages = Read(configuration, MaxPagesSetting, 10_000, 1, 1_000_000, "pages");
        return new IngestLimits(
            MaxBytes: maxUploadMegabytes * 1024 * 1024,
            MaxUncompressedBytes: expanded * 1024L * 1024,
            MaxStreamBytes: part * 1024L * 1024,
            MaxNestingDepth: depth,
            MaxPages: pages)
        {
            Timeout = TimeSpan.FromSeconds(timeout),
            PdfToText = PdfToText(configuration),
        };
    }

    private static string? PdfToText(IConfiguration configuration)
    {
        var raw = configuration[PdfToTextSetting]?.Trim();
        if (string.IsNullOrEmpty(raw)) return new IngestLimits().PdfToText;
        if (raw.Equals("off", StringComparison.OrdinalIgnoreCase)) return null;
        if (!File.Exists(raw)) throw new PolisConfigurationException(PdfToTextSetting, $"'{raw}' is not a file; give the path of pdftotext, leave it empty for the one on the PATH, or 'off' for PdfPig only.");
        return raw;
    }

    internal static int Read(IConfiguration configuration, string key, int fallback, int min, int max, string unit)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (!int.TryParse(raw.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new PolisConfigurationException(key, $"'{raw}' is not a whole number from {min} to {max} ({unit}).");
        return value;
    }
}
