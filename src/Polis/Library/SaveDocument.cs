using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Library;

/// <summary>The outcome of a write: the record, or the reasons it was refused (by field), or a stale version.</summary>
public sealed record SaveResult(Guid? Id, IReadOnlyDictionary<string, string[]> Errors, bool Conflict = false, bool NotFound = false, bool Forbidden = false)
{
    public bool Succeeded => Id is not null && Errors.Count == 0 && !Conflict && !NotFound && !Forbidden;
    /// <summary>The write rule refused the write (403); the reason is under the empty key.</summary>
    public static SaveResult Refused(Guid? id, string reason) => new(id, new Dictionary<string, string[]> { [""] = [reason] }, Forbidden: true);
    public string? Reason => Errors.TryGetValue("", out var r) ? string.Join(" ", r) : null;
    public static SaveResult Ok(Guid id) => new(id, new Dictionary<string, string[]>());
    public static SaveResult Invalid(string field, string message) => new(null, new Dictionary<string, string[]> { [field] = [message] });
    /// <summary>The HTTP status a refusal answers when it is not 400 (413 too large, 422 over an extraction limit); null: 400.</summary>
    public int? Status { get; init; }
}

/// <summary>
/// Creates and edits library documents: validates codes against the reference data, keeps symbols unique,
/// applies the write rule (a refusal is audited and writes nothing else), audits.
/// </summary>
public sealed class SaveDocument(PolisDb db, TimeProvider clock, IReferenceCodes codes, IReferenceDirectory reference, RefusedWrites refusals)
{
    public async Task<SaveResult> CreateAsync(DocumentInput input, Viewer by, CancellationToken ct)
    {
        if (await CheckAsync(input, null, ct) is { } invalid) return invalid;
        var owner = input.ParsedOwner ?? WriteRule.DefaultOwner(by);
        if (owner is null) return SaveResult.Invalid(nameof(DocumentInput.Owner), Text.WriteOwnerRequired);
        if (await CheckOwnerAsync(owner, ct) is { } unknownOwner) return unknownOwner;
        var verdict = WriteRule.Check(by, WriteAction.Create, Document.Proposed(input, owner));
        if (verdict != WriteRule.Verdict.Allowed) return await RefuseAsync(null, WriteAction.Create, verdict, owner, by, ct);
        var document = Document.Create(input, owner, by, clock.GetUtcNow());
        db.Set<Document>().Add(document);
        return await SaveAsync(document, ct);
    }

    /// <summary>Updates when <paramref name="version"/> is still current; otherwise nothing is written (409).</summary>
    public async Task<SaveResult> UpdateAsync(Guid id, int version, DocumentInput input, Viewer by, CancellationToken ct)
    {
        var document = await db.Set<Document>().VisibleTo(by).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null) return await NotFoundAsync(db, refusals, id, WriteAction.Edit, by, ct);
        var before = WriteRule.Target.Of(document);
        if (WriteRule.Check(by, WriteAction.Edit, before) == WriteRule.Verdict.NotYours)
            return await RefuseAsync(id, WriteAction.Edit, WriteRule.Verdict.NotYours, document.OwnerCode, by, ct);
        if (document.Version != version) return new SaveResult(id, new Dictionary<string, string[]>(), Conflict: true);
        if (await CheckAsync(input, id, ct) is { } invalid) return invalid;
        var owner = input.ParsedOwner ?? document.OwnerCode;
        if (await CheckOwnerAsync(owner, ct) is { } unknownOwner) return unknownOwner;
        var verdict = WriteRule.CheckChange(by, WriteAction.Edit, before, Document.Proposed(input, owner));
        if (verdict != WriteRule.Verdict.Allowed) return await RefuseAsync(id, WriteAction.Edit, verdict, owner, by, ct);
        document.Update(input, owner, clock.GetUtcNow());
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

    /// <summary>404, invisible is absent; an attempt on a record that exists but is invisible is audited as refused.</summary>
    internal static async Task<SaveResult> NotFoundAsync(PolisDb db, RefusedWrites refusals, Guid id, WriteAction action, Viewer by, CancellationToken ct)
    {
        if (await db.AllRecords<Document>("audit a write attempt on a record the writer cannot see").AnyAsync(d => d.Id == id, ct))
            await refusals.RecordAsync(by, nameof(Document), id.ToString(), action, "Invisible", ct);
        return new SaveResult(null, new Dictionary<string, string[]>(), NotFound: true);
    }

