using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Platform;
using Polis.Reference.Contracts;

namespace Polis.Library;

/// <summary>
/// Publishes, withdraws and deletes documents (docs/access.md, "Life cycle"). Each is a <see cref="WriteAction"/>
/// checked by <see cref="WriteRule"/> on the document as it is; a refusal is audited and writes nothing else. The
/// change goes through the ordinary save, so the audit, the search index and the harvesting channels see it as any
/// other write (a withdrawn or deleted document stops being public).
/// </summary>
public sealed class DocumentLifecycle(PolisDb db, TimeProvider clock, BlobStore blobs, RefusedWrites refusals, IReferenceDirectory reference)
{
    /// <summary>The longest withdrawal reason kept.</summary>
    public const int MaxReasonLength = 500;

    public Task<SaveResult> PublishAsync(Guid id, Viewer by, CancellationToken ct) =>
        ChangeAsync(id, WriteAction.Publish, by, document =>
        {
            if (document.State == PublicationState.Published) return null;
            document.Publish(clock.GetUtcNow());
            return null;
        }, ct);

    public Task<SaveResult> WithdrawAsync(Guid id, string? reason, Viewer by, CancellationToken ct)
    {
        var cleaned = reason?.Trim();
        return ChangeAsync(id, WriteAction.Withdraw, by, document =>
        {
            if (document.State != PublicationState.Published) return SaveResult.Invalid("state", Text.LibraryWithdrawNotPublished);
            if (string.IsNullOrWhiteSpace(cleaned)) return SaveResult.Invalid("reason", Text.LibraryWithdrawReasonRequired);
            if (TextRules.HasControl(cleaned, multiLine: true))
                return SaveResult.Invalid("reason", string.Format(System.Globalization.CultureInfo.CurrentCulture, Text.LibraryControlCharacters, Text.LibraryWithdrawReason));
            if (cleaned.Length > MaxReasonLength) return SaveResult.Invalid("reason", Text.LibraryWithdrawReasonTooLong);
            document.Withdraw(cleaned, clock.GetUtcNow());
            return null;
        }, ct);
    }

    /// <summary>
    /// Removes the document for good: its editions, files (and their blobs, unless another file holds the same
    /// bytes) and citations. The audit keeps a "Deleted" entry.
    /// </summary>
    public async Task<SaveResult> DeleteAsync(Guid id, Viewer by, CancellationToken ct)
    {
        var hashes = new List<string>();
        var result = await ChangeAsync(id, WriteAction.Delete, by, document =>
        {
            hashes.AddRange(document.Editions.SelectMany(e => e.Files).Select(f => f.Sha256));
            db.Set<Document>().Remove(document);
            return null;
        }, ct);
        if (!result.Succeeded || hashes.Count == 0) return result;
        var distinct = hashes.Distinct(StringComparer.Ordinal).ToList();
        var kept = await db.AllRecords<StoredFile>("a blob is removed only when no file of any record holds it")
            .Where(f => distinct.Contains(f.Sha256)).Select(f => f.Sha256).Distinct().ToListAsync(ct);
        foreach (var sha in distinct.Except(kept, StringComparer.Ordinal)) blobs.Remove(sha);
        return result;
    }

    private async Task<SaveResult> ChangeAsync(Guid id, WriteAction action, Viewer by, Func<Document, SaveResult?> change, CancellationToken ct)
    {
        var document = await db.Set<Document>().VisibleTo(by).Include(d => d.Editions).ThenInclude(e => e.Files)
            .AsSplitQuery().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null) return await SaveDocument.NotFoundAsync(db, refusals, id, action, by, ct);
        var verdict = WriteRule.Check(by, action, document);
        if (verdict != WriteRule.Verdict.Allowed)
        {
            await refusals.RecordAsync(by, nameof(Document), id.ToString(), action, $"{verdict} (owner {document.OwnerCode})", ct);
            return SaveResult.Refused(id, await SaveDocument.RefusalAsync(reference, action, verdict, document.OwnerCode, ct));
        }
        if (change(document) is { } invalid) return invalid with { Id = null };
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SaveResult(id, new Dictionary<string, string[]>(), Conflict: true);
        }
        return SaveResult.Ok(id);
    }
}
