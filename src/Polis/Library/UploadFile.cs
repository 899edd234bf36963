using System.Globalization;
using System.Text.RegularExpressions;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Ingest;
using Polis.Platform;
using Polis.Reference.Contracts;

namespace Polis.Library;

/// <summary>
/// Adds a file to a document's edition in a language (creating the edition when it is the first file in that
/// language): stores the blob, extracts the text, finds the symbols it cites, and indexes the document. A file
/// that is refused, an upload that is cancelled and a save that fails leave nothing behind (no row, no blob);
/// the same content is never stored twice.
/// </summary>
public sealed partial class UploadFile(PolisDb db, BlobStore blobs, IngestLimits limits, TimeProvider clock,
    RefusedWrites refusals, IReferenceDirectory reference, PdfPreviews previews)
{
    /// <summary>
    /// <c>alreadyExtracted</c>: the text of these very bytes when the caller has read it already (an import reads a new
    /// document's file before making the document), so that the file is not extracted twice.
    /// </summary>
    public async Task<SaveResult> UploadAsync(Guid documentId, string language, string? editionTitle, Stream content, string fileName,
        Viewer by, CancellationToken ct, ExtractedFile? alreadyExtracted = null)
    {
        language = (language ?? "").Trim().ToLowerInvariant();
        if (CheckEdition(language, editionTitle) is { } invalid) return invalid;
        var document = await db.Set<Document>().VisibleTo(by).Include(d => d.Editions).ThenInclude(e => e.Files)
            .AsSplitQuery().SingleOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return await SaveDocument.NotFoundAsync(db, refusals, documentId, WriteAction.Edit, by, ct);
        // Adding a file is an edit of the document (its access does not change): the write rule decides before anything is stored.
        if (WriteRule.Check(by, WriteAction.Edit, document) is var verdict && verdict == WriteRule.Verdict.NotYours)
        {
            await refusals.RecordAsync(by, nameof(Document), documentId.ToString(), WriteAction.Edit, $"{verdict} (owner {document.OwnerCode}): file", ct);
            return SaveResult.Refused(documentId, await SaveDocument.RefusalAsync(reference, WriteAction.Edit, verdict, document.OwnerCode, ct));
        }

        StagedBlob staged;
        try
        {
            staged = await blobs.StageAsync(content, limits.MaxBytes, ct);
        }
        catch (IngestException e) when (e.Failure == IngestFailure.TooLarge)
        {
            return Refused(string.Format(CultureInfo.CurrentCulture, Text.IngestTooLarge, SafeName(fileName), Pages.LibraryText.Size(limits.MaxBytes)))
                with
            { Status = StatusCodes.Status413PayloadTooLarge };
        }

        // Whatever happens from here on (a refusal, a cancelled request, a failed save), the staged file and a blob
        // placed for this upload go again in this finally; only a saved row keeps its blob.
        var placed = false;
        var saved = false;
        try
        {
            // A duplicate the uploader can see is refused; one only in records the uploader cannot read is stored as a
            // new file (the blob is shared), so the answer does not tell that such a record exists (docs/access.md).
            if (await db.Set<Document>().VisibleTo(by).SelectMany(d => d.Editions).SelectMany(e => e.Files).AnyAsync(f => f.Sha256 == staged.Sha256, ct))
                return SaveResult.Invalid("file", Text.LibraryFileDuplicate);
            ExtractedFile extracted;
            try
            {
                if (alreadyExtracted is not null)
                {
                    extracted = alreadyExtracted;
                }
                else
                {
                    await using var file = File.OpenRead(staged.TempPath);
                    extracted = await new TextExtractor(limits).ExtractAsync(file, SafeName(fileName), ct);
                }
            }
            catch (IngestLimitException e)
            {
                return Refused(IngestMessages.Say(e)) with { Status = StatusCodes.Status422UnprocessableEntity };
            }
            catch (IngestException e)
            {
                return Refused(IngestMessages.Say(e));
            }

            placed = blobs.Commit(staged);
            await AttachAsync(document, language, editionTitle, fileName, staged, extracted, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The document was edited while the file was read: nothing of this upload is kept; the user tries again.
                return new SaveResult(documentId, new Dictionary<string, string[]>(), Conflict: true);
            }
            saved = true;
            // The first page as a picture (bounded; none without pdftoppm): the upload has succeeded either way.
            if (extracted.MediaType == "application/pdf") await previews.CreateAsync(staged.Sha256, CancellationToken.None);
            return SaveResult.Ok(document.Id);
        }
        finally
        {
            if (!saved) await ForgetAsync(staged, placed);
        }
    }

    /// <summary>
    /// Why a file cannot go into the edition in <paramref name="language"/> (lower case, trimmed) with this title, or
    /// null when it can: checked before anything is stored or staged.
    /// </summary>
    internal static SaveResult? CheckEdition(string language, string? editionTitle)
    {
        if (!LanguageCode().IsMatch(language)) return SaveResult.Invalid("language", Text.LibraryLanguageInvalid);
        if (!LanguageCodes.IsKnown(language))
            return SaveResult.Invalid("language", string.Format(CultureInfo.CurrentCulture, Text.LibraryLanguageUnknown, language));
        if (TextRules.HasControl(editionTitle))
            return SaveResult.Invalid("title", string.Format(CultureInfo.CurrentCulture, Text.LibraryControlCharacters, Text.LibraryEditionTitle));
        if (!string.IsNullOrEmpty(editionTitle) && Markup().IsMatch(editionTitle)) return SaveResult.Invalid("title", Text.LibraryTitleMarkup);
        return null;
    }

    /// <summary>
    /// Adds the file (its blob placed or about to be) to the document's edition in <paramref name="language"/>, making the
    /// edition when it is the first file in that language, and replaces the citations; nothing is saved here. An import
    /// stages many files this way in one context and saves them in one transaction (ImportDocuments).
    /// </summary>
    internal async Task AttachAsync(Document document, string language, string? editionTitle, string fileName, StagedBlob staged,
        ExtractedFile extracted, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var edition = document.Editions.FirstOrDefault(e => e.Language == language)
            ?? document.AddEdition(language, Clean(editionTitle) ?? Clean(extracted.Title) ?? document.Title, now);
        if (Clean(editionTitle) is { } t) edition.Rename(t);
        edition.AttachFile(SafeName(fileName), extracted.MediaType, staged.Sha256, staged.Size, extracted.Text, extracted.HasText, now);
        await ReplaceCitationsAsync(document, ct);
    }

    // Not CancellationToken-bound: the clean-up must run when the request was aborted too.
    private async Task ForgetAsync(StagedBlob staged, bool placed)
    {
        BlobStore.Discard(staged);
        if (!placed) return;
        try
        {
            // Another upload of the same content may have saved its row meanwhile; its blob stays.
            if (!await db.Set<StoredFile>().AsNoTracking().AnyAsync(f => f.Sha256 == staged.Sha256, CancellationToken.None))
                blobs.Delete(staged.Sha256);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
        {
            // The orphan sweep (BlobSweeper) removes it within the hour.
        }
    }

    /// <summary>The symbols the document's texts cite, except its own, replace the stored ones.</summary>
    internal async Task ReplaceCitationsAsync(Document document, CancellationToken ct)
    {
        var symbols = document.Editions.SelectMany(e => DocumentSymbol.FindAll(e.Text)).Select(s => s.Canonical)
            .Where(s => s != document.Symbol && s.Length <= 80).Distinct(StringComparer.Ordinal).ToList();
        // A document made in this unit of work has no stored citations yet: no query for it (an import's batch). Those
        // added earlier in this unit of work (a second file of the same document in one batch) count as existing.
        var existing = db.Entry(document).State == EntityState.Added ? []
            : await db.Set<Citation>().Where(c => c.DocumentId == document.Id).ToListAsync(ct);
        existing = [.. existing.Concat(db.ChangeTracker.Entries<Citation>()
            .Where(e => e.State == EntityState.Added && e.Entity.DocumentId == document.Id).Select(e => e.Entity)).Distinct()];
        db.Set<Citation>().RemoveRange(existing.Where(c => !symbols.Contains(c.Symbol)));
        db.Set<Citation>().AddRange(symbols.Where(s => existing.All(c => c.Symbol != s)).Select(s => new Citation(document.Id, s)));
    }

    private static SaveResult Refused(string reason) =>
        SaveResult.Invalid("file", string.Format(CultureInfo.CurrentCulture, Text.LibraryFileRejected, reason));

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Only the name, no path, no control characters: it is shown and sent back in Content-Disposition.</summary>
    internal static string SafeName(string fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>'))]).Trim();
        return name.Length == 0 ? "file" : name.Length > 200 ? name[^200..] : name;
    }

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();

    [GeneratedRegex(@"<\s*[a-zA-Z/!]")]
    private static partial Regex Markup();
}
