using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Ingest;
using Polis.Reference.Contracts;
using Polis.Searching.Contracts;

namespace Polis.Library.Import;

/// <summary>The owner of imported documents whose sidecar names none and whose issuing body is no executive structure.</summary>
internal sealed record ImportSettings(string DefaultOwner)
{
    /// <summary>Batches of new rows are written set-based (<see cref="BulkSave"/>); off only to compare with EF's own save (tests).</summary>
    public bool BulkSave { get; init; } = true;
}

internal enum ImportOutcome { Imported, AlreadyPresent, Failed, WouldImport }

/// <summary>What happened to one row; <see cref="Position"/> counts from 1 up to <see cref="Total"/>.</summary>
internal sealed record ImportProgress(int Position, int Total, string File, ImportOutcome Outcome, string? Reason = null);

internal sealed record ImportReport(int Imported, int AlreadyPresent, int Failed, int WouldImport, int DocumentsCreated, int DocumentsReused,
    int LeftoversRemoved, bool IndexHeldElsewhere)
{
    public bool Succeeded => Failed == 0;

    /// <summary>Imported PDFs by what read their text (<see cref="PdfExtractors"/>), ADR 0010.</summary>
    public IReadOnlyDictionary<string, int> PdfExtractors { get; init; } = new Dictionary<string, int>();

    /// <summary>Imported PDFs whose text PdfPig read because pdftotext failed on them: file and reason.</summary>
    public IReadOnlyList<(string File, string Reason)> PopplerFailures { get; init; } = [];
}

