using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Polis.CrossLang;
using Polis.Search;
using static Polis.Benchmarks.BenchConsole;

// Cross-language retrieval evaluation: how well a query in one language finds the other-language edition of the same
// text, under each translation configuration of Polis search. Collections: GNOME Help (Debian's gnome-user-docs, the
// same page in five languages) and the demo library's documents that have two editions. For each ordered language pair
// only the target language's editions are indexed, so the one relevant document can be found only across languages.
var options = Options.Parse(args);
var ct = CancellationToken.None;
var json = new JsonSerializerOptions { WriteIndented = true };
var buildDefaults = new LexiconBuildOptions("");
var lexiconSettings = buildDefaults with
{
    CatalogFolders = options.Catalogs,
    CatalogMinPackages = options.CatalogMinPackages,
    CatalogMinPackagesOneWord = options.CatalogMinPackagesOneWord,
    CatalogAlignMinPackages = options.AlignMinPackages ?? buildDefaults.CatalogAlignMinPackages,
    CatalogAlignMinShare = options.AlignMinShare ?? buildDefaults.CatalogAlignMinShare,
    CatalogAlignWeight = options.AlignWeight ?? buildDefaults.CatalogAlignWeight,
    CatalogAlignMinWords = options.AlignMinWords ?? buildDefaults.CatalogAlignMinWords,
};
if (options.BuildLexiconOnly)
{
    // The build alone, nothing else loaded: `/usr/bin/time -v` on this gives its peak memory.
    var target = options.LexiconPath ?? LexiconLoader.CachePath(lexiconSettings);
    var built = LexiconLoader.BuildOnly(lexiconSettings with { OutputPath = target }, m => Log($"{m}"), ct);
    Log($"built {target}{built}");
    return 0;
}

Lemmatizer.Preload();   // Hunspell dictionaries and the language identifier, loaded in the background
if (options.Identify is { } identify)
{
    // --identify "query|query": the language identifier's guesses for each query with an English interface.
    while (!Lemmatizer.Shared.IsLoaded)
    {
        await Task.Delay(50, ct);
    }
    foreach (var query in identify.Split('|'))
    {
        var guesses = LanguageIdentifier.Shared.Identify(query, "en");
        Console.WriteLine($"{query}: {string.Join(", ", guesses.Select(g => $"{g.Language} {g.Confidence:F3}"))}");
    }
    return 0;
}
var gnome = GnomeHelp.Load(options.HelpRoot, Options.GnomeLanguages);
var library = PolicingLibrary.Load(options.Library);
var evaluated = new List<Collection> { gnome };
foreach (var name in options.Collections.Where(c => c != gnome.Name))
{
    var watch = Stopwatch.StartNew();
    evaluated.Add(name switch
    {
        LibreOfficeHelp.Name => LibreOfficeHelp.Load(Path.Combine(options.Data, "libreoffice", "usr", "share", "libreoffice", "help"), Options.GnomeLanguages),
        ManPages.Name => ManPages.Load(Path.Combine(options.Data, "manpages", "text"), Options.GnomeLanguages),
        _ => throw new ArgumentException($"Unknown collection {name}: gnome-help, {LibreOfficeHelp.Name} or {ManPages.Name}"),
    });
    Log($"loaded {name} in {watch.Elapsed.TotalSeconds:F1} s");
}
if (!options.Collections.Contains(gnome.Name))
{
    evaluated.Remove(gnome);
}
var collections = evaluated.Append(library).ToList();
var sizes = collections.SelectMany(c => c.Editions.OrderBy(e => Array.IndexOf(Options.GnomeLanguages, e.Key))
    .Select(e => new CollectionSize(c.Name, e.Key, e.Value.Count, e.Value.Values.Sum(p => p.Paragraphs.Count),
        e.Value.Values.Sum(p => WordCount(p.Title) + WordCount(p.Body))))).ToList();
foreach (var size in sizes)
{
    Log($"{size.Collection} {size.Language}: {size.Pages} pages, {size.Paragraphs} paragraphs, {size.Words} words");
}

