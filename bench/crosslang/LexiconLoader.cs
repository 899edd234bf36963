using System.Diagnostics;
using System.Globalization;
using Polis.Search;

namespace Polis.CrossLang;

// Finds the dictionary lexicon for the "dictionaries" and "pivots" configurations: the file given with --lexicon,
// else one built earlier in the temp folder, else builds it there with LexiconBuilder from the dictionaries that
// Debian's dict-freedict-* and trans-de-en packages install.
internal static class LexiconLoader
{
    public static string DefaultPath => Path.Combine(Path.GetTempPath(), "polis-crosslang", Lexicon.FileName);

    // The file in the temp folder is the harness's own cache: rebuilt when asked, or when this Polis.Search cannot
    // open it (a lexicon from an older builder). A file given with --lexicon is used as it is.
    // settings: the catalog folders and thresholds to build with (its OutputPath is not used); with catalogs the cached
    // file is a separate one per setting ("software-2-1-" + the file name; "software-2-1-a2-0.3-1-m3-" with the
    // alignment of longer messages: every setting in the name, so that a changed default never reuses a stale file), so that runs with other settings do not rebuild each other's.
    public static (ITermTranslator? Lexicon, string Note) Open(string? path, bool rebuild, LexiconBuildOptions settings, Action<string> log, CancellationToken ct)
    {
        var file = path ?? CachePath(settings);
        var options = settings with { OutputPath = file };
        if (path is not null && !File.Exists(path))
        {
            throw new FileNotFoundException($"The lexicon {path} does not exist.", path);
        }
        var built = "";
        if (path is null && (rebuild || !File.Exists(file)))
        {
            built = Build(options, log, ct);
        }
        var open = Stopwatch.StartNew();
        Lexicon lexicon;
        try
        {
            lexicon = Lexicon.Open(file);
        }
        catch (LexiconException e) when (path is null && built.Length == 0)
        {
            log($"the cached lexicon cannot be used ({e.Message}): building it again");
            built = Build(options, log, ct);
            open.Restart();
            lexicon = Lexicon.Open(file);
        }
        var info = lexicon.Info;
        var note = string.Create(CultureInfo.InvariantCulture,
            $"{file} ({new FileInfo(file).Length / 1e6:F1} MB, format {info.FormatVersion}, SHA-256 {info.Sha256[..Math.Min(12, info.Sha256.Length)]}…, {info.Sources.Count} dictionaries, {info.Headwords:N0} headwords, {info.Translations:N0} translations ({info.Pairs.Sum(p => p.SoftwareTranslations):N0} from software catalogs only); opened in {open.Elapsed.TotalMilliseconds:F0} ms{built})");
        return (lexicon, note);
    }

    public static string CachePath(LexiconBuildOptions settings) => settings.CatalogFolders.Count == 0 ? DefaultPath
        : Path.Combine(Path.GetDirectoryName(DefaultPath)!, string.Create(CultureInfo.InvariantCulture,
            $"software-{settings.CatalogMinPackages}-{settings.CatalogMinPackagesOneWord}-{(settings.CatalogAlignMinPackages > 0 ? $"a{settings.CatalogAlignMinPackages}-{settings.CatalogAlignMinShare:0.###}-{settings.CatalogAlignWeight:0.###}-m{settings.CatalogAlignMinWords}-" : "")}{Lexicon.FileName}"));

    // Builds the lexicon into path (--build-lexicon-only: for the build's time and peak memory alone).
    public static string BuildOnly(LexiconBuildOptions options, Action<string> log, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(options.OutputPath)!);
        return Build(options, log, ct);
    }

    private static string Build(LexiconBuildOptions options, Action<string> log, CancellationToken ct)
    {
        var file = options.OutputPath;
        log($"building the lexicon into {file}");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var build = Stopwatch.StartNew();
        var info = LexiconBuilder.Build(options, new Reporter(line => log("  " + line)), ct);
        return string.Create(CultureInfo.InvariantCulture, $"; built by this run from {info.Sources.Count} dictionaries in {build.Elapsed.TotalSeconds:F0} s");
    }

    // Reports on the caller's thread, in order (Progress<T> would post to the thread pool).
    private sealed class Reporter(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
