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
    /// <summary>Creates a draft (<paramref name="state"/>: import brings documents already published).</summary>
    public async Task<SaveResult> CreateAsync(DocumentInput input, Viewer by, CancellationToken ct, PublicationState state = PublicationState.Draft)
    {
        var (result, document) = await StageCreateAsync(input, by, ct, state);
        return document is null ? result : await SaveAsync(document, ct);
    }

    /// <summary>
    /// Everything <see cref="CreateAsync"/> does except the save: the document is added to the context (and returned)
    /// when the input is valid and the write allowed, so a caller can save several in one transaction (an import's
    /// batch). A refusal is audited at once, as in <see cref="CreateAsync"/>.
    /// </summary>
    internal async Task<(SaveResult Result, Document? Document)> StageCreateAsync(DocumentInput input, Viewer by, CancellationToken ct,
        PublicationState state = PublicationState.Draft)
    {
        if (await ValidateAsync(input, null, null, by, ct) is { Count: > 0 } invalid) return (new SaveResult(null, invalid), null);
        var owner = (input.ParsedOwner ?? WriteRule.DefaultOwner(by))!;
        var verdict = WriteRule.Check(by, WriteAction.Create, Document.Proposed(input, owner));
        if (verdict != WriteRule.Verdict.Allowed) return (await RefuseAsync(null, WriteAction.Create, verdict, owner, by, ct), null);
        if (state != PublicationState.Draft && WriteRule.Check(by, WriteAction.Publish, Document.Proposed(input, owner)) is var publish
            && publish != WriteRule.Verdict.Allowed)
            return (await RefuseAsync(null, WriteAction.Publish, publish, owner, by, ct), null);
        var document = Document.Create(input, owner, by, clock.GetUtcNow(), state);
        db.Set<Document>().Add(document);
        return (SaveResult.Ok(document.Id), document);
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
        if (await ValidateAsync(input, id, document.OwnerCode, by, ct) is { Count: > 0 } invalid) return new SaveResult(null, invalid);
        var owner = input.ParsedOwner ?? document.OwnerCode;
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
        if (action == WriteAction.Delete) return Text.WriteRefusedDelete;
        var name = (await reference.NamesAsync(CultureInfo.CurrentUICulture, ct)).Structure(owner);
        var named = name == owner ? owner : $"{name} ({owner})";
        return Format(action == WriteAction.Create ? Text.WriteRefusedCreate : Text.WriteRefused, named);
    }

    /// <summary>
    /// Every problem of the input at once, by field: the input's own checks, a taken symbol, unknown codes, and the
    /// owner (<paramref name="currentOwner"/> on an edit; on a create, the writer's only structure when none is named).
    /// </summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(DocumentInput input, Guid? self, string? currentOwner, Viewer by, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            if (!list.Contains(message, StringComparer.Ordinal)) list.Add(message);
        }
        foreach (var e in input.Validate(null))
            foreach (var m in e.MemberNames.DefaultIfEmpty("")) Add(m, e.ErrorMessage ?? "");
        bool Clean(string field) => !errors.ContainsKey(field);

        if (Clean(nameof(DocumentInput.Symbol)) && input.ParsedSymbol is { } symbol
            && await db.AllRecords<Document>("a symbol is unique across the library").AnyAsync(d => d.Symbol == symbol && d.Id != self, ct))
            Add(nameof(DocumentInput.Symbol), Format(Text.LibrarySymbolTaken, symbol));
        if (Clean(nameof(DocumentInput.Priorities)) && await UnknownAsync(input.Priorities, ReferenceKind.ThematicPriority) is { } p)
            Add(nameof(DocumentInput.Priorities), Format(Text.LibraryUnknownCode, p));
        if (Clean(nameof(DocumentInput.SubAreas)) && await UnknownAsync(input.SubAreas, ReferenceKind.ThematicSubArea) is { } s)
            Add(nameof(DocumentInput.SubAreas), Format(Text.LibraryUnknownCode, s));
        if (Clean(nameof(DocumentInput.Countries))
            && await UnknownAsync([.. DocumentInput.Items(input.Countries).Select(c => c.Trim().ToUpperInvariant())], ReferenceKind.State) is { } c)
            Add(nameof(DocumentInput.Countries), Format(Text.LibraryUnknownCode, c));
        if (Clean(nameof(DocumentInput.IssuingBody))
            && await UnknownAsync([.. DocumentInput.Items([input.IssuingBody]).Select(b => b.Trim().ToUpperInvariant())],
                ReferenceKind.ExecutiveStructure, ReferenceKind.PartnerOrganisation, ReferenceKind.DecisionMakingBody) is { } body)
            Add(nameof(DocumentInput.IssuingBody), Format(Text.LibraryUnknownIssuingBody, body));
        if (Clean(nameof(DocumentInput.AllowedParties)) && input.Access == AccessLevel.Restricted
            && await codes.UnknownPartiesAsync(input.ParsedParties, ct) is [var party, ..])
            Add(nameof(DocumentInput.AllowedParties), Format(Text.LibraryUnknownCode, party));
        if (Clean(nameof(DocumentInput.Owner)))
        {
            var owner = input.ParsedOwner ?? currentOwner ?? WriteRule.DefaultOwner(by);
            if (owner is null) Add(nameof(DocumentInput.Owner), Text.WriteOwnerRequired);
            else if ((await codes.UnknownAsync([owner], ct, ReferenceKind.ExecutiveStructure)).Count > 0)
                Add(nameof(DocumentInput.Owner), Format(Text.LibraryUnknownCode, owner));
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

        async Task<string?> UnknownAsync(string?[]? values, params ReferenceKind[] kinds) =>
            await codes.UnknownAsync(DocumentInput.Items(values), ct, kinds) is [var first, ..] ? first : null;
    }

    private static string Format(string template, string value) => string.Format(CultureInfo.CurrentCulture, template, value);
}
