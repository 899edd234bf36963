using System.Globalization;
using System.Text;
using System.Threading.Channels;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Platform;

namespace Polis.Activities.Csv;

/// <summary>What an import found and did: the rows read, every problem by row and column, and how many activities were created.</summary>
public sealed record ImportReport(int Rows, IReadOnlyList<CsvProblem> Problems, int Created, IReadOnlyList<ActivitySummaryRow> Preview)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>A row as the preview shows it.</summary>
public sealed record ActivitySummaryRow(int Row, string Title, string Owner, string Type, string StartsOn, string States);

/// <summary>
/// CSV import of activities (docs/activities.md): UTF-8 only; at most <see cref="MaxRows"/> rows and <see cref="MaxBytes"/>
/// bytes, read as a stream and refused past either limit; every row checked with the same rules as the form (and the
/// write rule) before anything is stored; duplicates (the same title, owner and start date twice in the file, or an
/// activity the importer can already see) reported; all rows stored in one save, or none. The rows checked are
/// written while the next ones are checked (<see cref="StoreActivities.AddAsTheyComeAsync"/>, on a scope and connection
/// of its own), in one transaction committed only when every row passed.
/// </summary>
public sealed class ImportActivities(SaveActivity save, PolisDb db, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ImportActivities> log)
{
    public const int MaxRows = 10_000;
    public const long MaxBytes = 10 * 1024 * 1024;
    /// <summary>How many rows the preview lists.</summary>
    public const int PreviewRows = 50;

    private static readonly string[] Required = ["title", "owner", "type", "starts_on"];

    /// <summary>Checks the file and, unless <paramref name="dryRun"/> or a problem, stores every row.</summary>
    public async Task<ImportReport> ImportAsync(Stream file, Viewer by, bool dryRun, CancellationToken ct)
    {
        var problems = new List<CsvProblem>();
        // Where the time of an import goes, logged with its outcome (docs/performance.md profiles imports from it).
        var spans = new ImportSpans();
        var rows = await ReadAsync(file, problems, ct);
        spans.End("read");
        var preview = new List<ActivitySummaryRow>();
        var seen = new Dictionary<(string, string, string), int>();
        // The query for stored duplicates runs on a connection of its own while this thread checks the rows: before the
        // store, the two took about equal parts of an import (SQLite's driver runs a query on the calling thread).
        var existingQuery = Task.Run(() => ExistingAsync(rows, by, ct), ct);
        var candidates = new List<(int Row, (string Title, string Owner, DateOnly StartsOn) Key)>();
        var now = clock.GetUtcNow();
        // Unless a dry run: the store writes each batch of checked rows while the next are checked; it commits only
        // if every row passed (verdict), so a problem in the last row still leaves nothing stored.
        var batches = Channel.CreateBounded<IReadOnlyList<Activity>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var verdict = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var storeSteps = new StoreSteps();
        var storing = dryRun || rows.Count == 0 ? Task.FromResult(false) : Task.Run(() => StoreAsync(batches, verdict.Task, by, now, storeSteps, ct), ct);
        var batch = new List<Activity>(StoreBatch);
        var added = 0;
        try
        {
            foreach (var row in rows)
            {
                problems.AddRange(row.Problems);
                var input = row.Input;
                if (preview.Count < PreviewRows)
                    preview.Add(new(row.Row, input.Title, input.Owner ?? "", input.Type.ToString(), input.StartsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                        string.Join(", ", ActivityInput.Codes(input.States))));
                var key = (input.Title.Trim().ToUpperInvariant(), input.ParsedOwner ?? "", input.StartsOn?.ToString("O", CultureInfo.InvariantCulture) ?? "");
                if (seen.TryGetValue(key, out var first))
                    problems.Add(new(row.Row, "title", string.Format(CultureInfo.CurrentCulture, Text.ActivitiesCsvDuplicateRow, first)));
                else
                {
                    seen[key] = row.Row;
                    if (input.StartsOn is { } start && input.ParsedOwner is { } owner) candidates.Add((row.Row, (input.Title.Trim(), owner, start)));
                }
                if (row.Problems.Count > 0) continue;
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var (result, activity) = await save.CheckNewAsync(input, by, now, auditRefusal: false, ct);
                spans.Add("check and build", started);
                foreach (var (field, messages) in result.Errors)
                    foreach (var m in messages) problems.Add(new(row.Row, ActivityCsv.ColumnOf(field), m));
                if (activity is null || problems.Count > 0 || dryRun) continue;
                batch.Add(activity);
                added++;
                if (batch.Count == StoreBatch)
                {
                    await SendAsync(batches.Writer, batch, storing, ct);
                    batch = new List<Activity>(StoreBatch);
                }
            }
            if (batch.Count > 0 && problems.Count == 0 && !dryRun) await SendAsync(batches.Writer, batch, storing, ct);
            batches.Writer.TryComplete();
            spans.End("rows (the store writing beside)");
            var existing = await existingQuery;
            foreach (var (row, key) in candidates)
                if (existing.Contains(key)) problems.Add(new(row, "title", Text.ActivitiesCsvDuplicateExisting));
            spans.End("duplicates (the rest of its query)");
            verdict.TrySetResult(problems.Count == 0 && !dryRun);
            var stored = await storing;
            spans.End("store (the rest of it)");
            if (!stored)
                return new ImportReport(rows.Count, [.. problems.OrderBy(p => p.Row)], 0, preview);
            log.LogInformation("Imported {Rows} activities: {Spans}; the store's steps: {Store}", added, spans, storeSteps);
            return new ImportReport(rows.Count, [], added, preview);
        }
        finally
        {
            // A failed check leaves no store running: it is told to roll back and awaited (its own failure, if any, is
            // then the one reported only when the check succeeded).
            batches.Writer.TryComplete();
            verdict.TrySetResult(false);
            if (!storing.IsCompleted) await storing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            // Nothing of an import is tracked (the rows are built, then stored set-based); a refusal audited by a check may be.
            if (problems.Count > 0 || dryRun) db.ChangeTracker.Clear();
        }
    }

