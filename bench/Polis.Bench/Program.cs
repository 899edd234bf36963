using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Polis.Bench;
using Polis.Search;
using static Polis.Benchmarks.BenchConsole;

// Search benchmark: generates a seeded corpus, indexes it with LuceneSearchIndex, then times the same query sets on
// Polis and on raw Lucene.NET over the same index files. A Stopwatch harness, not BenchmarkDotNet: the figures wanted
// are p50/p95/p99 over hundreds of distinct queries, each run once per measured pass, which BenchmarkDotNet (one
// method, many invocations, mean and error) does not model.
var options = Options.Parse(args);
var ct = CancellationToken.None;
var dataFolder = Path.Combine(AppContext.BaseDirectory, "Data");
var vocabulary = Vocabulary.Load(dataFolder, options.Seed);
var generator = new CorpusGenerator(vocabulary, options.Seed);
var indexPath = options.IndexPath ?? Path.Combine(Path.GetTempPath(), "polis-bench",
    string.Create(CultureInfo.InvariantCulture, $"index-{options.Docs}-{options.Seed}-v{CorpusGenerator.GeneratorVersion}"));
var json = new JsonSerializerOptions { WriteIndented = true };

Log($"corpus: {options.Docs} documents, seed {options.Seed}, index {indexPath}");
var indexingFile = Path.Combine(indexPath, "bench-indexing.json");
Indexing indexing;
if (File.Exists(indexingFile) && !options.Rebuild)
{
    indexing = JsonSerializer.Deserialize<Indexing>(await File.ReadAllTextAsync(indexingFile, ct))!;
    indexing = indexing with { Segments = new DirectoryInfo(indexPath).EnumerateFiles("*.si").Count() };
    Log($"reusing the index built earlier");
}
else
{
    if (System.IO.Directory.Exists(indexPath))
    {
        System.IO.Directory.Delete(indexPath, recursive: true);
    }
    indexing = await BuildIndexAsync();
    await File.WriteAllTextAsync(indexingFile, JsonSerializer.Serialize(indexing, json), ct);
}
Log($"indexing: {indexing.DocsPerSecond:F0} docs/s, {indexing.TextMBPerSecond:F1} MB/s, index {indexing.IndexMB:F0} MB, {indexing.Segments} segments");

// With --compact, the queries run on a compacted copy of the index: what `polis reindex` (and a large import) leave,
// one segment per core. The copy is made and compacted once, and the time the compaction took is kept with it.
Compaction? compaction = null;
if (options.Compact)
{
    var compactedPath = indexPath + "-compacted";
    var compactionFile = Path.Combine(compactedPath, "bench-compaction.json");
    if (!File.Exists(compactionFile) || options.Rebuild)
    {
        if (System.IO.Directory.Exists(compactedPath))
        {
            System.IO.Directory.Delete(compactedPath, recursive: true);
        }
        System.IO.Directory.CreateDirectory(compactedPath);
        foreach (var file in new DirectoryInfo(indexPath).EnumerateFiles().Where(f => f.Name != LuceneSearchIndex.OwnerLockFile && f.Name != "bench-indexing.json"))
        {
            file.CopyTo(Path.Combine(compactedPath, file.Name));
        }
        using (var toCompact = LuceneSearchIndex.Open(compactedPath))
        {
            var watch = Stopwatch.StartNew();
            var segments = await toCompact.CompactAsync(ct);
            compaction = new Compaction(watch.Elapsed.TotalSeconds, segments, 0);
        }
        var size = new DirectoryInfo(compactedPath).EnumerateFiles().Where(f => f.Name.StartsWith('_') || f.Name.StartsWith("segments", StringComparison.Ordinal)).Sum(f => f.Length);
        compaction = compaction with { IndexMB = size / 1e6 };
        await File.WriteAllTextAsync(compactionFile, JsonSerializer.Serialize(compaction, json), ct);
    }
    compaction ??= JsonSerializer.Deserialize<Compaction>(await File.ReadAllTextAsync(compactionFile, ct))!;
    indexPath = compactedPath;
    Log($"compacted to {compaction.Segments} segments in {compaction.Seconds:F1} s, index {compaction.IndexMB:F0} MB");
}