/// <summary>
/// Imports a folder of files described by a sidecar through the same handlers as the editor and the API
/// (<see cref="SaveDocument"/>, <see cref="UploadFile"/>), acting as <see cref="Viewer.System"/>.
/// Idempotent: a file whose SHA-256 is stored is skipped, and a document is found again by its import key
/// (journal) or symbol before one is made. So an import that was killed is finished by running it again.
/// </summary>
internal sealed class ImportDocuments(IServiceScopeFactory scopes, BlobStore blobs, ISearchService search, IngestLimits limits, TimeProvider clock,
    ImportSettings settings, PdfPreviews previews)
{
    private readonly IServiceScopeFactory scopes = scopes;
    private readonly BlobStore blobs = blobs;
    private readonly TimeProvider clock = clock;
    private readonly PdfPreviews previews = previews;
    private readonly ISearchService search = search;
    private readonly ImportSettings settings = settings;

    /// <summary>Blobs this old that no record names are left by a crash, not by an upload in flight.</summary>
    private static readonly TimeSpan LeftoverAge = TimeSpan.FromHours(1);

    public Task<ImportReport> RunAsync(ImportPlan plan, bool dryRun, Action<ImportProgress>? onRow, CancellationToken ct) =>
        RunAsync(plan, dryRun, compareWithDatabase: true, onRow, ct);

    /// <summary>
    /// <paramref name="compareWithDatabase"/> false: a dry run against a database that does not exist yet (or is not
    /// migrated) checks every file as new, without opening it. <paramref name="prepareDatabase"/>: what must run before
    /// the database is read (`polis import`'s migration and seed checks); the first files are read, hashed and extracted
    /// meanwhile, so that the start-up does not leave the workers idle (issue 21, seventh pass).
    /// </summary>
    public async Task<ImportReport> RunAsync(ImportPlan plan, bool dryRun, bool compareWithDatabase, Action<ImportProgress>? onRow, CancellationToken ct,
        Func<CancellationToken, Task>? prepareDatabase = null)
    {
        var run = new Run();
        if (dryRun)
        {
            if (prepareDatabase is not null) await prepareDatabase(ct);
            await CheckAsync(plan, compareWithDatabase, run, onRow, ct);
            return new ImportReport(run.Imported, run.AlreadyPresent, run.Failed, run.WouldImport, run.Created, run.Reused, 0, false);
        }
        // What is stored already, read once: the contents (the leftover sweep needs them too) and the journal. The workers
        // start before it is known: a file found stored then is dropped (its copy and text discarded), never saved twice.
        var stored = new TaskCompletionSource<IReadOnlySet<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var leftovers = 0;
        async Task<Dictionary<string, Guid>> ReadyAsync()
        {
            try
            {
                if (prepareDatabase is not null) await prepareDatabase(ct);
                var t = ImportTimings.Start();
                var (removed, contents) = await CollectLeftoversAsync(ct);
                leftovers = removed;
                stored.SetResult(contents);
                var journal = await ReadJournalAsync(ct);
                ImportTimings.Stop("3 leftovers, stored, journal", t);
                return journal;
            }
            catch
            {
                // The workers stop as if cancelled, so the import's clean-up discards what they staged.
                stored.TrySetCanceled(ct.IsCancellationRequested ? ct : CancellationToken.None);
                throw;
            }
        }
        using (var batches = new Batches(this, plan, run, onRow, stored.Task))
        {
            batches.ReadAhead(ct);
            await batches.RunAsync(ReadyAsync(), ct);
        }
        // Each saved batch was indexed as the next one was staged (Batches); what is left in the outbox (a batch whose
        // indexing failed, another writer's changes) is caught up here, and the index is compacted exactly once.
        var compacting = ImportTimings.Start();
        run.IndexHeldElsewhere = !await search.CatchUpAndCompactAsync(ct);
        ImportTimings.Stop("9 index catch-up+compact", compacting);
        return new ImportReport(run.Imported, run.AlreadyPresent, run.Failed, run.WouldImport, run.Created, run.Reused, leftovers, run.IndexHeldElsewhere)
        {
            PdfExtractors = run.Extractors,
            PopplerFailures = run.PopplerFailures,
        };
    }

    /// <summary>A dry run: every row checked in turn (extracted to see that it reads), nothing written.</summary>
    private async Task CheckAsync(ImportPlan plan, bool compareWithDatabase, Run run, Action<ImportProgress>? onRow, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        foreach (var file in plan.Files)
        {
            ct.ThrowIfCancellationRequested();
            position++;
            ImportOutcome outcome;
            string? reason;
            try
            {
                (outcome, reason) = await CheckRowAsync(file, compareWithDatabase, seen, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                (outcome, reason) = (ImportOutcome.Failed, $"the file cannot be read: {e.Message}");
            }
            run.Count(outcome);
            onRow?.Invoke(new ImportProgress(position, plan.Files.Count, file.Name, outcome, reason));
        }
    }

    /// <summary>Files extracted at once: one per core.</summary>
    internal static int Workers => Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// Files read ahead of the one being staged (hashed, copied into the blob store's temp folder, extracted, a PDF's
    /// preview made): four per worker. Memory holds at most these files' texts plus the batch being staged.
    /// </summary>
    internal static int ReadAhead => 4 * Workers;

    /// <summary>
    /// Files up to this size are read into memory once rather than from disk three times (hash, copy, extraction): every
    /// file the import can take (its extraction holds the whole file in memory anyway, so this adds no memory; the
    /// <see cref="Workers"/> bound how many are held at once). Larger PDFs were read three times, two of them
    /// asynchronously in small chunks, each a thread-pool work item, and hashed twice (issue 21, ninth pass).
    /// </summary>
    internal long ReadWhole => limits.MaxBytes;

    /// <summary>The most documents saved in one transaction (measured: bench/import/run.sh, docs/performance.md).</summary>
    internal const int BatchSize = 500;

    /// <summary>The most extracted text one batch holds before it is saved (memory bound for large PDFs).</summary>
    internal const long BatchTextBytes = 64L * 1024 * 1024;

    /// <summary>A batch is saved once it has been filling this long, so a slow import (large PDFs) still shows progress.</summary>
    internal static readonly TimeSpan BatchTime = TimeSpan.FromSeconds(2);

    /// <summary>A file read ahead: its hash, whether it is stored already, else its staged copy and text (or why it has none).</summary>
    private sealed record Prepared(string? Sha, bool Stored, StagedBlob? Staged, ExtractedFile? Text, string? Problem, Exception? ReadError)
    {
        public static readonly Prepared None = new(null, false, null, null, null, null);
    }

    private async Task<Prepared> PrepareAsync(PlannedFile file, Task<IReadOnlySet<string>> storedContents, CancellationToken ct)
    {
        if (file.Error is not null || file.Document.Error is not null || !File.Exists(file.FullPath)) return Prepared.None;
        StagedBlob? staged = null;
        try
        {
            string sha;
            var t = ImportTimings.Start();
            // A file the import can take is read once (synchronously: one read call instead of a thread-pool hop per chunk)
            // and hashed, copied and extracted from memory; a larger one is streamed, to be refused as too large.
            var bytes = new FileInfo(file.FullPath).Length <= ReadWhole ? ReadAll(file.FullPath) : null;
            if (bytes is not null) sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            else
            {
                await using var content = File.OpenRead(file.FullPath);
                sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
            }
            ImportTimings.Stop("w1 hash", t);
            // Stored when the import started (read once); a file saved by this import since is found by its batch. Until the
            // database has answered (the start-up), the file is staged and extracted on the chance that it is new, and the
            // writing side drops it if it was stored after all (Batches.RunAsync).
            if (storedContents.IsCompletedSuccessfully && (await storedContents).Contains(sha)) return new Prepared(sha, true, null, null, null, null);
            t = ImportTimings.Start();
            if (bytes is not null) staged = blobs.Stage(bytes, sha, limits.MaxBytes);
            else
            {
                await using var content = File.OpenRead(file.FullPath);
                staged = await blobs.StageAsync(content, limits.MaxBytes, ct);
            }
            ImportTimings.Stop("w3 stage copy", t);
            // The database may have answered meanwhile: a stored file is not extracted (a rerun over large PDFs).
            if (storedContents.IsCompletedSuccessfully && (await storedContents).Contains(sha))
            {
                BlobStore.Discard(staged);
                return new Prepared(sha, true, null, null, null, null);
            }
            t = ImportTimings.Start();
            ExtractedFile? text = null;
            string? problem = null;
            try
            {
                // The staged copy holds the same bytes: poppler reads a PDF from there, cheaper than from its standard input.
                var name = UploadFile.SafeName(Path.GetFileName(file.FullPath));
                if (bytes is not null) text = new TextExtractor(limits).Extract(bytes, name, staged.TempPath, ct);
                else
                {
                    await using var copy = File.OpenRead(staged.TempPath);
                    text = await new TextExtractor(limits).ExtractAsync(copy, name, staged.TempPath, ct);
                }
            }
            catch (IngestException e)
            {
                problem = e.Message;
            }
            ImportTimings.Stop("w4 extract", t);
            // No first-page picture here: it is made on the PDF's first view (PdfPreviews.EnsureAsync), off the import's
            // critical path (it was 8–15 % of the workers' time; issue 21, seventh pass).
            return new Prepared(staged.Sha256, false, staged, text, problem, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (staged is not null) BlobStore.Discard(staged);
            return new Prepared(null, false, null, null, null, e);
        }
        catch (IngestException e) when (e.Failure == IngestFailure.TooLarge)
        {
            return new Prepared(null, false, null, null, $"the file is larger than {limits.MaxBytes} bytes", null);
        }
        catch
        {
            if (staged is not null) BlobStore.Discard(staged);
            throw;
        }
    }

    // One synchronous read of the whole file on the worker's thread (File.ReadAllBytesAsync goes through the thread pool).
    private static byte[] ReadAll(string path) => File.ReadAllBytes(path);

    /// <summary>One row of a dry run: would it be imported, is it there already, or why not.</summary>
    private async Task<(ImportOutcome, string?)> CheckRowAsync(PlannedFile file, bool compareWithDatabase, HashSet<string> seen, CancellationToken ct)
    {
        if (file.Error is { } rowError) return (ImportOutcome.Failed, rowError);
        if (file.Document.Error is { } documentError) return (ImportOutcome.Failed, documentError);
        if (!File.Exists(file.FullPath)) return (ImportOutcome.Failed, "file not found");
        string sha;
        await using (var content = File.OpenRead(file.FullPath))
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
        if (seen.Contains(sha) || (compareWithDatabase && await db.Set<StoredFile>().AnyAsync(f => f.Sha256 == sha, ct)))
            return (ImportOutcome.AlreadyPresent, null);
        if ((await ExtractAsync(file, ct)).Problem is { } unreadable) return (ImportOutcome.Failed, unreadable);
        seen.Add(sha);
        return (ImportOutcome.WouldImport, null);
    }

    /// <summary>
    /// The writing side of an import: rows in the plan's order, files read ahead by <see cref="Workers"/> workers
    /// (at most <see cref="ReadAhead"/> ahead), staged into one context and saved together: one transaction per batch
    /// (documents, journal rows, editions, files, citations, their audit entries and search-outbox rows). A batch
    /// starts at one row and doubles up to <see cref="BatchSize"/> (the first rows show at once); it is also saved when
    /// it holds <see cref="BatchTextBytes"/> of text or has been filling for <see cref="BatchTime"/>. When the
    /// database refuses a batch, its rows are saved again one by one, so only the row at fault fails, reported by
    /// name, and nothing of it is kept. Progress is reported after each save, so a row reported imported is stored.
    /// Each saved batch is indexed from the records it holds while the next batch is staged (<see cref="IndexAsync"/>):
    /// the index keeps pace with the saves instead of loading every document again at the end.
    /// </summary>
    private sealed class Batches(ImportDocuments import, ImportPlan plan, Run run, Action<ImportProgress>? onRow,
        Task<IReadOnlySet<string>> stored) : IDisposable
    {
        private readonly SemaphoreSlim workers = new(Workers);
        private readonly Queue<Task<Prepared>> reading = new();
        private int next;
        private Dictionary<string, Guid> journal = null!;
        private readonly HashSet<string> saved = new(StringComparer.Ordinal);
        private readonly List<Row> rows = [];
        private int staged;
        private long textBytes;
        private long started;
        private int limit = 1;
        // The previous batch's indexing, running while this one is staged and saved; at most one at a time.
        private Task<bool> indexing = Task.FromResult(true);
        private bool indexUnavailable;

        private sealed class Row(int position, PlannedFile file, Prepared prepared)
        {
            public int Position { get; } = position;
            public PlannedFile File { get; } = file;
            public Prepared Prepared { get; } = prepared;
            public ImportOutcome? Outcome { get; set; }
            public string? Reason { get; set; }
            /// <summary>The staged copy was moved to the blob's address (by this row: <see cref="Placed"/>).</summary>
            public bool Committed { get; set; }
            public bool Placed { get; set; }
            public bool CreatedDocument { get; set; }
            public bool ReusedDocument { get; set; }

            public void Fail(string? reason)
            {
                Outcome = ImportOutcome.Failed;
                Reason = reason;
            }
        }

        public void Dispose() => workers.Dispose();

        /// <summary>Starts reading the files ahead of the one to be staged next, up to <see cref="ImportDocuments.ReadAhead"/>.</summary>
        public void ReadAhead(CancellationToken ct)
        {
            while (next < plan.Files.Count && reading.Count <= ImportDocuments.ReadAhead)
            {
                var ahead = plan.Files[next++];
                reading.Enqueue(Task.Run(async () =>
                {
                    await workers.WaitAsync(ct);
                    try
                    {
                        return await import.PrepareAsync(ahead, stored, ct);
                    }
                    finally
                    {
                        workers.Release();
                    }
                }, ct));
            }
        }

        // ready: the import journal, once the database is ready and the stored contents are read.
        public async Task RunAsync(Task<Dictionary<string, Guid>> ready, CancellationToken ct)
        {
            try
            {
                journal = await ready;
                var storedContents = await stored;
                for (var i = 0; i < plan.Files.Count; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    ReadAhead(ct);
                    var waited = ImportTimings.Start();
                    var prepared = await reading.Dequeue();
                    // Read during the start-up, before the stored contents were known, and stored after all: its copy goes.
                    if (prepared is { Stored: false, Sha: { } sha, Staged: { } copy } && storedContents.Contains(sha))
                    {
                        BlobStore.Discard(copy);
                        prepared = new Prepared(sha, true, null, null, null, null);
                    }
                    var row = new Row(i + 1, plan.Files[i], prepared);
                    ImportTimings.Stop("4 wait for prepared file", waited);
                    rows.Add(row);
                    Triage(row);
                    if (row.Outcome is null)
                    {
                        if (staged++ == 0) started = System.Diagnostics.Stopwatch.GetTimestamp();
                        textBytes += 2L * (row.Prepared.Text?.Text.Length ?? 0);
                    }
                    if (staged >= limit || textBytes >= BatchTextBytes
                        || (staged > 0 && System.Diagnostics.Stopwatch.GetElapsedTime(started) >= BatchTime))
                        await SaveAsync(ct);
                }
                await SaveAsync(ct);
            }
            finally
            {
                // The last batch's indexing ends before the import's catch-up (or, cancelled, before the index closes).
                // A failure leaves its rows in the outbox, for the catch-up.
                var waited = ImportTimings.Start();
                await ((Task)indexing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                ImportTimings.Stop("8 wait for index", waited);
                // Cancelled or failed: temp copies of rows not saved, and of files read ahead, go (previews with them). A blob
                // already placed stays: its row may have been saved; if not, the next run names it or the sweep removes it.
                foreach (var row in rows.Where(r => !r.Committed)) Forget(row);
                while (reading.Count > 0)
                {
                    try
                    {
                        if ((await reading.Dequeue()).Staged is { } copy) ForgetCopy(copy);
                    }
                    catch (Exception e) when (e is OperationCanceledException or IOException or UnauthorizedAccessException)
                    {
                        // Already going: nothing staged by it.
                    }
                }
            }
        }

        /// <summary>What is known without the database: a bad row, a missing or unreadable file, a stored one.</summary>
        private static void Triage(Row row)
        {
            var (file, prepared) = (row.File, row.Prepared);
            if (file.Error is { } rowError) row.Fail(rowError);
            else if (file.Document.Error is { } documentError) row.Fail(documentError);
            else if (prepared.ReadError is { } readError) row.Fail($"the file cannot be read: {readError.Message}");
            else if (prepared.Sha is null) row.Fail(prepared.Problem ?? "file not found");
            else if (prepared.Stored) row.Outcome = ImportOutcome.AlreadyPresent;
            else if (prepared.Problem is { } unreadable) row.Fail(unreadable);
        }

        /// <summary>Saves the staged rows (one transaction; one by one when it is refused) and reports every row so far, in order.</summary>
        private async Task SaveAsync(CancellationToken ct)
        {
            var batch = rows.Where(r => r.Outcome is null).ToList();
            if (batch.Count > 0 && !await WriteAsync(batch, ct))
            {
                foreach (var row in batch)
                {
                    row.Outcome = null;
                    row.CreatedDocument = row.ReusedDocument = false;
                    await WriteAsync([row], ct);
                }
            }
            foreach (var row in rows)
            {
                if (row.Outcome != ImportOutcome.Imported) Forget(row);
                if (row.CreatedDocument) run.Created++;
                if (row.ReusedDocument) run.Reused++;
                var outcome = row.Outcome ?? ImportOutcome.Failed;
                run.Count(outcome);
                if (outcome == ImportOutcome.Imported && row.Prepared.Text is { Extractor: { } extractor } text)
                    run.Extracted(row.File.Name, extractor, text.FallbackReason);
                onRow?.Invoke(new ImportProgress(row.Position, plan.Files.Count, row.File.Name, outcome, row.Reason));
            }
            rows.Clear();
            staged = 0;
            textBytes = 0;
            limit = Math.Min(limit * 2, BatchSize);
        }

        /// <summary>
        /// Stages the rows in one context and saves it; false when the database refused a batch of several rows
        /// (nothing of it is kept; the caller saves them one by one). A single row that is refused fails with the reason.
        /// </summary>
        private async Task<bool> WriteAsync(List<Row> batch, CancellationToken ct)
        {
            await using var scope = import.scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<PolisDb>();
            // Rows are added explicitly; the tracker is scanned for changes once, by the save, not once per row (the
            // citation and outbox look-ups into the tracker made that quadratic in the batch's size).
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            // A batch of new documents goes in set-based (BulkSaveInterceptor), with the same rows, audit and outbox.
            services.GetRequiredService<BulkSave>().Requested = import.settings.BulkSave;
            var documents = new Dictionary<Guid, Document>();
            var assigned = new List<PlannedDocument>();
            var shas = new HashSet<string>(StringComparer.Ordinal);
            var t = ImportTimings.Start();
            foreach (var row in batch) await StageAsync(row, services, db, documents, assigned, shas, ct);
            ImportTimings.Stop("5 stage batch", t);
            var written = batch.Where(r => r.Outcome == ImportOutcome.Imported).ToList();
            if (written.Count == 0) return true;
            try
            {
                // Blobs are placed before their rows are saved: a crash never leaves a row without its file.
                foreach (var row in written.Where(r => !r.Committed))
                {
                    row.Placed = import.blobs.Commit(row.Prepared.Staged!);
                    row.Committed = true;
                }
                t = ImportTimings.Start();
                // One scan for changes (the new editions and files hang off tracked documents), then the save with the scan
                // off: the interceptors (audit, outbox, data changes, OAI) and the save itself each scanned the whole
                // batch again otherwise. Whatever they change they change through the tracker (an audit's version bump
                // through its entry), so nothing is missed.
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
                ImportTimings.Stop("7 save changes", t);
            }
            catch (DbUpdateException e)
            {
                foreach (var planned in assigned) planned.DocumentId = null;
                if (batch.Count > 1) return false;
                batch[0].Fail($"the database refused the row: {e.GetBaseException().Message}");
                batch[0].CreatedDocument = batch[0].ReusedDocument = false;
                return true;
            }
            saved.UnionWith(shas);
            await IndexAsync(db, documents.Values, ct);
            return true;
        }

        /// <summary>
        /// Hands the saved batch's documents to the index, built from the records in memory (not loaded again), to be
        /// indexed while the next batch is staged: waits first for the previous batch's indexing (at most one runs, so
        /// memory holds at most two batches). Nothing is committed per batch: the catch-up at the import's end commits the
        /// index once and only then removes the batches' outbox rows, so a crash before leaves them for the next run.
        /// </summary>
        private async Task IndexAsync(PolisDb db, IEnumerable<Document> documents, CancellationToken ct)
        {
            var t = ImportTimings.Start();
            try
            {
                indexUnavailable |= !await indexing;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The rows stay in the outbox: the import's catch-up at its end tries again and reports what fails.
                indexUnavailable = true;
            }
            ImportTimings.Stop("8 wait for index", t);
            if (indexUnavailable) return;
            var search = documents.Select(LibrarySearchSource.ToSearch).ToList();
            var rows = import.search.SavedOutboxRows(db, LibrarySearchSource.ModuleName, search.Select(d => d.Id).ToHashSet(StringComparer.Ordinal));
            indexing = Task.Run(async () =>
            {
                var started = ImportTimings.Start();
                var indexed = await import.search.IndexSavedAsync(search, rows, ct);
                ImportTimings.Stop("w6 index batch", started);
                return indexed;
            }, ct);
        }

        /// <summary>Adds one row to the batch's context: its document found or made (with its journal row), then its file.</summary>
        private async Task StageAsync(Row row, IServiceProvider services, PolisDb db, Dictionary<Guid, Document> documents,
            List<PlannedDocument> assigned, HashSet<string> shas, CancellationToken ct)
        {
            var (file, prepared, planned) = (row.File, row.Prepared, row.File.Document);
            if (planned.Error is { } documentError)
            {
                row.Fail(documentError);
                return;
            }
            if (saved.Contains(prepared.Sha!) || !shas.Add(prepared.Sha!))
            {
                row.Outcome = ImportOutcome.AlreadyPresent;
                return;
            }
            var language = file.Language.Trim();
            if (UploadFile.CheckEdition(language, file.Row.Title) is { } invalid)
            {
                shas.Remove(prepared.Sha!);
                row.Fail(Describe(invalid));
                return;
            }
            Document? document;
            var t = ImportTimings.Start();
            var id = planned.DocumentId ?? await import.FindAsync(planned, journal, db, ct);
            ImportTimings.Stop("5a find document", t);
            if (id is { } known)
            {
                if (planned.DocumentId is null)
                {
                    planned.DocumentId = known;
                    assigned.Add(planned);
                    row.ReusedDocument = true;
                }
                if (!documents.TryGetValue(known, out document))
                {
                    document = await db.Set<Document>().VisibleTo(Viewer.System).Include(d => d.Editions).ThenInclude(e => e.Files)
                        .AsSplitQuery().SingleOrDefaultAsync(d => d.Id == known, ct);
                    if (document is null)
                    {
                        shas.Remove(prepared.Sha!);
                        row.Fail("the document was not found");
                        return;
                    }
                    documents[known] = document;
                }
            }
            else
            {
                t = ImportTimings.Start();
                var input = planned.Input.Owner is null
                    ? planned.Input with { Owner = await import.DefaultOwnerAsync(planned.Input.IssuingBody, services.GetRequiredService<IReferenceCodes>(), ct) }
                    : planned.Input;
                ImportTimings.Stop("5b default owner", t);
                t = ImportTimings.Start();
                var (result, created) = await services.GetRequiredService<SaveDocument>().StageCreateAsync(input, Viewer.System, ct, planned.State);
                ImportTimings.Stop("5c stage create (validate)", t);
                if (created is null)
                {
                    shas.Remove(prepared.Sha!);
                    planned.Error = Describe(result);
                    row.Fail(planned.Error);
                    return;
                }
                // The journal row goes in with the document, in the same transaction: a crash leaves both or neither,
                // and the next run never makes the document twice.
                db.Set<ImportedDocument>().Add(ImportedDocument.For(planned.Key, created.Id, import.clock.GetUtcNow()));
                planned.DocumentId = created.Id;
                assigned.Add(planned);
                documents[created.Id] = document = created;
                row.CreatedDocument = true;
            }
            t = ImportTimings.Start();
            await services.GetRequiredService<UploadFile>().AttachAsync(document, language, file.Row.Title, Path.GetFileName(file.FullPath),
                prepared.Staged!, prepared.Text!, ct);
            ImportTimings.Stop("5d attach (citations)", t);
            row.Outcome = ImportOutcome.Imported;
        }

        /// <summary>A row not saved leaves nothing: its temp copy, and the blob and preview it placed unless a saved row names them.</summary>
        private void Forget(Row row)
        {
            if (row.Prepared.Staged is not { } copy) return;
            if (!row.Committed)
            {
                ForgetCopy(copy);
                return;
            }
            if (row.Placed && !saved.Contains(copy.Sha256)) import.blobs.Delete(copy.Sha256);
        }

        // A preview of that content goes too when no blob of it is stored (imports before the seventh pass made previews
        // from the staged copy; now a preview is made from a stored blob on its first view).
        private void ForgetCopy(StagedBlob copy)
        {
            BlobStore.Discard(copy);
            if (!import.blobs.Exists(copy.Sha256) && import.previews.Exists(copy.Sha256)) File.Delete(import.previews.PathOf(copy.Sha256));
        }
    }

    /// <summary>
    /// The document this import made before (journal) or that has the symbol (its journal row is added to the context,
    /// saved with the batch); null when there is none.
    /// </summary>
    private async Task<Guid?> FindAsync(PlannedDocument planned, Dictionary<string, Guid> journal, PolisDb db, CancellationToken ct)
    {
        if (journal.TryGetValue(planned.Key, out var made)) return made;
        if (planned.Symbol is not { } symbol) return null;
        var existing = await db.Set<Document>().Where(d => d.Symbol == symbol).Select(d => (Guid?)d.Id).SingleOrDefaultAsync(ct);
        if (existing is { } id) db.Set<ImportedDocument>().Add(ImportedDocument.For(planned.Key, id, clock.GetUtcNow()));
        return existing;
    }

    /// <summary>The issuing body when it is an executive structure (SPMU issues its guidebooks and owns them), else the configured default.</summary>
    private async Task<string> DefaultOwnerAsync(string? issuingBody, IReferenceCodes codes, CancellationToken ct) =>
        issuingBody?.Trim().ToUpperInvariant() is { Length: > 0 } body
        && (await codes.UnknownAsync([body], ct, ReferenceKind.ExecutiveStructure)).Count == 0
            ? body : settings.DefaultOwner;

    private async Task<(ExtractedFile? Text, string? Problem)> ExtractAsync(PlannedFile file, CancellationToken ct)
    {
        try
        {
            await using var content = File.OpenRead(file.FullPath);
            return (await new TextExtractor(limits).ExtractAsync(content, UploadFile.SafeName(Path.GetFileName(file.FullPath)), ct), null);
        }
        catch (IngestException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Removes leftover blobs of interrupted uploads; returns how many, and the contents the database names.</summary>
    private async Task<(int Removed, HashSet<string> Stored)> CollectLeftoversAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
        var referenced = (await db.Set<StoredFile>().Select(f => f.Sha256).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return (blobs.CollectGarbage(referenced, clock.GetUtcNow() - LeftoverAge), referenced);
    }

    /// <summary>The import journal (key → the document an import made for it), read once per import.</summary>
    private async Task<Dictionary<string, Guid>> ReadJournalAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PolisDb>().Set<ImportedDocument>().AsNoTracking()
            .ToDictionaryAsync(j => j.Key, j => j.DocumentId, StringComparer.Ordinal, ct);
    }

    private static string Describe(SaveResult result) =>
        result.NotFound ? "the document was not found"
        : string.Join("; ", result.Errors.Select(e => e.Key.Length == 0 ? string.Join(" ", e.Value) : $"{e.Key}: {string.Join(" ", e.Value)}"));

    private sealed class Run
    {
        public int Imported { get; private set; }
        public int AlreadyPresent { get; private set; }
        public int Failed { get; private set; }
        public int WouldImport { get; private set; }
        public int Created { get; set; }
        public int Reused { get; set; }
        public bool IndexHeldElsewhere { get; set; }
        public Dictionary<string, int> Extractors { get; } = new(StringComparer.Ordinal);
        public List<(string File, string Reason)> PopplerFailures { get; } = [];

        public void Extracted(string file, string extractor, string? fallbackReason)
        {
            Extractors[extractor] = Extractors.GetValueOrDefault(extractor) + 1;
            if (fallbackReason is not null) PopplerFailures.Add((file, fallbackReason));
        }

        public void Count(ImportOutcome outcome)
        {
            switch (outcome)
            {
                case ImportOutcome.Imported: Imported++; break;
                case ImportOutcome.AlreadyPresent: AlreadyPresent++; break;
                case ImportOutcome.Failed: Failed++; break;
                case ImportOutcome.WouldImport: WouldImport++; break;
            }
        }
    }
}
