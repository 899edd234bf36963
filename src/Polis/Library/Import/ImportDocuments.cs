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
internal sealed record ImportSettings(string DefaultOwner);

internal enum ImportOutcome { Imported, AlreadyPresent, Failed, WouldImport }

/// <summary>What happened to one row; <see cref="Position"/> counts from 1 up to <see cref="Total"/>.</summary>
internal sealed record ImportProgress(int Position, int Total, string File, ImportOutcome Outcome, string? Reason = null);

internal sealed record ImportReport(int Imported, int AlreadyPresent, int Failed, int WouldImport, int DocumentsCreated, int DocumentsReused,
    int LeftoversRemoved, bool IndexHeldElsewhere)
{
    public bool Succeeded => Failed == 0;
}

/// <summary>
/// Imports a folder of files described by a sidecar through the same handlers as the editor and the API
/// (<see cref="SaveDocument"/>, <see cref="UploadFile"/>), acting as <see cref="Viewer.System"/>.
/// Idempotent: a file whose SHA-256 is stored is skipped, and a document is found again by its import key
/// (journal) or symbol before one is made. So an import that was killed is finished by running it again.
/// </summary>
internal sealed class ImportDocuments(IServiceScopeFactory scopes, BlobStore blobs, ISearchService search, IngestLimits limits, TimeProvider clock,
    ImportSettings settings)
{
    /// <summary>Blobs this old that no record names are left by a crash, not by an upload in flight.</summary>
    private static readonly TimeSpan LeftoverAge = TimeSpan.FromHours(1);

    public Task<ImportReport> RunAsync(ImportPlan plan, bool dryRun, Action<ImportProgress>? onRow, CancellationToken ct) =>
        RunAsync(plan, dryRun, compareWithDatabase: true, onRow, ct);

    /// <summary>
    /// <paramref name="compareWithDatabase"/> false: a dry run against a database that does not exist yet (or is not
    /// migrated) checks every file as new, without opening it.
    /// </summary>
    public async Task<ImportReport> RunAsync(ImportPlan plan, bool dryRun, bool compareWithDatabase, Action<ImportProgress>? onRow, CancellationToken ct)
    {
        var run = new Run();
        var leftovers = dryRun ? 0 : await CollectLeftoversAsync(ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        // Reading files (hash, text extraction: most of an import's time for PDFs) runs ahead on every core, at most
        // ReadAhead files beyond the one being saved (memory stays bounded); the database writes stay one file at a
        // time in the plan's order, so progress, idempotence and resuming a killed import are as before.
        var readAhead = dryRun ? 0 : ReadAhead;
        var reading = new Queue<Task<Prepared>>();
        var next = 0;
        foreach (var file in plan.Files)
        {
            ct.ThrowIfCancellationRequested();
            while (next < plan.Files.Count && reading.Count <= readAhead)
            {
                var ahead = plan.Files[next++];
                reading.Enqueue(readAhead == 0 ? Task.FromResult(Prepared.None) : Task.Run(() => PrepareAsync(ahead, ct), ct));
            }
            var prepared = await reading.Dequeue();
            position++;
            ImportOutcome outcome;
            string? reason;
            try
            {
                (outcome, reason) = await ImportAsync(file, dryRun, compareWithDatabase || !dryRun, run, seen, prepared, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                (outcome, reason) = (ImportOutcome.Failed, $"the file cannot be read: {e.Message}");
            }
            catch (DbUpdateException e)
            {
                (outcome, reason) = (ImportOutcome.Failed, $"the database refused the row: {e.GetBaseException().Message}");
            }
            run.Count(outcome);
            onRow?.Invoke(new ImportProgress(position, plan.Files.Count, file.Name, outcome, reason));
        }
        if (!dryRun && !run.IndexHeldElsewhere)
        {
            run.IndexHeldElsewhere = !await search.CatchUpAsync(ct);
        }
        return new ImportReport(run.Imported, run.AlreadyPresent, run.Failed, run.WouldImport, run.Created, run.Reused, leftovers, run.IndexHeldElsewhere);
    }

    /// <summary>Files read ahead of the one being saved: one per core.</summary>
    private static int ReadAhead => Math.Max(1, Environment.ProcessorCount);

    /// <summary>A file read ahead: its hash and, unless it is stored already, its text (or why it has none).</summary>
    private sealed record Prepared(string? Sha, bool Extracted, ExtractedFile? Text, string? Problem, Exception? ReadError)
    {
        public static readonly Prepared None = new(null, false, null, null, null);
    }

    private async Task<Prepared> PrepareAsync(PlannedFile file, CancellationToken ct)
    {
        if (file.Error is not null || file.Document.Error is not null || !File.Exists(file.FullPath)) return Prepared.None;
        try
        {
            string sha;
            await using (var content = File.OpenRead(file.FullPath))
                sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
            await using (var scope = scopes.CreateAsyncScope())
                if (await scope.ServiceProvider.GetRequiredService<PolisDb>().Set<StoredFile>().AnyAsync(f => f.Sha256 == sha, ct))
                    return new Prepared(sha, false, null, null, null);
            var (text, problem) = await ExtractAsync(file, ct);
            return new Prepared(sha, true, text, problem, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Prepared(null, false, null, null, e);
        }
    }

    private async Task<(ImportOutcome, string?)> ImportAsync(PlannedFile file, bool dryRun, bool compareWithDatabase, Run run, HashSet<string> seen,
        Prepared prepared, CancellationToken ct)
    {
        if (file.Error is { } rowError) return (ImportOutcome.Failed, rowError);
        if (file.Document.Error is { } documentError) return (ImportOutcome.Failed, documentError);
        if (!File.Exists(file.FullPath)) return (ImportOutcome.Failed, "file not found");
        if (prepared.ReadError is not null) prepared = Prepared.None;   // read again below: the error is reported as before

        var sha = prepared.Sha;
        if (sha is null)
        {
            await using var content = File.OpenRead(file.FullPath);
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
        if (seen.Contains(sha) || (compareWithDatabase && await db.Set<StoredFile>().AnyAsync(f => f.Sha256 == sha, ct)))
            return (ImportOutcome.AlreadyPresent, null);

        if (dryRun)
        {
            if ((await ExtractAsync(file, ct)).Problem is { } unreadable) return (ImportOutcome.Failed, unreadable);
            seen.Add(sha);
            return (ImportOutcome.WouldImport, null);
        }

        var documentId = file.Document.DocumentId ?? await FindAsync(file.Document, db, run, ct);
        // The text read ahead, when it was (a file that was already stored then was not read).
        var extracted = prepared.Extracted && prepared.Sha == sha ? prepared.Text : null;
        if (documentId is null)
        {
            // Read the file before making a document for it, so a corrupt file leaves no empty document behind; the
            // text read here is the one stored (each file is extracted once).
            var unreadable = prepared.Extracted && prepared.Sha == sha ? prepared.Problem : null;
            if (extracted is null && unreadable is null) (extracted, unreadable) = await ExtractAsync(file, ct);
            if (unreadable is not null) return (ImportOutcome.Failed, unreadable);
            documentId = await CreateAsync(file.Document, scope.ServiceProvider, run, ct);
            if (documentId is null) return (ImportOutcome.Failed, file.Document.Error);
        }
        file.Document.DocumentId = documentId;

        SaveResult result;
        await using (var content = File.OpenRead(file.FullPath))
            result = await scope.ServiceProvider.GetRequiredService<UploadFile>()
                .UploadAsync(documentId.Value, file.Language, file.Row.Title, content, Path.GetFileName(file.FullPath), Viewer.System, ct, extracted);
        if (result.Succeeded) return (ImportOutcome.Imported, null);
        if (result.Errors.Values.SelectMany(m => m).Contains(Text.LibraryFileDuplicate, StringComparer.Ordinal))
            return (ImportOutcome.AlreadyPresent, null);
        return (ImportOutcome.Failed, Describe(result));
    }

    /// <summary>The document this import made before (journal) or that has the symbol; null when there is none.</summary>
    private async Task<Guid?> FindAsync(PlannedDocument planned, PolisDb db, Run run, CancellationToken ct)
    {
        var journal = await db.Set<ImportedDocument>().AsNoTracking().SingleOrDefaultAsync(j => j.Key == planned.Key, ct);
        if (journal is not null)
        {
            run.Reused++;
            return journal.DocumentId;
        }
        if (planned.Symbol is not { } symbol) return null;
        var existing = await db.Set<Document>().Where(d => d.Symbol == symbol).Select(d => (Guid?)d.Id).SingleOrDefaultAsync(ct);
        if (existing is { } id)
        {
            db.Set<ImportedDocument>().Add(ImportedDocument.For(planned.Key, id, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            run.Reused++;
        }
        return existing;
    }

    private async Task<Guid?> CreateAsync(PlannedDocument planned, IServiceProvider services, Run run, CancellationToken ct)
    {
        var db = services.GetRequiredService<PolisDb>();
        // The journal row goes in with the document, in the handler's own SaveChanges: one transaction, so a
        // crash leaves both or neither, and the next run never makes the document twice.
        var journal = ImportedDocument.For(planned.Key, Guid.Empty, clock.GetUtcNow());
        db.Set<ImportedDocument>().Add(journal);
        void Link(object? sender, SavingChangesEventArgs e) =>
            journal.DocumentId = db.ChangeTracker.Entries<Document>().Single(x => x.State == EntityState.Added).Entity.Id;
        db.SavingChanges += Link;
        var input = planned.Input.Owner is null
            ? planned.Input with { Owner = await DefaultOwnerAsync(planned.Input.IssuingBody, services.GetRequiredService<IReferenceCodes>(), ct) }
            : planned.Input;
        SaveResult result;
        try
        {
            result = await services.GetRequiredService<SaveDocument>().CreateAsync(input, Viewer.System, ct, planned.State);
        }
        finally
        {
            db.SavingChanges -= Link;
        }
        if (!result.Succeeded)
        {
            planned.Error = Describe(result);
            return null;
        }
        run.Created++;
        return result.Id;
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

    private async Task<int> CollectLeftoversAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
        var referenced = (await db.Set<StoredFile>().Select(f => f.Sha256).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return blobs.CollectGarbage(referenced, clock.GetUtcNow() - LeftoverAge);
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
