using System.Globalization;

namespace Polis.Search;

/// <summary>
/// Builds the dictionary lexicon from the bilingual dictionaries installed by Debian packages: FreeDict (dictd files,
/// packages dict-freedict-*), Ding (package trans-de-en) and, as a secondary dictionary, Müller's English–Russian
/// one (package mueller7-dict, MuellerReader). Each dictionary is read in both directions; translations
/// between languages no dictionary joins directly are chained through German or Polish (pivots). The same sources
/// always give the same file, byte for byte. See docs/lexicon.md.
/// </summary>
public static class LexiconBuilder
{
    /// <summary>Translations kept per headword and target language, best first.</summary>
    public const int MaxTargets = 8;

    /// <summary>Stems in a multi-word headword.</summary>
    public const int MaxStems = 4;

    // FreeDict's copies of Ding's data (Frank Richter's German–English dictionary): read only when trans-de-en is
    // absent, because they would count the same source two or three times as agreeing evidence.
    internal static readonly IReadOnlyList<string> DingCopies = ["freedict-deu-eng", "freedict-eng-deu"];

    // The FreeDict dictionaries Debian packages between the lexicon's languages; any other freedict-xxx-yyy between
    // them found in the folder is read as well.
    internal static readonly IReadOnlyList<string> KnownDictd =
    [
        "freedict-deu-eng", "freedict-deu-fra", "freedict-deu-pol", "freedict-deu-rus", "freedict-deu-spa",
        "freedict-eng-deu", "freedict-eng-fra", "freedict-eng-pol", "freedict-eng-rus", "freedict-eng-spa",
        "freedict-fra-deu", "freedict-fra-eng", "freedict-fra-pol", "freedict-fra-rus", "freedict-fra-spa",
        "freedict-pol-deu", "freedict-pol-eng", "freedict-pol-fra", "freedict-pol-rus", "freedict-pol-spa",
        "freedict-spa-deu", "freedict-spa-eng",
    ];

    /// <summary>Reads the dictionaries, computes pivots and weights, and writes the lexicon atomically.</summary>
    /// <exception cref="LexiconException">No dictionary is installed, or the lexicon cannot be written.</exception>
    public static LexiconInfo Build(LexiconBuildOptions options, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputPath);
        var (sources, skipped) = FindSources(options);
        foreach (var skip in skipped)
        {
            progress?.Report($"{skip.Name}: skipped, {skip.Reason}");
        }
        if (sources.Count == 0)
        {
            throw new LexiconException(
                $"No dictionary was found to build the lexicon {options.OutputPath}: neither FreeDict files (freedict-*.index with "
                + $".dict.dz) in {options.DictdFolder} nor the Ding dictionary {options.DingFile}. Install them "
                + "(apt-get install dict-freedict-eng-rus dict-freedict-deu-rus … trans-de-en), then run `polis lexicon build` again.",
                options.OutputPath);
        }

        var evidence = new LexiconEvidence(LanguageAnalyzers.Shared, new PivotPlan(sources.Where(s => !s.Secondary).Select(s => (s.SourceLanguage, s.TargetLanguage))));
        var read = new List<LexiconSourceInfo>();
        for (var s = 0; s < sources.Count; s++)
        {
            ct.ThrowIfCancellationRequested();
            var source = sources[s];
            try
            {
                read.Add(source.Read(evidence, s, ct));
                var info = read[^1];
                progress?.Report(string.Create(CultureInfo.InvariantCulture,
                    $"{info.Name}: {info.Headwords:N0} entries, {info.Pairs:N0} pairs kept ({info.Licence})"));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
            {
                skipped.Add(new LexiconSkippedSource(source.Name, $"cannot be read ({e.Message})"));
                progress?.Report($"{source.Name}: skipped, cannot be read ({e.Message})");
            }
        }
        if (read.Count == 0)
        {
            throw new LexiconException(
                $"None of the installed dictionaries could be read to build the lexicon {options.OutputPath}: "
                + string.Join("; ", skipped.Select(k => $"{k.Name} {k.Reason}")) + ". Reinstall them, then run `polis lexicon build` again.",
                options.OutputPath);
        }

        foreach (var catalogs in ReadCatalogs(options, evidence, progress, ct))
        {
            read.Add(catalogs);
            progress?.Report(catalogs.Name == SoftwareCatalogs.Name
                ? string.Create(CultureInfo.InvariantCulture, $"{catalogs.Name}: {catalogs.Headwords:N0} catalogs, {catalogs.Pairs:N0} terms kept ({catalogs.Licence})")
                : string.Create(CultureInfo.InvariantCulture, $"{catalogs.Name}: {catalogs.Headwords:N0} longer messages, {catalogs.Pairs:N0} word pairs kept ({catalogs.Licence})"));
        }

        progress?.Report(string.Create(CultureInfo.InvariantCulture,
            $"Scoring {evidence.Count:N0} translations and pivot legs"));
        var table = LexiconTable.Compute(evidence, options.CatalogMinPackages, options.CatalogMinPackagesOneWord, ct, options.CatalogAlignWeight);

        progress?.Report(string.Create(CultureInfo.InvariantCulture,
            $"Writing {table.Heads.Count:N0} headwords with {table.Heads.Sum(h => h.Targets.Length):N0} translations"));
        var sortedSkipped = skipped.OrderBy(k => k.Name, StringComparer.Ordinal).ToList();
        return LexiconWriter.Write(options.OutputPath, table, read, sortedSkipped, ct);
    }