if (options.FrequentWords is { } frequentFile)
{
    await File.WriteAllLinesAsync(frequentFile, FrequentWords.Lines(evaluated, Options.GnomeLanguages, FrequentWords.Count), ct);
    Log($"wrote the {FrequentWords.Count} most frequent words of each language to {frequentFile}");
    return 0;
}

if (options.DumpPage is { } dump)
{
    foreach (var (language, pages) in gnome.Editions)
    {
        if (pages.TryGetValue(dump, out var page))
        {
            Console.WriteLine($"== {language}: {page.Title}\n   desc: {page.Description}");
            foreach (var paragraph in page.Paragraphs)
            {
                Console.WriteLine($"   | {paragraph}");
            }
        }
    }
    return 0;
}

ITermTranslator? lexicon = null;
var lexiconNote = "not requested";
if (options.Configurations.Any(c => c is Configurations.Dictionaries or Configurations.Pivots or Configurations.PivotsBefore or Configurations.DirectFirst))
{
    (lexicon, lexiconNote) = LexiconLoader.Open(options.LexiconPath, options.RebuildLexicon, lexiconSettings, m => Log($"{m}"), ct);
}
var configurations = Configurations.Build(options.Configurations, lexicon);
Log($"configurations: {string.Join(", ", configurations.Select(c => c.Title))}; lexicon: {lexiconNote}");
var richest = configurations[^1];

// Queries per collection and ordered pair; the evaluated collections use the pairs asked for, the library every pair
// it has. Titles of manual pages are their NAME descriptions; content words of the two large collections are drawn
// among each page's distinctive words. At most --max-queries of each type per pair, drawn with the seed.
var plan = new List<(Collection Collection, string Source, string Target, List<EvalQuery> Queries)>();
foreach (var collection in evaluated)
{
    var large = collection != gnome;
    Func<Page, string?>? titleOf = collection.Name == ManPages.Name ? p => p.Description : null;
    foreach (var (source, target) in options.Pairs)
    {
        var titles = QueryGenerator.Sample(QueryGenerator.Titles(collection, source, target, titleOf), options.MaxQueries,
            QueryGenerator.StableSeed(options.Seed, collection.Name, source, target, QueryTypes.Titles));
        var words = QueryGenerator.Sample(QueryGenerator.ContentWords(collection, source, target, options.Seed, distinctive: large), options.MaxQueries,
            QueryGenerator.StableSeed(options.Seed, collection.Name, source, target, QueryTypes.ContentWords));
        plan.Add((collection, source, target, [.. titles, .. words]));
    }
}
foreach (var (source, target) in LibraryPairs(library))
{
    plan.Add((library, source, target, [.. QueryGenerator.Titles(library, source, target), .. QueryGenerator.ContentWords(library, source, target, options.Seed)]));
}
foreach (var (collection, source, target, queries) in plan)
{
    Log($"{collection.Name} {source}→{target}: {queries.Count(q => q.Type == QueryTypes.Titles)} title queries, {queries.Count(q => q.Type == QueryTypes.ContentWords)} content-word queries");
}

// Language identification on the queries themselves: the share whose most likely language is the query's, asked with
// an English interface (an anonymous caller) and with the query's own.
var identification = new List<string> { "| collection | queries | interface | n | " + string.Join(" | ", LanguageIdentifier.Languages) + " |", "|---|---|---|---|" + string.Concat(LanguageIdentifier.Languages.Select(_ => "---|")) };
foreach (var collection in evaluated)
{
    foreach (var type in QueryTypes.All)
    {
        foreach (var ui in new[] { "en", "query" })
        {
            var distinct = plan.Where(p => p.Collection == collection).SelectMany(p => p.Queries).Where(q => q.Type == type)
                .DistinctBy(q => (q.Source, q.Text)).ToList();
            var cells = LanguageIdentifier.Languages.Select(l => distinct.Where(q => q.Source == l).ToList())
                .Select(qs => qs.Count == 0 ? "" : (qs.Count(q => LanguageIdentifier.Shared.Identify(q.Text, ui == "en" ? "en" : q.Source)[0].Language == q.Source) / (double)qs.Count).ToString("F3", CultureInfo.InvariantCulture) + $" ({qs.Count})");
            identification.Add($"| {collection.Name} | {type} | {ui} | {distinct.Count} | {string.Join(" | ", cells)} |");
        }
    }
}
foreach (var line in identification)
{
    Log($"{line}");
}
Directory.CreateDirectory(options.Out);
await File.WriteAllLinesAsync(Path.Combine(options.Out, options.Label + ".langid.md"), identification, ct);

