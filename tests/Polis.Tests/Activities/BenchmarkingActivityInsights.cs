using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Activities;
using Polis.Activities.Coverage;
using Polis.Activities.Overlaps;
using Polis.Data;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Activities;

/// <summary>
/// The benchmarks of issue 22 part B (bench/activities/README.md): N generated activities (default 100,000; ten years,
/// so about 10,000 a year), then the overlap check per save (p50/p95 over 200 saved activities), the coverage matrix (all
/// years and one year) against one hand-written SQL aggregate of the same cells, and the annual report of one year as
/// the HTML page and as DOCX over HTTP. Runs only when POLIS_BENCH_ACTIVITIES is set (the number of activities);
/// writes bench/activities/results-{provider}.md.
/// </summary>
public abstract class BenchmarkingActivityInsights(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] States = ["KG", "KZ", "TJ", "UZ", "TM", "RS", "BA", "AL", "MK", "ME", "MD", "UA", "AM", "AZ", "GE", "XK", "RO", "BG", "TR", "DE"];
    private static readonly string[] Importable = [.. States.Where(s => s != "XK")];   // an import checks codes: XK is not in the reference data
    private static readonly string[] Priorities = ["PoliceDevelopmentAndReform", "OrganizedCrime", "Terrorism", "IllicitDrugs", "TraffickingInHumanBeings", "Cybercrime"];
    private static readonly string[] Lines = ["InstitutionAndCapacityBuilding", "ConfidenceBuildingMonitoringAndAdvice", "Training", "InformationSharing", "LessonsLearned"];
    private static readonly string[] Owners = ["SPMU", "TNTD", "ATU", "BSMU", "OSR-CTHB", "ODIHR", "PIA", "MBIH", "MIK", "MSRB", "MMD", "PCUA", "OBAKU", "CBISHKEK", "CASTANA", "OTAJ", "BMSC"];

    [Fact]
    public async Task Measure()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("POLIS_BENCH_ACTIVITIES"), out var count) || count <= 0)
        {
            Assert.Skip("Set POLIS_BENCH_ACTIVITIES (e.g. 100000) to run the activity benchmarks (bench/activities/README.md).");
        }
        // POLIS_BENCH_ONLY (e.g. "import,overlap") runs only the named measures: overlap, coverage, report, import.
        var only = Environment.GetEnvironmentVariable("POLIS_BENCH_ONLY") is { Length: > 0 } o ? o.Split(',', StringSplitOptions.TrimEntries) : null;
        bool Runs(string part) => only is null || only.Contains(part, StringComparer.OrdinalIgnoreCase);
        var report = new StringBuilder();
        var processorTimes = new List<string>();
        var generate = Stopwatch.StartNew();
        var ids = await GenerateAsync(count);
        report.AppendLine(CultureInfo.InvariantCulture, $"# Activity insights on {app.Provider}, {count:N0} activities").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Generated and inserted in {generate.Elapsed.TotalSeconds:0} s (seed 22; {2026 - Years}–2025). Load average at the start: {LoadAverage()}.").AppendLine()
            .AppendLine("| measure | median | p95 | target | raw SQL median | ratio |").AppendLine("|---|---|---|---|---|---|");

        // Overlap check per save: the check a save runs, on 200 activities spread over the data; beside it, in the same
        // run, the same check analysing every candidate's text (as it did before the features were stored) and the raw
        // candidate query. Each with a profile of its parts.
        var random = new Random(7);
        var overlapTimes = new List<double>();
        var overlapBefore = new List<double>();
        var overlapRaw = new List<double>();
        var overlapProfile = new OverlapTimings();
        var beforeProfile = new OverlapTimings();
        if (Runs("overlap"))
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var check = scope.ServiceProvider.GetRequiredService<OverlapCheck>();
                var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
                var analyseAll = new OverlapCheck(db, scope.ServiceProvider.GetRequiredService<OverlapFeatureAnalyzer>()) { AnalyseEveryCandidate = true };
                for (var i = 0; i < 220; i++)
                {
                    var id = ids[random.Next(ids.Count)];
                    var activity = await db.Set<Activity>().AsNoTracking().Include(a => a.Texts).AsSplitQuery().SingleAsync(a => a.Id == id, Ct);
                    var watch = Stopwatch.StartNew();
                    var warnings = await check.ForAsync(activity, i >= 20 ? overlapProfile : null, Ct);
                    if (i >= 20) overlapTimes.Add(watch.Elapsed.TotalMilliseconds);   // the first 20 warm up
                    watch.Restart();
                    var before = await analyseAll.ForAsync(activity, i >= 20 ? beforeProfile : null, Ct);
                    if (i >= 20) overlapBefore.Add(watch.Elapsed.TotalMilliseconds);
                    Assert.Equal(before.Select(w => (w.Id, w.Score, w.Explanation)), warnings.Select(w => (w.Id, w.Score, w.Explanation)));
                    watch.Restart();
                    _ = await RawCandidatesAsync(db, activity);
                    if (i >= 20) overlapRaw.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        if (Runs("overlap"))
        {
            Row(report, "overlap check per save, from the stored features (raw: the candidate ids by one SQL query on act_coverage_key)", overlapTimes, "≤ 50 ms (p95)", overlapRaw);
            Row(report, "overlap check per save, every candidate's text analysed (as before the features were stored)", overlapBefore, "≤ 50 ms (p95)", overlapRaw);
            processorTimes.Add("overlap check per save from the stored features, profile (median / p95 of each part): " + overlapProfile.Describe() + ".");
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
            var lastId = ids[^1];
            var last = await db.Set<Activity>().AsNoTracking().SingleAsync(a => a.Id == lastId, Ct);
            var plan = new List<string>();
            await RawCandidatesAsync(db, last, plan);
            processorTimes.Add("plan of the raw candidate query (one activity):\n\n    " + string.Join("\n    ", plan));
            processorTimes.Add("overlap check per save analysing every candidate, profile (median / p95 of each part): " + beforeProfile.Describe() + ".");
        }

        // Coverage matrix: all years, then one year; the raw equivalent is one SQL aggregate of State x priority cells.
        foreach (var (label, filter) in new[] { ("coverage matrix, all years", CoverageFilter.None), ("coverage matrix, 2025", CoverageFilter.None with { Year = 2025 }) }.Where(_ => Runs("coverage")))
        {
            var times = new List<double>();
            var raw = new List<double>();
            var rawKeys = new List<double>();
            for (var i = 0; i < 7; i++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var coverage = scope.ServiceProvider.GetRequiredService<CoverageQuery>();
                var watch = Stopwatch.StartNew();
                var matrix = await coverage.MatrixAsync(filter, CultureInfo.GetCultureInfo("en"), Ct);
                times.Add(watch.Elapsed.TotalMilliseconds);
                Assert.True(matrix.Total.Activities > 0);
                var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
                watch.Restart();
                var cells = await RawCellsAsync(db, filter.Year);
                raw.Add(watch.Elapsed.TotalMilliseconds);
                Assert.Equal(matrix.Cells.Count, cells);
                watch.Restart();
                var keyed = await RawKeyCellsAsync(db, filter.Year);
                rawKeys.Add(watch.Elapsed.TotalMilliseconds);
                Assert.Equal(matrix.Cells.Count + matrix.StateTotals.Count + matrix.PriorityTotals.Count, keyed);
            }
            Row(report, label + " (raw: json_each/unnest over act_activity)", times, "≤ 300 ms", raw);
            Row(report, label + " (raw: one GROUP BY over act_coverage_count)", times, "≤ 300 ms", rawKeys);
        }

        // The annual report of 2025 (about a tenth of the activities) over HTTP, as an administrator (sees all).
        var admin = await app.SignedInAsync(Role.Administrator);
        if (Runs("report"))
        {
            // The search index takes the inserted activities in the background: its work would be counted in the process's
            // CPU time per request (and slow the requests), so the report is measured once the outbox is empty (bounded).
            processorTimes.Add(await WaitForTheSearchIndexAsync());
        }
        // POLIS_BENCH_TRACE (a folder): before each report measure the harness writes ready-N (this process's id) there and
        // waits for go-N, then writes done-N after its requests: a profiler (dotnet-trace) attaches for just those requests.
        var traceFolder = Environment.GetEnvironmentVariable("POLIS_BENCH_TRACE");
        var measure = 0;
        foreach (var (label, url, target) in new[] { ("annual report 2025, HTML page", "/activities/reports/2025", "≤ 2 s"), ("annual report 2025, DOCX", "/api/v1/activities/reports/2025.docx", "≤ 5 s") }.Where(_ => Runs("report")))
        {
            var times = new List<double>();
            var cpu = new List<double>();
            measure++;
            await ProfilerReadyAsync(traceFolder, measure.ToString(CultureInfo.InvariantCulture));
            // The SQL of the first request's queries (captured from EF's diagnostics) is explained after the requests.
            using var queries = measure == 1 ? new ReportQueries() : null;
            for (var i = 0; i < 3; i++)
            {
                if (i == 1) queries?.Stop();
                var used = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var response = await admin.GetAsync(url, Ct);
                _ = await response.Content.ReadAsByteArrayAsync(Ct);
                times.Add(watch.Elapsed.TotalMilliseconds);
                cpu.Add((System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - used).TotalMilliseconds);
                Assert.True(response.IsSuccessStatusCode, url);
            }
            await ProfilerDoneAsync(traceFolder, measure.ToString(CultureInfo.InvariantCulture));
            Row(report, label, times, target, null);
            if (queries is not null) processorTimes.Add(await ExplainAsync(queries.Commands));
            // CPU time of the whole test process over each request (all its threads: the server's, the GC's, and any
            // background work such as the search index taking the inserted activities): less dependent on the load.
            processorTimes.Add($"{label}: process CPU time per request, median {cpu.Order().ElementAt(cpu.Count / 2):0} ms ({string.Join(", ", cpu.Select(c => c.ToString("0", CultureInfo.InvariantCulture)))} ms).");
        }
        var folder = Path.Combine(Repository.Root, "bench", "activities");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"results-{app.Provider.ToString().ToLowerInvariant()}.md");
        await File.WriteAllTextAsync(file, report.ToString(), Ct);

        // CSV import through the API (the page's path): one file of generated rows (the documented columns), stored whole.
        var rows = Math.Min(count, Polis.Activities.Csv.ImportActivities.MaxRows);
        var csv = ImportFile(rows, new Random(99));
        if (Runs("import"))
        {
            // As before the report: the index takes the generated activities first (alone, it would share the cores).
            processorTimes.Add("Before the CSV import: " + await WaitForTheSearchIndexAsync());
            var watch = Stopwatch.StartNew();
            var response = await ImportAsync(admin, csv);
            var seconds = watch.Elapsed.TotalSeconds;
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body[..Math.Min(body.Length, 2000)]);
            Assert.Equal(rows, (int)System.Text.Json.Nodes.JsonNode.Parse(body)!["created"]!);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| CSV import, {rows:N0} rows ({csv.Length / 1024:N0} KiB) | {rows / seconds:N0} rows/s | — | ≥ 5,000 rows/s | — | — |");

            // Where an import's time goes: a second file of as many rows (other titles) through the import service itself,
            // with a logger that keeps its "Imported N activities: read …, rows …, store …" line (the host logs through Serilog),
            // once the search index has taken the first file's activities (its work would share the cores with the import).
            processorTimes.Add("Before the second import: " + await WaitForTheSearchIndexAsync());
            var again = ImportFile(rows, new Random(98), "profile");
            var used = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var spans = new CapturedLines();
            await using var scope = app.Services.CreateAsyncScope();
            var import = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<Polis.Activities.Csv.ImportActivities>(scope.ServiceProvider, spans);
            var administrator = Viewer.Of(Guid.NewGuid(), "bench-admin", [Role.Administrator], []);
            await ProfilerReadyAsync(traceFolder, "import");
            watch.Restart();
            var result = await import.ImportAsync(new MemoryStream(again), administrator, dryRun: false, Ct);
            var direct = watch.Elapsed.TotalSeconds;
            var cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - used).TotalSeconds;
            await ProfilerDoneAsync(traceFolder, "import");
            Assert.True(result.Succeeded, string.Join("; ", result.Problems.Take(5).Select(p => $"{p.Row} {p.Column} {p.Message}")));
            processorTimes.Add(string.Create(CultureInfo.InvariantCulture,
                $"CSV import of a second file of {rows:N0} rows through the import service (no HTTP, warm): {rows / direct:N0} rows/s ({cpu:0.0} s of process CPU time); where the time went: {string.Join("; ", spans.Lines)}."));
        }
        report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Load average at the end (1, 5, 15 min): {LoadAverage()}.");
        foreach (var line in processorTimes)
        {
            report.AppendLine().AppendLine(line);
        }
        await File.WriteAllTextAsync(file, report.ToString(), Ct);
    }

    /// <summary>The SQL commands EF runs while it is listening (text and parameters), from its DiagnosticListener.</summary>
    private sealed class ReportQueries : IObserver<System.Diagnostics.DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly IDisposable all;
        private readonly List<IDisposable> subscriptions = [];
        private volatile bool stopped;

        public ReportQueries() => all = System.Diagnostics.DiagnosticListener.AllListeners.Subscribe(this);

        public List<(string Text, List<(string Name, object? Value, System.Data.DbType Type)> Parameters)> Commands { get; } = [];

        public void Stop() => stopped = true;

        public void OnNext(System.Diagnostics.DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (subscriptions) subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (stopped || value.Key != RelationalEventId.CommandExecuted.Name || value.Value is not Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData data) return;
            var parameters = data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, (object?)p.Value, p.DbType)).ToList();
            lock (Commands) Commands.Add((data.Command.CommandText, parameters));
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            all.Dispose();
            lock (subscriptions) subscriptions.ForEach(s => s.Dispose());
        }
    }

    // The plan of each query of the report on the activities (EXPLAIN QUERY PLAN on SQLite; EXPLAIN ANALYZE on PostgreSQL).
    private async Task<string> ExplainAsync(List<(string Text, List<(string Name, object? Value, System.Data.DbType Type)> Parameters)> commands)
    {
        var text = new StringBuilder("Query plans of the report's queries on the activities (first HTML request):\n");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
        await db.Database.OpenConnectionAsync(Ct);
        foreach (var (sql, parameters) in commands.Where(c => c.Text.Contains("act_activity", StringComparison.Ordinal)).DistinctBy(c => c.Text))
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = (app.Provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ") + sql;
            foreach (var (name, value, type) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                parameter.DbType = type;
                command.Parameters.Add(parameter);
            }
            text.Append("\n```sql\n").Append(sql).Append("\n```\n```\n");
            try
            {
                await using var reader = await command.ExecuteReaderAsync(Ct);
                while (await reader.ReadAsync(Ct))
                {
                    text.AppendLine(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
                }
            }
            catch (System.Data.Common.DbException e)
            {
                text.AppendLine("(not explained: " + e.Message + ")");
            }
            text.Append("```\n");
        }
        return text.ToString();
    }

    // Waits (at most POLIS_BENCH_INDEX_WAIT seconds, default 600) until the search outbox is empty; says how it went.
    private async Task<string> WaitForTheSearchIndexAsync()
    {
        var limit = int.TryParse(Environment.GetEnvironmentVariable("POLIS_BENCH_INDEX_WAIT"), out var s) && s >= 0 ? s : 600;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            await db.Database.OpenConnectionAsync(Ct);
            command.CommandText = "SELECT COUNT(*) FROM srch_outbox";
            var left = Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
            if (left == 0)
            {
                return $"Search outbox empty {watch.Elapsed.TotalSeconds:0} s after the inserts (the report requests ran without the index's background work; load average {LoadAverage()}).";
            }
            if (watch.Elapsed.TotalSeconds >= limit)
            {
                return $"Search outbox still held {left:N0} entries {watch.Elapsed.TotalSeconds:0} s after the inserts: the index's background work ran during the report requests and is in their CPU time.";
            }
            await Task.Delay(2000, Ct);
        }
    }

    // With POLIS_BENCH_TRACE, ready-NAME (this process's id) is written and go-NAME awaited (at most 10 minutes) before a
    // measure, done-NAME written after it: a profiler attaches for just that measure (README.md).
    private static async Task ProfilerReadyAsync(string? folder, string name)
    {
        if (folder is not { Length: > 0 }) return;
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, $"ready-{name}"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), Ct);
        for (var waited = 0; waited < 600 && !File.Exists(Path.Combine(folder, $"go-{name}")); waited++)
        {
            await Task.Delay(1000, Ct);
        }
    }

    private static async Task ProfilerDoneAsync(string? folder, string name)
    {
        if (folder is { Length: > 0 }) await File.WriteAllTextAsync(Path.Combine(folder, $"done-{name}"), "", Ct);
    }

    /// <summary>A logger of the import service that keeps what it writes.</summary>
    private sealed class CapturedLines : Microsoft.Extensions.Logging.ILogger<Polis.Activities.Csv.ImportActivities>
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();
        public IReadOnlyCollection<string> Lines => lines;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    // The documented columns (docs/activities.md), realistic values: texts of the labelled set, 1–2 States and priorities.
    private static byte[] ImportFile(int rows, Random random, string label = "import")
    {
        var text = new StringBuilder(string.Join(",", Polis.Activities.Csv.ActivityCsv.Columns)).Append("\r\n");
        var bases = OverlapLabelledSet.Bases;
        static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        for (var i = 0; i < rows; i++)
        {
            var b = bases[random.Next(bases.Length)];
            var start = new DateOnly(2024, 1, 1).AddDays(random.Next(700));
            var total = random.Next(8, 80);
            var women = random.Next(0, total + 1);
            var states = string.Join(";", Enumerable.Range(0, random.Next(1, 3)).Select(_ => Importable[random.Next(Importable.Length)]).Distinct());
            var priorities = string.Join(";", Enumerable.Range(0, random.Next(1, 3)).Select(_ => Priorities[random.Next(Priorities.Length)]).Distinct());
            var title = $"{b.English[..b.English.IndexOf('.', StringComparison.Ordinal)]} ({label} {i})";
            string[] cells =
            [
                "", "en", Quote(title), Quote(b.English), "", Owners[random.Next(Owners.Length)], "", ((ActivityType)random.Next(11)).ToString(), "Completed",
                priorities, "", Lines[random.Next(Lines.Length)], states, "Police", "", "Vienna", "", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                start.AddDays(random.Next(5)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), total.ToString(CultureInfo.InvariantCulture),
                women.ToString(CultureInfo.InvariantCulture), (total - women).ToString(CultureInfo.InvariantCulture), "",
                random.Next(4) == 0 ? $"{random.Next(1000, 90000)} EUR UnifiedBudget" : "", "Public", "",
            ];
            text.Append(string.Join(",", cells)).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] content)
    {
        var token = await client.GetFromJsonAsync<Polis.Accounts.AntiforgeryToken>("/api/v1/account/antiforgery", Ct);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "activities.csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/activities/import") { Content = form };
        request.Headers.Add(token!.HeaderName, token.Token);
        return await client.SendAsync(request, Ct);
    }

    private static void Row(StringBuilder report, string label, List<double> times, string target, List<double>? raw)
    {
        times.Sort();
        var median = times[times.Count / 2];
        var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)];
        var rawMedian = raw is null ? (double?)null : raw.Order().ElementAt(raw.Count / 2);
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {label} | {median:0.0} ms | {p95:0.0} ms | {target} | {(rawMedian is { } r ? $"{r:0.0} ms" : "—")} | {(rawMedian is { } q ? $"{median / q:0.00}" : "—")} |");
    }

    // The raw form of the overlap check's candidate retrieval: one hand-written query on the side table's blocking key.
    private async Task<int> RawCandidatesAsync(PolisDb db, Activity activity, List<string>? plan = null)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        var sqlite = app.Provider == DatabaseProvider.Sqlite;
        string Name(string column) => sqlite ? column : $"\"{column}\"";
        var states = string.Join(", ", activity.States.Select((_, i) => "@s" + i));
        var priorities = string.Join(", ", activity.Priorities.Select((_, i) => "@p" + i));
        command.CommandText = (plan is null ? "" : sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ") + $"SELECT DISTINCT {Name("ActivityId")}, {Name("StartsOn")} FROM act_coverage_key WHERE {Name("State")} IN ({states}) " +
            $"AND {Name("Priority")} IN ({priorities}) AND {Name("StartsOn")} BETWEEN @from AND @to AND {Name("ActivityId")} <> @id";
        void Add(string name, object value)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        for (var i = 0; i < activity.States.Count; i++) Add("s" + i, activity.States[i]);
        for (var i = 0; i < activity.Priorities.Count; i++) Add("p" + i, activity.Priorities[i]);
        object Day(DateOnly d) => sqlite ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d;
        Add("from", Day(activity.StartsOn.AddDays(-OverlapScorer.WindowDays)));
        Add("to", Day(activity.StartsOn.AddDays(OverlapScorer.WindowDays)));
        Add("id", sqlite ? activity.Id.ToString().ToUpperInvariant() : activity.Id);
        var n = 0;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            n++;
            plan?.Add(Convert.ToString(reader.GetValue(reader.FieldCount - 1), CultureInfo.InvariantCulture) ?? "");
        }
        return n;
    }

    // One hand-written aggregate over the side table's counts (the view act_coverage_count: each key in each cell it
    // counts in): every State x priority cell and the State and priority totals.
    private async Task<int> RawKeyCellsAsync(PolisDb db, int? year)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        var sqlite = app.Provider == DatabaseProvider.Sqlite;
        // The per-activity total rows ("", "") are the trend's, not a cell's or a total's.
        var where = (sqlite ? "WHERE (State <> '' OR Priority <> '')" : "WHERE (\"State\" <> '' OR \"Priority\" <> '')")
            + (year is null ? "" : sqlite ? " AND Year = @year" : " AND \"Year\" = @year");
        command.CommandText = app.Provider == DatabaseProvider.Sqlite
            ? $"SELECT COUNT(*) FROM (SELECT State, Priority, COUNT(*), SUM(Participants), SUM(Women) FROM act_coverage_count {where} GROUP BY State, Priority)"
            : $"SELECT COUNT(*) FROM (SELECT \"State\", \"Priority\", COUNT(*), SUM(\"Participants\"), SUM(\"Women\") FROM act_coverage_count {where} GROUP BY \"State\", \"Priority\") x";
        if (year is { } y)
        {
            var p = command.CreateParameter();
            p.ParameterName = "year";
            p.Value = y;
            command.Parameters.Add(p);
        }
        return Convert.ToInt32(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }

    // One hand-written aggregate: the non-empty State x priority cells with their counts (the same cells the matrix has).
    private async Task<int> RawCellsAsync(PolisDb db, int? year)
    {
        var from = year is { } y ? new DateOnly(y, 1, 1) : DateOnly.MinValue;
        var to = year is { } z ? new DateOnly(z, 12, 31) : DateOnly.MaxValue;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = app.Provider == DatabaseProvider.Sqlite
            ? "SELECT COUNT(*) FROM (SELECT s.value, p.value, COUNT(*), SUM(COALESCE(a.ParticipantsTotal, 0)), SUM(COALESCE(a.ParticipantsWomen, 0)) " +
              "FROM act_activity a, json_each(a.States) s, json_each(a.Priorities) p WHERE a.StartsOn BETWEEN @from AND @to GROUP BY s.value, p.value)"
            : "SELECT COUNT(*) FROM (SELECT s, p, COUNT(*), SUM(COALESCE(a.\"ParticipantsTotal\", 0)), SUM(COALESCE(a.\"ParticipantsWomen\", 0)) " +
              "FROM act_activity a, unnest(a.\"States\") s, unnest(a.\"Priorities\") p WHERE a.\"StartsOn\" BETWEEN @from AND @to GROUP BY s, p) x";
        var f = command.CreateParameter();
        f.ParameterName = "from";
        f.Value = app.Provider == DatabaseProvider.Sqlite ? from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : from;
        var t = command.CreateParameter();
        t.ParameterName = "to";
        t.Value = app.Provider == DatabaseProvider.Sqlite ? to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : to;
        command.Parameters.Add(f);
        command.Parameters.Add(t);
        return Convert.ToInt32(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }

    private static int Years =>
        int.TryParse(Environment.GetEnvironmentVariable("POLIS_BENCH_YEARS"), out var y) && y is >= 1 and <= 10 ? y : 10;

    // Seeded activities: texts from the labelled set's bases (English or Russian), 1–2 States, 1–2 priorities, 2016–2025.
    private async Task<List<Guid>> GenerateAsync(int count)
    {
        var random = new Random(22);
        // POLIS_BENCH_YEARS (default 10: 2016–2025) spreads the activities over fewer years ending in 2025, e.g. 1 puts
        // all of them in 2025: the report of a year of 10,000 measured without inserting 100,000 (to iterate on it).
        var years = Years;
        var ids = new List<Guid>(count);
        var bases = OverlapLabelledSet.Bases;
        const int batch = 1000;
        for (var done = 0; done < count; done += batch)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var added = new List<Activity>(batch);
            for (var i = done; i < Math.Min(count, done + batch); i++)
            {
                var b = bases[random.Next(bases.Length)];
                var russian = random.Next(3) == 0;
                var language = russian ? "ru" : "en";
                var text = russian ? b.Russian : random.Next(2) == 0 ? b.English : b.Reworded;
                var start = new DateOnly(2026 - years, 1, 1).AddDays(random.Next(years * 365));
                var total = random.Next(8, 80);
                var women = random.Next(0, total + 1);
                var values = new ActivityValues
                {
                    Language = language,
                    Texts = [new ActivityTextValues(language, text[..text.IndexOf('.', StringComparison.Ordinal)], text, null)],
                    Owner = Owners[random.Next(Owners.Length)],
                    Type = (ActivityType)random.Next(11),
                    Status = ActivityStatus.Completed,
                    Priorities = [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => Priorities[random.Next(Priorities.Length)]).Distinct()],
                    LinesOfAction = [Lines[random.Next(Lines.Length)]],
                    States = [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => States[random.Next(States.Length)]).Distinct()],
                    StartsOn = start,
                    EndsOn = start.AddDays(random.Next(0, 5)),
                    ParticipantsTotal = total,
                    ParticipantsWomen = women,
                    ParticipantsMen = total - women,
                    BudgetLines = random.Next(4) == 0 ? [new BudgetLine(random.Next(1000, 90000), "EUR", FundingSource.UnifiedBudget, null)] : [],
                    Access = AccessLevel.Public,
                };
                var activity = Activity.Create(values, Viewer.System, app.Clock.GetUtcNow());
                ids.Add(activity.Id);
                added.Add(activity);
            }
            // As the generator and the CSV import: the bulk path, each batch in its transaction.
            await scope.ServiceProvider.GetRequiredService<StoreActivities>().AddManyAsync(added, Viewer.System, app.Clock.GetUtcNow(), Ct);
        }
        return ids;
    }
}

public sealed class BenchmarkingActivityInsightsOnSqlite(SqliteApp app) : BenchmarkingActivityInsights(app), IClassFixture<SqliteApp>;

public sealed class BenchmarkingActivityInsightsOnPostgres(PostgresApp app) : BenchmarkingActivityInsights(app), IClassFixture<PostgresApp>;