    // The software catalogs of options.CatalogFolders, package by package: one source line "software catalogs"
    // (Headwords: catalogs read; Pairs: short terms kept) and, unless CatalogAlignMinPackages is 0, one "software
    // catalogs, aligned words" (Headwords: longer message pairs read; Pairs: word pairs learnt, counted once for both
    // directions); none when there is no catalog. A catalog that cannot be read is left out.
    private static List<LexiconSourceInfo> ReadCatalogs(LexiconBuildOptions options, LexiconEvidence evidence, IProgress<string>? progress, CancellationToken ct)
    {
        var catalogs = SoftwareCatalogs.Find(options.CatalogFolders);
        if (catalogs.Count == 0)
        {
            return [];
        }
        var alignment = options.CatalogAlignMinPackages > 0
            ? new CatalogAlignment(LanguageAnalyzers.Shared, evidence.Phrases, options.CatalogAlignMinPackages, options.CatalogAlignMinShare)
            : null;
        var packages = new Dictionary<string, int>(StringComparer.Ordinal);
        var reading = System.Diagnostics.Stopwatch.StartNew();
        int read = 0, terms = 0, sentences = 0;
        foreach (var (domain, language, path) in catalogs)
        {
            ct.ThrowIfCancellationRequested();
            List<CatalogMessage> messages;
            try
            {
                messages = MoCatalog.Read(path);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                continue;
            }
            read++;
            if (!packages.TryGetValue(domain, out var package))
            {
                package = packages.Count;
                packages[domain] = package;
            }
            foreach (var term in SoftwareCatalogs.Terms(domain, language, messages))
            {
                if (evidence.AddCatalog(term, package))
                {
                    terms++;
                }
            }
            if (alignment is not null)
            {
                foreach (var sentence in SoftwareCatalogs.Sentences(domain, language, messages, options.CatalogAlignMinWords))
                {
                    if (alignment.Add(sentence, package))
                    {
                        sentences++;
                    }
                }
            }
        }
        const string Licence = "the programs' own licences (Debian main: free software)";
        var sources = new List<LexiconSourceInfo>
        {
            new(SoftwareCatalogs.Name, "en", string.Join(' ', SoftwareCatalogs.Languages), read, terms, Licence),
        };
        if (alignment is not null)
        {
            var learning = System.Diagnostics.Stopwatch.StartNew();
            var kept = alignment.Learn(evidence, ct);
            // The analysis of a few hundred thousand messages leaves garbage the GC would otherwise keep through the
            // scoring, when the build's memory peaks: collected here, the peak stays that of a build without
            // alignment (1.56–1.67 GB against 1.52–1.65 GB; 1.68–1.93 GB without it; docs/performance.md, seventh part).
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            progress?.Report(string.Create(CultureInfo.InvariantCulture,
                $"{SoftwareCatalogs.AlignedName}: catalogs read and analysed in {reading.Elapsed.TotalSeconds - learning.Elapsed.TotalSeconds:F1} s, aligned in {learning.Elapsed.TotalSeconds:F1} s; word pairs aligned in {alignment.MinPackages}+ packages: {string.Join(", ", kept.Select(k => $"en–{k.Key} {k.Value:N0}"))}"));
            sources.Add(new LexiconSourceInfo(SoftwareCatalogs.AlignedName, "en", string.Join(' ', SoftwareCatalogs.Languages), sentences, kept.Values.Sum(), Licence));
        }
        return sources;
    }