// Open: what a restarted process pays before its first answer.
GC.Collect();
var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
var openWatch = Stopwatch.StartNew();
// With --lexicon, queries are translated by the glossary and the dictionary lexicon (as a server with a built
// lexicon does); without it, by the glossary only.
var lexicon = options.Lexicon is { } lexiconPath ? new LexiconSource(lexiconPath) : null;
if (lexicon is not null)
{
    Log($"lexicon: {lexicon.Preload().State} ({lexicon.Path})");
}
using var polis = lexicon is null ? LuceneSearchIndex.Open(indexPath) : LuceneSearchIndex.Open(indexPath, lexicon);
// By default every search builds its query afresh, so the measured pass meets none of what Polis keeps per built query
// (weights, hits, whole answers; issue 21): each query costs what a query nobody asked before costs, as raw Lucene's
// does. With --cached the measured pass repeats the warm-up's queries and is answered from those caches.
polis.ReuseBuiltQueries = options.Cached;
Log($"mode: {(options.Cached ? "cached (repeated queries answered from what Polis keeps per built query)" : "uncached (every query built afresh)")}");
var count = await polis.CountAsync(ct);
var openMs = openWatch.Elapsed.TotalMilliseconds;
var firstWatch = Stopwatch.StartNew();
await polis.SearchAsync(new SearchQuery("police") { Access = SearchAccess.Keys(CorpusGenerator.AnonymousKeys), FacetFields = QuerySets.FacetFields }, ct);
var firstQueryMs = firstWatch.Elapsed.TotalMilliseconds;
using var raw = new RawLucene(indexPath, options.RawMemoryMapped);
Log($"opened {count} documents in {openMs:F0} ms; first query {firstQueryMs:F0} ms");

var queries = QuerySets.Build(vocabulary, options.Seed, options.Docs, Math.Max(1, options.Queries / QuerySets.Types.Length), options.Seed + 1)
    .Where(q => options.Types is null || options.Types.Contains(q.Type, StringComparer.Ordinal)).ToList();
Log($"queries: {queries.Count} ({string.Join(", ", queries.GroupBy(q => q.Type).Select(g => $"{g.Key} {g.Count()}"))})");

// With --concurrency N: N searchers run the queries (anonymous viewer) on Polis at once for --seconds, as N users
// would; throughput and latency under that load. Answers whether reads serialised per file (SimpleFSDirectory)
// hold up when several requests run together.
if (options.Concurrency > 0)
{
    foreach (var q in queries)
    {
        await polis.SearchAsync(ToPolis(q, CorpusGenerator.AnonymousKeys), ct);
    }
    var latencies = new ConcurrentBag<double>();
    var deadline = Stopwatch.GetTimestamp() + (long)(options.Seconds * Stopwatch.Frequency);
    var started = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(worker => Task.Run(async () =>
    {
        var order = queries.ToArray();
        new Random(worker).Shuffle(order);
        for (var i = 0; Stopwatch.GetTimestamp() < deadline; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await polis.SearchAsync(ToPolis(order[i % order.Length], CorpusGenerator.AnonymousKeys), ct);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }, ct)));
    var under = Stats.Of([.. latencies]);
    Log($"concurrency {options.Concurrency}: {latencies.Count / started.Elapsed.TotalSeconds:F0} queries/s, latency p50 {under.P50:F2} p95 {under.P95:F2} p99 {under.P99:F2} ms ({latencies.Count} queries in {started.Elapsed.TotalSeconds:F1} s)");
    return 0;
}

if (options.Breakdown)
{
    polis.Dispose();
    Breakdown.Run(indexPath, queries, CorpusGenerator.AnonymousKeys);
    return 0;
}

var viewers = new (string Name, string[] Keys)[] { ("anonymous", CorpusGenerator.AnonymousKeys), ("member", CorpusGenerator.MemberKeys) }
    .Where(v => options.Viewer is null || v.Name == options.Viewer).ToArray();
var translations = new Dictionary<BenchQuery, IReadOnlyList<TermTranslation>>();