    /// <summary>How many checked rows go to the store at a time (its inserts take 1,000 rows per command on SQLite).</summary>
    private const int StoreBatch = 1000;

    /// <summary>
    /// The store, on a scope of its own: its DbContext and connection hold the transaction while this one checks. If it
    /// fails, the channel is closed with its error, so the check stops sending (<see cref="SendAsync"/>).
    /// </summary>
    private async Task<bool> StoreAsync(Channel<IReadOnlyList<Activity>> batches, Task<bool> verdict, Viewer by, DateTimeOffset now, StoreSteps steps, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<StoreActivities>().AddAsTheyComeAsync(batches.Reader, verdict, by, now, ct, steps.End);
        }
        catch (Exception e)
        {
            batches.Writer.TryComplete(e);
            throw;
        }
    }

    /// <summary>Hands a batch to the store; if the store has failed, its failure is the one thrown.</summary>
    private static async Task SendAsync(ChannelWriter<IReadOnlyList<Activity>> writer, IReadOnlyList<Activity> batch, Task<bool> storing, CancellationToken ct)
    {
        try
        {
            await writer.WriteAsync(batch, ct);
        }
        catch (ChannelClosedException)
        {
            await storing;
            throw;
        }
    }

    /// <summary>
    /// The activities the importer can already see with the owner and start of some row (title, owner, start), in one
    /// query (not one per row): the owners named in the file, the start dates between the file's first and last.
    /// </summary>
    private async Task<HashSet<(string Title, string Owner, DateOnly StartsOn)>> ExistingAsync(List<CsvRow> rows, Viewer by, CancellationToken ct)
    {
        var keyed = rows.Where(r => r.Input.StartsOn is not null && r.Input.ParsedOwner is not null).Select(r => r.Input).ToList();
        if (keyed.Count == 0) return [];
        var owners = keyed.Select(i => i.ParsedOwner!).Distinct(StringComparer.Ordinal).ToList();
        var first = keyed.Min(i => i.StartsOn!.Value);
        var last = keyed.Max(i => i.StartsOn!.Value);
        // The titles go to the database too (one JSON or array parameter): a file spanning years would otherwise bring
        // back the title of nearly every stored activity.
        var titles = keyed.Select(i => i.Title.Trim()).Distinct(StringComparer.Ordinal).ToList();
        // A scope of its own (its own DbContext and connection): it runs beside the rows' checks on the import's context.
        // The reader is the same: the scope's actor is the request's, and the query names the viewer.
        await using var scope = scopes.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<PolisDb>().Set<Activity>().AsNoTracking().VisibleTo(by)
            .Where(a => owners.Contains(a.OwnerCode) && a.StartsOn >= first && a.StartsOn <= last && titles.Contains(a.Title))
            .Select(a => new { a.Title, a.OwnerCode, a.StartsOn }).ToListAsync(ct);
        return [.. found.Select(a => (a.Title, a.OwnerCode, a.StartsOn))];
    }

    /// <summary>Reads the rows; a problem of the file as a whole (encoding, header, size) is row 0 and leaves no rows.</summary>
    internal static async Task<List<CsvRow>> ReadAsync(Stream file, List<CsvProblem> problems, CancellationToken ct)
    {
        var bounded = new BoundedStream(file, MaxBytes);
        var head = new byte[4];
        try
        {
            var read = await bounded.ReadAtLeastAsync(head, 4, throwOnEndOfStream: false, ct);
            if (read >= 2 && ((head[0], head[1]) is (0xFF, 0xFE) or (0xFE, 0xFF) || head[0] == 0 || head[1] == 0))
            {
                problems.Add(new(0, "", Text.ActivitiesCsvEncoding));
                return [];
            }
            var skip = read >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
            var start = new MemoryStream(head, skip, read - skip);
            using var reader = new StreamReader(new ConcatenatedStream(start, bounded), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
            return await ReadRowsAsync(reader, problems, ct);
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new(0, "", Text.ActivitiesCsvEncoding));
            return [];
        }
        catch (FileTooLargeException)
        {
            problems.Add(new(0, "", string.Format(CultureInfo.CurrentCulture, Text.ActivitiesCsvTooLarge, MaxBytes / 1024 / 1024)));
            return [];
        }
    }

    private static async Task<List<CsvRow>> ReadRowsAsync(TextReader reader, List<CsvProblem> problems, CancellationToken ct)
    {
        var rows = new List<CsvRow>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            FormatProvider = CultureInfo.InvariantCulture,
            MaxRecordSize = 1024 * 1024,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            SkipEmptyLines = true,
        };
        try
        {
            using var csv = CsvReader.Create(reader, options, leaveOpen: true);
            await csv.ReadHeaderAsync(ct);
            if (csv.Headers.Count == 0)
            {
                problems.Add(new(0, "", Text.ActivitiesCsvEmpty));
                return [];
            }
            var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            var unknown = header.Where(h => !ActivityCsv.Columns.Contains(h)).ToList();
            var missing = Required.Where(r => !header.Contains(r)).ToList();
            foreach (var u in unknown) problems.Add(new(1, u, string.Format(CultureInfo.CurrentCulture, Text.ActivitiesCsvUnknownColumn, u)));
            foreach (var m in missing) problems.Add(new(1, m, string.Format(CultureInfo.CurrentCulture, Text.ActivitiesCsvMissingColumn, m)));
            if (problems.Count > 0) return [];
            while (await csv.ReadAsync(ct))
            {
                // Rows are numbered as a spreadsheet shows them: the header is row 1.
                var number = (int)csv.RowNumber + 1;
                if (rows.Count >= MaxRows)
                {
                    problems.Add(new(0, "", string.Format(CultureInfo.CurrentCulture, Text.ActivitiesCsvTooManyRows, MaxRows)));
                    return [];
                }
                if (csv.FieldCount != header.Length)
                {
                    rows.Add(new CsvRow(number, new ActivityInput(), [new(number, "", string.Format(CultureInfo.CurrentCulture, Text.ActivitiesCsvCellCount, csv.FieldCount, header.Length))]));
                    continue;
                }
                var cells = new string[header.Length];
                for (var i = 0; i < cells.Length; i++) cells[i] = csv.GetString(i) ?? "";
                rows.Add(Parse(number, header, cells));
            }
        }
        catch (CsvFormatException e)
        {
            problems.Add(new(rows.Count + 2, "", string.Format(CultureInfo.CurrentCulture, Text.ActivitiesCsvBroken, e.Message)));
            return [];
        }
        return rows;
    }

    private static CsvRow Parse(int row, string[] header, string[] cells)
    {
        var problems = new List<CsvProblem>();
        string? Cell(string column) => Array.IndexOf(header, column) is var i and >= 0 && cells[i].Trim() is { Length: > 0 } v ? Unneutralise(v) : null;
        string[]? List(string column) => Cell(column)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        T Enum<T>(string column, T fallback) where T : struct, System.Enum
        {
            if (Cell(column) is not { } text) return fallback;
            if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !text.Any(char.IsDigit)) return value;
            problems.Add(new(row, column, string.Format(CultureInfo.CurrentCulture, Text.ActivitiesCsvValueInvalid, text, string.Join(", ", System.Enum.GetNames<T>()))));
            return fallback;
        }
        int? Number(string column)
        {
            if (Cell(column) is not { } text) return null;
            if (StrictValues.TryWholeNumber(text, out var n)) return n;
            problems.Add(new(row, column, string.Format(CultureInfo.CurrentCulture, Text.LibraryNumberInvalid, text)));
            return null;
        }
        DateOnly? Date(string column)
        {
            if (Cell(column) is not { } text) return null;
            if (StrictValues.TryDate(text, out var d)) return d;
            problems.Add(new(row, column, string.Format(CultureInfo.CurrentCulture, Text.LibraryDateInvalid, text)));
            return null;
        }
        var participation = new List<ParticipationInput>();
        foreach (var item in List("participants_by_state") ?? [])
        {
            var parts = item.Split(':', StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && StrictValues.TryWholeNumber(parts[1], out var count)) participation.Add(new ParticipationInput { State = parts[0], Count = count });
            else problems.Add(new(row, "participants_by_state", string.Format(CultureInfo.CurrentCulture, Text.ActivitiesCsvParticipationInvalid, item)));
        }
        var budget = new List<BudgetLineInput>();
        foreach (var item in List("budget_lines") ?? [])
        {
            var parts = item.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length >= 3 && StrictAmount.TryParse(parts[0], out var amount) && System.Enum.TryParse<FundingSource>(parts[2], true, out var funding)
                && System.Enum.IsDefined(funding) && !parts[2].Any(char.IsDigit))
                budget.Add(new BudgetLineInput { Amount = amount, Currency = parts[1], Funding = funding, Donor = parts.Length == 4 ? parts[3] : null });
            else problems.Add(new(row, "budget_lines", string.Format(CultureInfo.CurrentCulture, Text.ActivitiesCsvBudgetInvalid, item)));
        }
        var agencies = new List<Agency>();
        foreach (var a in List("agencies") ?? [])
        {
            if (System.Enum.TryParse<Agency>(a, true, out var agency) && System.Enum.IsDefined(agency) && !a.Any(char.IsDigit)) agencies.Add(agency);
            else problems.Add(new(row, "agencies", string.Format(CultureInfo.CurrentCulture, Text.ActivitiesCsvValueInvalid, a, string.Join(", ", System.Enum.GetNames<Agency>()))));
        }
        var input = new ActivityInput
        {
            Language = Cell("language"),
            Title = Cell("title") ?? "",
            Description = Cell("description"),
            Outcomes = Cell("outcomes"),
            Owner = Cell("owner"),
            CoOrganisers = List("co_organisers"),
            Type = Enum("type", ActivityType.Workshop),
            Status = Enum("status", ActivityStatus.Planned),
            Priorities = List("priorities"),
            SubAreas = List("sub_areas"),
            LinesOfAction = List("lines_of_action"),
            States = List("states"),
            Agencies = [.. agencies],
            Partners = List("partners"),
            Location = Cell("location"),
            LocationState = Cell("location_state"),
            StartsOn = Date("starts_on"),
            EndsOn = Date("ends_on"),
            ParticipantsTotal = Number("participants_total"),
            ParticipantsWomen = Number("participants_women"),
            ParticipantsMen = Number("participants_men"),
            ParticipantsByState = [.. participation],
            BudgetLines = [.. budget],
            Access = Enum("access", AccessLevel.Public),
            AllowedParties = List("allowed_parties"),
        };
        return new CsvRow(row, input, problems);
    }

    /// <summary>A cell this module's export neutralised (<c>'=…</c>) is read back as it was typed.</summary>
    private static string Unneutralise(string v) => v.Length > 1 && v[0] == '\'' && v[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? v[1..] : v;

    private sealed class FileTooLargeException : IOException;

    /// <summary>Milliseconds per step of an import ("read 510 ms, duplicates 180 ms, …"); a step may be timed piecewise (<see cref="Add"/>).</summary>
    private sealed class ImportSpans
    {
        private readonly List<(string Name, double Ms)> spans = [];
        private readonly Dictionary<string, double> pieces = new(StringComparer.Ordinal);
        private long since = System.Diagnostics.Stopwatch.GetTimestamp();

        /// <summary>The step <paramref name="name"/> ends now (it began where the last one ended).</summary>
        public void End(string name)
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            spans.Add((name, System.Diagnostics.Stopwatch.GetElapsedTime(since, now).TotalMilliseconds));
            since = now;
        }

        /// <summary>Adds the time since <paramref name="started"/> to the part <paramref name="name"/> of the current step.</summary>
        public void Add(string name, long started) =>
            pieces[name] = pieces.GetValueOrDefault(name) + System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        public override string ToString() =>
            string.Join(", ", spans.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {s.Ms:0} ms"))
                .Concat(pieces.Select(p => string.Create(CultureInfo.InvariantCulture, $"(of which {p.Key} {p.Value:0} ms)"))));
    }

    /// <summary>The store's steps, each summed over the batches ("activities 410 ms, …"); written by the store's task only.</summary>
    private sealed class StoreSteps
    {
        private readonly Dictionary<string, double> steps = new(StringComparer.Ordinal);
        private long since = System.Diagnostics.Stopwatch.GetTimestamp();

        public void End(string name)
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            steps[name] = steps.GetValueOrDefault(name) + System.Diagnostics.Stopwatch.GetElapsedTime(since, now).TotalMilliseconds;
            since = now;
        }

        public override string ToString() => string.Join(", ", steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:0} ms")));
    }

    /// <summary>Reads at most <c>limit</c> bytes; one more is an error (the file is refused, not cut).</summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        private long total;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => total; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        private int Count(int n)
        {
            total += n;
            return total > limit ? throw new FileTooLargeException() : n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>The bytes already read to look at the encoding, then the rest of the file.</summary>
    private sealed class ConcatenatedStream(Stream first, Stream second) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) =>
            first.Read(buffer, offset, count) is var n and > 0 ? n : second.Read(buffer, offset, count);
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            await first.ReadAsync(buffer, cancellationToken) is var n and > 0 ? n : await second.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