    private static (List<LexiconSourceReader> Sources, List<LexiconSkippedSource> Skipped) FindSources(LexiconBuildOptions options)
    {
        var sources = new List<LexiconSourceReader>();
        var skipped = new List<LexiconSkippedSource>();
        var ding = File.Exists(options.DingFile);
        foreach (var from in LexiconLanguages.All)
        {
            foreach (var to in LexiconLanguages.All)
            {
                if (from == to)
                {
                    continue;
                }
                var name = $"freedict-{LexiconLanguages.ToFreeDict(from)}-{LexiconLanguages.ToFreeDict(to)}";
                var index = Path.Combine(options.DictdFolder, name + ".index");
                var data = Path.Combine(options.DictdFolder, name + ".dict.dz");
                var known = KnownDictd.Contains(name);
                if (File.Exists(index) && File.Exists(data))
                {
                    if (ding && DingCopies.Contains(name))
                    {
                        skipped.Add(new LexiconSkippedSource(name, $"FreeDict's copy of the Ding dictionary, which {DingReader.Name} gives already"));
                        continue;
                    }
                    sources.Add(new LexiconSourceReader(name, from, to, index, data));
                }
                else if (File.Exists(index) || File.Exists(data))
                {
                    skipped.Add(new LexiconSkippedSource(name, $"incomplete: {(File.Exists(index) ? data : index)} is missing"));
                }
                else if (known)
                {
                    skipped.Add(new LexiconSkippedSource(name, $"not installed (package dict-{name}, files {index} and .dict.dz)"));
                }
            }
        }
        var muellerIndex = Path.Combine(options.DictdFolder, MuellerReader.Name + ".index");
        var muellerData = Path.Combine(options.DictdFolder, MuellerReader.Name + ".dict.dz");
        if (File.Exists(muellerIndex) && File.Exists(muellerData))
        {
            sources.Add(new LexiconSourceReader(MuellerReader.Name, MuellerReader.SourceLanguage, MuellerReader.TargetLanguage, muellerIndex, muellerData) { Secondary = true });
        }
        else
        {
            skipped.Add(new LexiconSkippedSource(MuellerReader.Name, $"not installed (package mueller7-dict, files {muellerIndex} and .dict.dz)"));
        }
        if (ding)
        {
            sources.Add(new LexiconSourceReader(DingReader.Name, DingReader.SourceLanguage, DingReader.TargetLanguage, options.DingFile, null));
        }
        else
        {
            skipped.Add(new LexiconSkippedSource(DingReader.Name, $"not installed (package trans-de-en, file {options.DingFile})"));
        }
        sources.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return (sources, skipped);
    }
}

// One dictionary to read: a dictd pair of files, or the Ding file (DataPath null). Secondary: Müller's dictionary
// (MuellerReader), whose senses only fill the places pivots would have had.
internal sealed record LexiconSourceReader(string Name, string SourceLanguage, string TargetLanguage, string Path, string? DataPath)
{
    public bool Secondary { get; init; }

    public LexiconSourceInfo Read(LexiconEvidence evidence, int sourceIndex, CancellationToken ct)
    {
        int headwords, pairs = 0;
        string licence;
        IEnumerable<DictionaryPair> read;
        bool ding;
        if (DataPath is null)
        {
            headwords = File.ReadLines(Path).Count(DingReader.IsEntry);
            licence = DingReader.Licence;
            read = DingReader.ReadPairs(Path);
            ding = true;
        }
        else
        {
            var dictionary = DictdDictionary.Open(Path, DataPath, SourceLanguage, TargetLanguage, ct);
            headwords = dictionary.EntryCount;
            licence = Secondary ? MuellerReader.Licence : dictionary.Licence;
            read = Secondary ? MuellerReader.ReadPairs(dictionary) : dictionary.ReadPairs();
            ding = !Secondary && dictionary.IsDingImport;
        }
        // a secondary dictionary's pairs are not counted among the agreeing families
        var family = Secondary ? -1 : evidence.Family(ding ? "ding" : Name);
        var count = 0;
        foreach (var pair in read)
        {
            if ((++count & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            if (Secondary ? evidence.AddSecondary(pair, sourceIndex) : evidence.Add(pair, sourceIndex, family))
            {
                pairs++;
            }
        }
        return new LexiconSourceInfo(Name, SourceLanguage, TargetLanguage, headwords, pairs, licence);
    }
}