// Warm-up: every query once on both sides with both viewers (JIT, filter caches, facet ordinals, page cache).
foreach (var (_, keys) in viewers)
{
    foreach (var q in queries)
    {
        var result = await polis.SearchAsync(ToPolis(q, keys), ct);
        translations[q] = q.Translate ? result.Translations : [];
        raw.Search(q, keys, translations[q]);
    }
}
GC.Collect();
var managedAfter = GC.GetTotalMemory(forceFullCollection: true);
var workingSet = Process.GetCurrentProcess().WorkingSet64;
Log($"warm: managed heap {managedAfter / 1e6:F0} MB (+{(managedAfter - managedBefore) / 1e6:F0} MB for the index), working set {workingSet / 1e6:F0} MB");

// Measured pass: each query once on each side, alternating which side goes first.
var rows = new List<Row>();
foreach (var (viewer, keys) in viewers)
{
    foreach (var group in queries.GroupBy(q => q.Type))
    {
        // Warm this group again right before measuring it: this VM runs DAMON with a "pageout" scheme that evicts file
        // pages idle for a few seconds, so postings read in the global warm-up may be on disk again by now.
        foreach (var q in group)
        {
            await polis.SearchAsync(ToPolis(q, keys), ct);
            raw.Search(q, keys, translations[q]);
        }
        var polisMs = new List<double>();
        var rawMs = new List<double>();
        long polisHits = 0, rawHits = 0;
        var i = 0;
        foreach (var q in group)
        {
            var polisQuery = ToPolis(q, keys);
            for (var side = 0; side < 2; side++)
            {
                if ((side + i) % 2 == 0)
                {
                    var start = Stopwatch.GetTimestamp();
                    var result = await polis.SearchAsync(polisQuery, ct);
                    polisMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    polisHits += result.Total;
                }
                else
                {
                    var start = Stopwatch.GetTimestamp();
                    var result = raw.Search(q, keys, translations[q]);
                    rawMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    rawHits += result.Total;
                }
            }
            i++;
        }
        var row = new Row(viewer, group.Key, polisMs.Count, Stats.Of(polisMs), Stats.Of(rawMs),
            polisHits / (double)polisMs.Count, rawHits / (double)rawMs.Count);
        rows.Add(row);
        Log($"{viewer,-9} {group.Key,-14} polis p50 {row.Polis.P50,7:F2} p95 {row.Polis.P95,7:F2} p99 {row.Polis.P99,7:F2} | raw p50 {row.Raw.P50,7:F2} p95 {row.Raw.P95,7:F2} p99 {row.Raw.P99,7:F2} | p95 ratio {row.P95Ratio:F2}");
    }
}

var report = new Report(
    options.Label,
    Machine(),
    new Corpus(options.Docs, options.Seed, CorpusGenerator.GeneratorVersion),
    indexing,
    compaction,
    new Opening(openMs, firstQueryMs, managedAfter / 1e6, (managedAfter - managedBefore) / 1e6, workingSet / 1e6),
    $"dotnet run -c Release --project bench/Polis.Bench -- {string.Join(' ', args)}",
    options.Cached,
    rows);
System.IO.Directory.CreateDirectory(options.Out);
var baseName = Path.Combine(options.Out, options.Label);
await File.WriteAllTextAsync(baseName + ".json", JsonSerializer.Serialize(report, json), ct);
await File.WriteAllTextAsync(baseName + ".md", Markdown(report), ct);
Log($"wrote {baseName}.json and .md");
return 0;

SearchQuery ToPolis(BenchQuery q, IReadOnlyList<string> keys) => new(q.Text)
{
    Access = SearchAccess.Keys(keys),
    Filters = q.Filters,
    FacetFields = q.FacetFields,
    Translate = q.Translate,
    UiLanguage = q.Language == "ru" ? "ru" : "en",
    PageSize = RawLucene.PageSize,
};