var lemmasWatch = Stopwatch.StartNew();
var lemmasLoaded = Lemmatizer.Shared.WaitUntilLoaded(TimeSpan.FromMinutes(10));
Log($"Hunspell lemmas: {(lemmasLoaded ? string.Join(" ", LanguageIdentifier.Languages.Where(Lemmatizer.Shared.Has)) : "not loaded")} (waited {lemmasWatch.Elapsed.TotalSeconds:F1} s)");

var outcomes = new List<Outcome>();
var failures = new List<FailureSample>();
var timing = options.TimingRepetitions > 0 ? new TimingCollector(richest.Translator, options.TimingRepetitions) : null;
var switching = new SwitchingTranslator();
foreach (var group in plan.GroupBy(p => (p.Collection, p.Target)))
{
    var (collection, target) = group.Key;
    using var index = LuceneSearchIndex.InMemory(switching);
    var documents = collection.In(target).Values.Select(p => Evaluation.ToDocument(p, collection.Name)).ToList();
    var indexWatch = Stopwatch.StartNew();
    await index.IndexAsync(documents, ct);
    Log($"{collection.Name}: indexed {documents.Count} {target} documents in {indexWatch.Elapsed.TotalMilliseconds:F0} ms");
    foreach (var ui in options.Interfaces)
    {
        Evaluation.Interface = ui == "query" ? null : ui;
        foreach (var configuration in configurations)
        {
            switching.Current = configuration.Translator;
            foreach (var (_, source, _, queries) in group)
            {
                var watch = Stopwatch.StartNew();
                var results = await Evaluation.RunAsync(index, configuration, [.. queries.Select(q => q with { Collection = Label(collection, ui) })], ct);
                outcomes.AddRange(results);
                var line = string.Join("  ", QueryTypes.All.Select(t => results.Where(o => o.Query.Type == t).ToList())
                    .Where(l => l.Count > 0)
                    .Select(l => Metrics.Of(l) is var m ? $"{l[0].Query.Type} R@10 {m.Recall:F3} MRR {m.Mrr:F3} tw {m.TranslatedTerms:F2}" : ""));
                Log($"{Label(collection, ui)} {source}→{target} {configuration.Name,-12} {line}  ({watch.Elapsed.TotalSeconds:F1} s)");
            }
        }

        // With the richest configuration still in place: misses to look at (anonymous setting).
        foreach (var (_, source, _, queries) in group)
        {
            if (options.FailurePairs.Contains((source, target)) && collection != library && ui == options.Interfaces[0])
            {
                failures.AddRange(await SampleFailuresAsync(index, collection, ui, source, target, options.FailureSamples));
            }
        }
    }
    if (timing is not null && collection == evaluated[0])
    {
        var watch = Stopwatch.StartNew();
        await timing.AddAsync(index, [.. group.SelectMany(p => p.Queries)], ct);
        Log($"{collection.Name}: timed {group.Sum(p => p.Queries.Count)} {target} queries × {options.TimingRepetitions} in {watch.Elapsed.TotalSeconds:F0} s");
    }
}

var report = new Report(
    options.Label,
    Machine(),
    $"dotnet run -c Release --project bench/crosslang -- {string.Join(' ', args)}",
    TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
    options.Seed,
    sizes,
    [.. configurations.Select(c => c.Name)],
    lexiconNote,
    Rows(),
    Summary(),
    timing?.Result(richest.Name),
    Breakdowns(),
    failures);
