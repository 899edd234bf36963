using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Library;

/// <summary>The outcome of a write: the record, or the reasons it was refused (by field), or a stale version.</summary>
public sealed record SaveResult(Guid? Id, IReadOnlyDictionary<string, string[]> Errors, bool Conflict = false, bool NotFound = false)
{
    public bool Succeeded => Id is not null && Errors.Count == 0 && !Conflict && !NotFound;
    public static SaveResult Ok(Guid id) => new(id, new Dictionary<string, string[]>());
    public static SaveResult Invalid(string field, string message) => new(null, new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Creates and edits library documents: validates codes against the reference data, keeps symbols unique, audits.</summary>
public sealed class SaveDocument(PolisDb db, IReferenceDirectory reference, TimeProvider clock)
{
    public async Task<SaveResult> CreateAsync(DocumentInput input, Viewer by, CancellationToken ct)
    {
        if (await CheckAsync(input, null, ct) is { } invalid) return invalid;
        var document = Document.Create(input, by, clock.GetUtcNow());
        db.Set<Document>().Add(document);
        return await SaveAsync(document, ct);
    }

    /// <summary>Updates when <paramref name="version"/> is still current; otherwise nothing is written (409).</summary>
    public async Task<SaveResult> UpdateAsync(Guid id, int version, DocumentInput input, Viewer by, CancellationToken ct)
    {
        var document = await db.Set<Document>().VisibleTo(by).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null) return new SaveResult(null, new Dictionary<string, string[]>(), NotFound: true);
        if (document.Version != version) return new SaveResult(id, new Dictionary<string, string[]>(), Conflict: true);
        if (await CheckAsync(input, id, ct) is { } invalid) return invalid;
        document.Update(input, clock.GetUtcNow());
        try
        {
            return await SaveAsync(document, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SaveResult(id, new Dictionary<string, string[]>(), Conflict: true);
        }
    }

    private async Task<SaveResult> SaveAsync(Document document, CancellationToken ct)
    {
        // The save records the search change and, for a user's request, waits until the index shows it.
        await db.SaveChangesAsync(ct);
        return SaveResult.Ok(document.Id);
    }

    private async Task<SaveResult?> CheckAsync(DocumentInput input, Guid? self, CancellationToken ct)
    {
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), errors, validateAllProperties: true))
            return new SaveResult(null, errors.SelectMany(e => e.MemberNames.DefaultIfEmpty("").Select(m => (m, e.ErrorMessage ?? "")))
                .GroupBy(x => x.m).ToDictionary(g => g.Key, g => g.Select(x => x.Item2).ToArray()));
        if (input.ParsedSymbol is { } symbol && await db.AllRecords<Document>("a symbol is unique across the library").AnyAsync(d => d.Symbol == symbol && d.Id != self, ct))
            return SaveResult.Invalid(nameof(DocumentInput.Symbol), Format(Text.LibrarySymbolTaken, symbol));
        if (await UnknownAsync(ReferenceKind.ThematicPriority, input.Priorities, ct) is { } p)
            return SaveResult.Invalid(nameof(DocumentInput.Priorities), Format(Text.LibraryUnknownCode, p));
        if (await UnknownAsync(ReferenceKind.ThematicSubArea, input.SubAreas, ct) is { } s)
            return SaveResult.Invalid(nameof(DocumentInput.SubAreas), Format(Text.LibraryUnknownCode, s));
        if (await UnknownAsync(ReferenceKind.State, [.. DocumentInput.Items(input.Countries).Select(c => c.Trim().ToUpperInvariant())], ct) is { } c)
            return SaveResult.Invalid(nameof(DocumentInput.Countries), Format(Text.LibraryUnknownCode, c));
        return null;
    }

    private Task<string?> UnknownAsync(ReferenceKind kind, IEnumerable<string>? codes, CancellationToken ct) =>
        reference.UnknownCodeAsync(kind, DocumentInput.Items([.. codes ?? []]), ct);

    private static string Format(string template, string value) => string.Format(CultureInfo.CurrentCulture, template, value);
}