async Task<Indexing> BuildIndexAsync()
{
    const int batchSize = 500;
    using var batches = new BlockingCollection<(List<SearchDocument> Docs, long Chars, long Bytes)>(boundedCapacity: 4);
    var generateTicks = 0L;
    var producer = Task.Run(() =>
    {
        for (var from = 0; from < options.Docs; from += batchSize)
        {
            var start = Stopwatch.GetTimestamp();
            var docs = new List<SearchDocument>(batchSize);
            long chars = 0, bytes = 0;
            for (var d = from; d < Math.Min(options.Docs, from + batchSize); d++)
            {
                var doc = generator.Generate(d);
                foreach (var t in doc.Texts)
                {
                    chars += t.Title.Length + (t.Summary?.Length ?? 0) + t.Body.Length;
                    bytes += Encoding.UTF8.GetByteCount(t.Title) + Encoding.UTF8.GetByteCount(t.Summary ?? "") + Encoding.UTF8.GetByteCount(t.Body);
                }
                docs.Add(doc);
            }
            generateTicks += Stopwatch.GetTimestamp() - start;
            batches.Add((docs, chars, bytes));
        }
        batches.CompleteAdding();
    });
    using (var index = LuceneSearchIndex.Open(indexPath))
    {
        var total = Stopwatch.StartNew();
        var waited = TimeSpan.Zero;
        long docsDone = 0, charsDone = 0, bytesDone = 0;
        while (true)
        {
            var waitStart = Stopwatch.GetTimestamp();
            if (!batches.TryTake(out var batch, Timeout.Infinite))
            {
                break;
            }
            waited += Stopwatch.GetElapsedTime(waitStart);
            await index.IndexAsync(batch.Docs, ct);
            docsDone += batch.Docs.Count;
            charsDone += batch.Chars;
            bytesDone += batch.Bytes;
            if (docsDone % 10_000 == 0)
            {
                Log($"indexed {docsDone} ({docsDone / total.Elapsed.TotalSeconds:F0} docs/s, waited for the generator {waited.TotalSeconds:F0} s)");
            }
        }
        await producer;
        index.Dispose();   // commits; counted in the indexing time
        var seconds = (total.Elapsed - waited).TotalSeconds;
        var size = new DirectoryInfo(indexPath).EnumerateFiles().Where(f => f.Name != "bench-indexing.json").Sum(f => f.Length);
        var storedFields = new DirectoryInfo(indexPath).EnumerateFiles("*.fdt").Sum(f => f.Length);
        return new Indexing(docsDone, charsDone, bytesDone / 1e6, seconds, total.Elapsed.TotalSeconds,
            TimeSpan.FromTicks(generateTicks * TimeSpan.TicksPerSecond / Stopwatch.Frequency).TotalSeconds,
            docsDone / seconds, bytesDone / 1e6 / seconds, size / 1e6, storedFields / 1e6,
            new DirectoryInfo(indexPath).EnumerateFiles("*.si").Count());
    }
}