Directory.CreateDirectory(options.Out);
var baseName = Path.Combine(options.Out, options.Label);
var markdown = ReportWriter.Markdown(report);
await File.WriteAllTextAsync(baseName + ".json", JsonSerializer.Serialize(report, json), ct);
await File.WriteAllTextAsync(baseName + ".md", markdown, ct);
if (options.WriteQueries)
{
    await File.WriteAllLinesAsync(baseName + ".queries.tsv", QueryLines(), ct);
}
Console.WriteLine();
Console.WriteLine(markdown);
Log($"wrote {baseName}.md and .json");
return 0;

// One line per query: where each configuration ranked the relevant document (0: not in the top 10) and what it translated.
IEnumerable<string> QueryLines()
{
    yield return string.Join('\t', ["collection", "pair", "type", "page", "query", .. configurations.Select(c => "rank " + c.Name), "translations (" + richest.Name + ")"]);
    foreach (var byQuery in outcomes.GroupBy(o => o.Query))
    {
        var q = byQuery.Key;
        var ranks = configurations.Select(c => byQuery.FirstOrDefault(o => o.Configuration == c.Name)?.Rank.ToString(CultureInfo.InvariantCulture) ?? "");
        var translations = byQuery.FirstOrDefault(o => o.Configuration == richest.Name)?.Translations
            .Select(t => $"{t.Source} [{t.SourceLanguage}, {t.Resource.ToString().ToLowerInvariant()}] → {string.Join(" | ", t.Targets)}") ?? [];
        yield return string.Join('\t', [q.Collection, $"{q.Source}-{q.Target}", q.Type, q.Page, q.Text, .. ranks, string.Join("; ", translations)]);
    }
}

List<ResultRow> Rows() => [.. plan.SelectMany(p => options.Interfaces.Select(ui => Label(p.Collection, ui)).Distinct()
        .SelectMany(label => QueryTypes.All.Select(type => Row(label, p.Source, p.Target, type))))
    .Where(r => r.Queries > 0)];

// A collection asked with one interface setting: "manpages, ui en"; the library is asked as before (query's language).
string Label(Collection collection, string ui) => collection == library ? collection.Name : $"{collection.Name}, ui {ui}";

ResultRow Row(string collection, string source, string target, string type)
{
    var selected = outcomes.Where(o => o.Query.Collection == collection && o.Query.Source == source && o.Query.Target == target && o.Query.Type == type).ToList();
    return new ResultRow(collection, $"{source}→{target}", type, selected.Count / Math.Max(1, configurations.Count),
        configurations.ToDictionary(c => c.Name, c => Metrics.Of(selected.Where(o => o.Configuration == c.Name).ToList()), StringComparer.Ordinal),
        ReportWriter.Reference(collection.Split(',')[0], source, target, type));
}

// Means over pairs (each pair weighs the same) of each evaluated collection and interface setting.
List<ResultRow> Summary() => [.. evaluated.SelectMany(c => options.Interfaces.Select(ui => Label(c, ui))).SelectMany(SummaryOf)];

List<ResultRow> SummaryOf(string label)
{
    var rows = Rows().Where(r => r.Collection == label).ToList();
    var groups = new (string Name, Func<ResultRow, bool> Member)[]
    {
        ("X→en", r => r.Pair.EndsWith("→en", StringComparison.Ordinal)),
        ("en→X", r => r.Pair.StartsWith("en→", StringComparison.Ordinal)),
        ("X→Y (no English)", r => !r.Pair.Contains("en", StringComparison.Ordinal)),
        ("all pairs", _ => true),
    };
    var summary = new List<ResultRow>();
    foreach (var (name, member) in groups)
    {
        foreach (var type in QueryTypes.All)
        {
            var members = rows.Where(r => r.Type == type && member(r)).ToList();
            if (members.Count == 0)
            {
                continue;
            }
            summary.Add(new ResultRow(label, $"{name} ({members.Count} pairs)", type, members.Sum(m => m.Queries),
                configurations.ToDictionary(c => c.Name, c => Metrics.MacroAverage([.. members.Select(m => m.ByConfiguration[c.Name])]), StringComparer.Ordinal),
                null));
        }
    }
    return summary;
}

