using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Platform;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Library;

/// <summary>
/// What an edition says of itself in its own language: title, summary, keywords. A Russian reader then sees the
/// Russian title and summary of a document that has a Russian edition. The same record binds the form and the JSON body.
/// </summary>
public sealed partial record EditionInput : IValidatableObject
{
    /// <summary>Title in the edition's language. Plain text: markup is refused.</summary>
    [PolisRequired, PolisStringLength(500, MinimumLength = 2)] public string Title { get; init; } = "";
    /// <summary>Summary in the edition's language (optional; the document's summary is shown when empty).</summary>
    [PolisStringLength(5000)] public string? Summary { get; init; }
    /// <summary>Keywords in the edition's language; an element may hold several separated by commas.</summary>
    public string[]? Keywords { get; init; }

    internal IEnumerable<string> SplitKeywords =>
        DocumentInput.Items(Keywords).SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Markup().IsMatch(Title))
            yield return new(Text.LibraryTitleMarkup, [nameof(Title)]);
        if (SplitKeywords.Any(k => k.Length > 100))
            yield return new(Text.LibraryKeywordTooLong, [nameof(Keywords)]);
    }

    [GeneratedRegex(@"<\s*[a-zA-Z/!]")]
    private static partial Regex Markup();
}

/// <summary>
/// Describes one language edition (title, summary, keywords in its language) through the write rule: a change of the
/// document (Edit), refused and audited like any other; a stale version changes nothing (409).
/// </summary>
public sealed class DescribeEdition(PolisDb db, TimeProvider clock, RefusedWrites refusals, IReferenceDirectory reference)
{
    public async Task<SaveResult> SaveAsync(Guid documentId, string language, int version, EditionInput input, Viewer by, CancellationToken ct)
    {
        var document = await db.Set<Document>().VisibleTo(by).Include(d => d.Editions).AsSplitQuery().SingleOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return await SaveDocument.NotFoundAsync(db, refusals, documentId, WriteAction.Edit, by, ct);
        if (WriteRule.Check(by, WriteAction.Edit, document) == WriteRule.Verdict.NotYours)
        {
            await refusals.RecordAsync(by, nameof(Document), documentId.ToString(), WriteAction.Edit, $"NotYours (owner {document.OwnerCode}): edition", ct);
            return SaveResult.Refused(documentId, await SaveDocument.RefusalAsync(reference, WriteAction.Edit, WriteRule.Verdict.NotYours, document.OwnerCode, ct));
        }
        var edition = document.Editions.FirstOrDefault(e => e.Language == language);
        if (edition is null) return new SaveResult(null, new Dictionary<string, string[]>(), NotFound: true);
        if (document.Version != version) return new SaveResult(documentId, new Dictionary<string, string[]>(), Conflict: true);
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), errors, validateAllProperties: true))
            return new SaveResult(null, errors.SelectMany(e => e.MemberNames.DefaultIfEmpty("").Select(m => (m, e.ErrorMessage ?? "")))
                .GroupBy(x => x.m).ToDictionary(g => g.Key, g => g.Select(x => x.Item2).ToArray()));
        document.DescribeEdition(edition, input, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SaveResult(documentId, new Dictionary<string, string[]>(), Conflict: true);
        }
        return SaveResult.Ok(documentId);
    }
}