static string Markdown(Report r)
{
    var md = new StringBuilder();
    var inv = CultureInfo.InvariantCulture;
    md.AppendLine(inv, $"# Search benchmark: {r.Label}").AppendLine();
    md.AppendLine(inv, $"- Machine: {r.Machine}");
    md.AppendLine(inv, $"- Corpus: {r.Corpus.Docs:N0} documents, seed {r.Corpus.Seed}, generator v{r.Corpus.GeneratorVersion}");
    md.AppendLine(inv, $"- Command: `{r.Command}`");
    md.AppendLine(inv, $"- Polis side: {(r.Cached ? "**cached** (the measured pass repeats the warm-up's queries; answered from what Polis keeps per built query)" : "**uncached** (every search builds its query afresh, as for a query nobody asked before)")}");
    md.AppendLine(inv, $"- Indexing: {r.Indexing.Docs:N0} docs, {r.Indexing.TextMB:F0} MB of text (UTF-8) in {r.Indexing.IndexSeconds:F0} s of indexing ({r.Indexing.WallSeconds:F0} s wall, generator {r.Indexing.GenerateSeconds:F0} s on the other core): **{r.Indexing.DocsPerSecond:F0} docs/s, {r.Indexing.TextMBPerSecond:F1} MB/s**");
    md.AppendLine(inv, $"- Index on disk: **{r.Indexing.IndexMB:F0} MB** (stored fields {r.Indexing.StoredFieldsMB:F0} MB), {r.Indexing.Segments} segments as built");
    if (r.Compaction is { } c)
    {
        md.AppendLine(inv, $"- Queries run on the **compacted** index (as `polis reindex` leaves it): {c.Segments} segments, {c.IndexMB:F0} MB, compaction took {c.Seconds:F1} s");
    }
    md.AppendLine(inv, $"- Open: {r.Opening.OpenMs:F0} ms to open, first query {r.Opening.FirstQueryMs:F0} ms; warm managed heap {r.Opening.ManagedMB:F0} MB (+{r.Opening.ManagedForIndexMB:F0} MB after load and warm-up), working set {r.Opening.WorkingSetMB:F0} MB").AppendLine();
    md.AppendLine("Milliseconds per query, warm, single-threaded, one measured run per query per side (sides alternate).").AppendLine();
    md.AppendLine("| viewer | query type | n | Polis p50 | p95 | p99 | max | raw p50 | p95 | p99 | max | p50 ratio | **p95 ratio** | hits Polis / raw |");
    md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    foreach (var row in r.Rows)
    {
        md.AppendLine(inv, $"| {row.Viewer} | {row.Type} | {row.Queries} | {row.Polis.P50:F2} | {row.Polis.P95:F2} | {row.Polis.P99:F2} | {row.Polis.Max:F1} | {row.Raw.P50:F2} | {row.Raw.P95:F2} | {row.Raw.P99:F2} | {row.Raw.Max:F1} | {row.P50Ratio:F2} | **{row.P95Ratio:F2}** | {row.PolisMeanHits:F0} / {row.RawMeanHits:F0} |");
    }
    return md.ToString();
}

internal sealed record Options(int Docs, int Queries, int Seed, string Out, string Label, string? IndexPath, bool Rebuild, bool Breakdown, string? Lexicon = null, string? Viewer = null, string[]? Types = null, bool RawMemoryMapped = false, bool Compact = false, int Concurrency = 0, double Seconds = 20, bool Cached = false)
{
    public static Options Parse(string[] args)
    {
        var o = new Options(100_000, 2_000, 20_260_101, Path.Combine("bench", "results"), "latest", null, false, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => args[++i];
            o = args[i] switch
            {
                "--docs" => o with { Docs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--queries" => o with { Queries = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => o with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--out" => o with { Out = Next() },
                "--label" => o with { Label = Next() },
                "--index" => o with { IndexPath = Next() },
                "--rebuild" => o with { Rebuild = true },
                "--breakdown" => o with { Breakdown = true },
                "--raw-mmap" => o with { RawMemoryMapped = true },
                "--compact" => o with { Compact = true },
                "--concurrency" => o with { Concurrency = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seconds" => o with { Seconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--lexicon" => o with { Lexicon = Next() },
                "--viewer" => o with { Viewer = Next() },
                "--cached" => o with { Cached = true },
                "--types" => o with { Types = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        return o;
    }
}

internal sealed record Stats(double P50, double P95, double P99, double Max, double Mean)
{
    // Nearest-rank percentiles.
    public static Stats Of(List<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Stats(At(0.50), At(0.95), At(0.99), sorted[^1], sorted.Average());
    }
}

internal sealed record Row(string Viewer, string Type, int Queries, Stats Polis, Stats Raw, double PolisMeanHits, double RawMeanHits)
{
    public double P50Ratio => Polis.P50 / Raw.P50;

    public double P95Ratio => Polis.P95 / Raw.P95;
}

internal sealed record Indexing(long Docs, long TextChars, double TextMB, double IndexSeconds, double WallSeconds, double GenerateSeconds,
    double DocsPerSecond, double TextMBPerSecond, double IndexMB, double StoredFieldsMB, int Segments);

internal sealed record Opening(double OpenMs, double FirstQueryMs, double ManagedMB, double ManagedForIndexMB, double WorkingSetMB);

internal sealed record Corpus(int Docs, int Seed, int GeneratorVersion);

internal sealed record Report(string Label, string Machine, Corpus Corpus, Indexing Indexing, Compaction? Compaction, Opening Opening, string Command, bool Cached, IReadOnlyList<Row> Rows);

internal sealed record Compaction(double Seconds, int Segments, double IndexMB);