// Why the richest configuration misses: was nothing, part, or all of the query translated into the target language?
List<FailureBreakdown> Breakdowns()
{
    var list = new List<FailureBreakdown>();
    foreach (var group in outcomes.Where(o => o.Configuration == richest.Name && o.Query.Collection != library.Name)
        .GroupBy(o => (o.Query.Collection, o.Query.Source, o.Query.Target, o.Query.Type)))
    {
        var misses = group.Where(o => o.Rank == 0).ToList();
        var top = misses.SelectMany(o => o.Uncovered).GroupBy(s => s, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(15)
            .Select(g => new StemCount(g.Key, g.Count())).ToList();
        list.Add(new FailureBreakdown($"{group.Key.Collection}: {group.Key.Source}→{group.Key.Target}", group.Key.Type, richest.Name, group.Count(), misses.Count,
            misses.Count(o => o.TranslatedTerms == 0),
            misses.Count(o => o.TranslatedTerms > 0 && o.Covered < o.Stems),
            misses.Count(o => o.TranslatedTerms > 0 && o.Covered >= o.Stems),
            misses.Count(o => o.OtherSourceLanguage),
            top));
    }
    return list;
}

// A seeded sample of the title queries the richest configuration misses, with what was translated and where the
// relevant page ranks among the first 100 hits.
async Task<List<FailureSample>> SampleFailuresAsync(ISearchIndex index, Collection collection, string ui, string source, string target, int count)
{
    var misses = outcomes.Where(o => o.Configuration == richest.Name && o.Query.Collection == Label(collection, ui) && o.Query.Source == source
            && o.Query.Target == target && o.Query.Type == options.FailureType && o.Rank == 0)
        .OrderBy(o => QueryGenerator.StableSeed(options.Seed, o.Query.Page))
        .Take(count)
        .ToList();
    var samples = new List<FailureSample>();
    foreach (var miss in misses)
    {
        var (deepRank, results) = await Evaluation.DeepRankAsync(index, miss.Query, richest.Translate, ct);
        var translations = string.Join("; ", miss.Translations.Select(t =>
            $"{t.Source}{(t.SourceLanguage == source ? "" : $" [as {t.SourceLanguage}]")} → {string.Join(" | ", t.Targets)} ({t.Resource.ToString().ToLowerInvariant()})"));
        samples.Add(new FailureSample($"{Label(collection, ui)}: {source}→{target}", richest.Name, miss.Query.Text, translations,
            string.Join(' ', miss.Uncovered), deepRank, results.Hits.Count > 0 ? string.Join(" / ", results.Hits.Take(3).Select(h => h.Title)) : null,
            collection.In(target)[miss.Query.Page].Title, collection.In("en").TryGetValue(miss.Query.Page, out var en) ? en.Title : ""));
    }
    return samples;
}

static IEnumerable<(string Source, string Target)> LibraryPairs(Collection library)
{
    var languages = library.Editions.Keys.Order(StringComparer.Ordinal).ToList();
    foreach (var source in languages)
    {
        foreach (var target in languages)
        {
            if (source != target && library.In(source).Keys.Any(library.In(target).ContainsKey))
            {
                yield return (source, target);
            }
        }
    }
}

static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

internal sealed record Options(
    string Label,
    string Out,
    int Seed,
    string HelpRoot,
    string Library,
    string? LexiconPath,
    bool RebuildLexicon,
    IReadOnlyList<string> Configurations,
    IReadOnlyList<(string Source, string Target)> Pairs,
    int TimingRepetitions,
    IReadOnlyList<(string Source, string Target)> FailurePairs,
    int FailureSamples,
    string FailureType,
    bool WriteQueries,
    string? DumpPage,
    IReadOnlyList<string> Collections,
    string Data,
    IReadOnlyList<string> Interfaces,
    int MaxQueries,
    string? FrequentWords)
{
    public static readonly string[] GnomeLanguages = ["en", "ru", "fr", "de", "es"];

    // Locale folders of software catalogs for the lexicon's "Software" resource (--catalogs): by default those of
    // `polis lexicon build` (the installed ones and tools/fetch-catalogs.sh's), as a set-up machine has them;
    // "--catalogs none": dictionaries only.
    public IReadOnlyList<string> Catalogs { get; init; } = LexiconBuildOptions.DefaultCatalogs;

    // How many packages must give a catalog term of several words, and of one (--catalog-min-packages, --catalog-min-packages-word).
    public int CatalogMinPackages { get; init; } = 2;

    public int CatalogMinPackagesOneWord { get; init; } = 1;

    // The alignment of the catalogs' longer messages (--align-min-packages, 0 for none; --align-min-share;
    // --align-weight; --align-min-words); null: LexiconBuildOptions' defaults.
    public int? AlignMinPackages { get; init; }

    public double? AlignMinShare { get; init; }

    public double? AlignWeight { get; init; }

    public int? AlignMinWords { get; init; }

    // --identify "query|query": print the language identifier's guesses (English interface) and stop.
    public string? Identify { get; init; }

    // --build-lexicon-only: build the lexicon (into --lexicon or the cache) and stop.
    public bool BuildLexiconOnly { get; init; }

    // The issue's pairs; --pairs asks for others (en-fr, fr-ru, ...).
    public static readonly (string, string)[] DefaultPairs =
    [
        ("ru", "en"), ("fr", "en"), ("de", "en"), ("es", "en"), ("en", "ru"),
    ];

    public static Options Parse(string[] args)
    {
        var root = RepositoryRoot();
        var o = new Options("latest", Path.Combine(root, "bench", "crosslang", "results"), 20_260_101, "/usr/share/help",
            Path.Combine(root, "demo", "library"), null, false, Polis.CrossLang.Configurations.All, DefaultPairs, 3,
            [("ru", "en"), ("es", "en")], 12, QueryTypes.Titles, false, null, ["gnome-help", LibreOfficeHelp.Name, ManPages.Name],
            Path.Combine(Path.GetTempPath(), "polis-crosslang"), ["en", "query"], 300, null);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--label" => o with { Label = Next() },
                "--out" => o with { Out = Next() },
                "--seed" => o with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--help-root" => o with { HelpRoot = Next() },
                "--library" => o with { Library = Next() },
                "--lexicon" => o with { LexiconPath = Next() },
                "--rebuild-lexicon" => o with { RebuildLexicon = true },
                "--catalogs" => o with { Catalogs = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(c => c != "none")] },
                "--catalog-min-packages" => o with { CatalogMinPackages = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--catalog-min-packages-word" => o with { CatalogMinPackagesOneWord = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--align-min-packages" => o with { AlignMinPackages = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--align-min-share" => o with { AlignMinShare = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--align-weight" => o with { AlignWeight = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--align-min-words" => o with { AlignMinWords = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--build-lexicon-only" => o with { BuildLexiconOnly = true },
                "--identify" => o with { Identify = Next() },
                "--configs" => o with { Configurations = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--pairs" => o with { Pairs = ParsePairs(Next()) },
                "--timing-reps" => o with { TimingRepetitions = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--no-timing" => o with { TimingRepetitions = 0 },
                "--failures" => o with { FailurePairs = ParsePairs(Next()) },
                "--failure-samples" => o with { FailureSamples = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--failure-type" => o with { FailureType = Next() },
                "--queries" => o with { WriteQueries = true },
                "--dump-page" => o with { DumpPage = Next() },
                "--ui" => o with { Interfaces = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--collections" => o with { Collections = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--data" => o with { Data = Next() },
                "--frequent-words" => o with { FrequentWords = Next() },
                "--max-queries" => o with { MaxQueries = int.Parse(Next(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        return o;
    }

    // "ru-en,fr-en" → (ru, en), (fr, en).
    private static (string, string)[] ParsePairs(string text) =>
    [
        .. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p =>
        {
            var parts = p.Split('-');
            return parts.Length == 2 && GnomeLanguages.Contains(parts[0]) && GnomeLanguages.Contains(parts[1]) && parts[0] != parts[1]
                ? (parts[0], parts[1])
                : throw new ArgumentException($"A pair is two of {string.Join('/', GnomeLanguages)}, e.g. ru-en; got {p}");
        }),
    ];

    // The folder with Polis.slnx above the working directory or the program, so that defaults work from anywhere.
    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Polis.slnx")))
                {
                    return dir.FullName;
                }
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