    /// <summary>Audits the refusal (nothing else is written) and says why, in the reader's language.</summary>
    private async Task<SaveResult> RefuseAsync(Guid? id, WriteAction action, WriteRule.Verdict verdict, string owner, Viewer by, CancellationToken ct)
    {
        await refusals.RecordAsync(by, nameof(Document), id?.ToString() ?? "", action, $"{verdict} (owner {owner})", ct);
        return SaveResult.Refused(id, await RefusalAsync(reference, action, verdict, owner, ct));
    }

    /// <summary>Why the write is refused, naming the owner as readers know it ("Strategic Police Matters Unit (SPMU)").</summary>
    internal static async Task<string> RefusalAsync(IReferenceDirectory reference, WriteAction action, WriteRule.Verdict verdict, string owner, CancellationToken ct)
    {
        if (verdict == WriteRule.Verdict.OwnerLosesAccess) return Format(Text.WriteOwnerLosesAccess, owner);   // names the code to type
        var name = (await reference.NamesAsync(CultureInfo.CurrentUICulture, ct)).Structure(owner);
        var named = name == owner ? owner : $"{name} ({owner})";
        return Format(action == WriteAction.Create ? Text.WriteRefusedCreate : Text.WriteRefused, named);
    }

    private async Task<SaveResult?> CheckOwnerAsync(string owner, CancellationToken ct) =>
        (await codes.UnknownAsync([owner], ct, ReferenceKind.ExecutiveStructure)).Count > 0
            ? SaveResult.Invalid(nameof(DocumentInput.Owner), Format(Text.LibraryUnknownCode, owner)) : null;

    private async Task<SaveResult?> CheckAsync(DocumentInput input, Guid? self, CancellationToken ct)
    {
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), errors, validateAllProperties: true))
            return new SaveResult(null, errors.SelectMany(e => e.MemberNames.DefaultIfEmpty("").Select(m => (m, e.ErrorMessage ?? "")))
                .GroupBy(x => x.m).ToDictionary(g => g.Key, g => g.Select(x => x.Item2).ToArray()));
        // Symbols are unique across the library; the refusal does not say that a record holds the symbol, and reads the
        // same whether the editor can see that record or not (docs/access.md).
        if (input.ParsedSymbol is { } symbol && await db.AllRecords<Document>("a symbol is unique across the library").AnyAsync(d => d.Symbol == symbol && d.Id != self, ct))
            return SaveResult.Invalid(nameof(DocumentInput.Symbol), Format(Text.LibrarySymbolTaken, symbol));
        if (await UnknownAsync(input.Priorities, ReferenceKind.ThematicPriority) is { } p)
            return SaveResult.Invalid(nameof(DocumentInput.Priorities), Format(Text.LibraryUnknownCode, p));
        if (await UnknownAsync(input.SubAreas, ReferenceKind.ThematicSubArea) is { } s)
            return SaveResult.Invalid(nameof(DocumentInput.SubAreas), Format(Text.LibraryUnknownCode, s));
        if (await UnknownAsync([.. DocumentInput.Items(input.Countries).Select(c => c.Trim().ToUpperInvariant())], ReferenceKind.State) is { } c)
            return SaveResult.Invalid(nameof(DocumentInput.Countries), Format(Text.LibraryUnknownCode, c));
        if (await UnknownAsync([.. DocumentInput.Items([input.IssuingBody]).Select(b => b.Trim().ToUpperInvariant())],
                ReferenceKind.ExecutiveStructure, ReferenceKind.PartnerOrganisation, ReferenceKind.DecisionMakingBody) is { } body)
            return SaveResult.Invalid(nameof(DocumentInput.IssuingBody), Format(Text.LibraryUnknownIssuingBody, body));
        if (input.Access == AccessLevel.Restricted && await codes.UnknownPartiesAsync(input.ParsedParties, ct) is [var party, ..])
            return SaveResult.Invalid(nameof(DocumentInput.AllowedParties), Format(Text.LibraryUnknownCode, party));
        return null;

        async Task<string?> UnknownAsync(string?[]? values, params ReferenceKind[] kinds) =>
            await codes.UnknownAsync(DocumentInput.Items(values), ct, kinds) is [var first, ..] ? first : null;
    }

    private static string Format(string template, string value) => string.Format(CultureInfo.CurrentCulture, template, value);
}
