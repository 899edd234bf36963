using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Library.Contracts;
using Polis.Reference.Contracts;

namespace Polis.Activities;

/// <summary>One field that differs between two versions of an activity: its name (a property of <see cref="ActivityInput"/>), the old and the new value.</summary>
public sealed record FieldChange(string Field, string? Old, string? New);

/// <summary>
/// The outcome of a write: the activity, or the reasons it was refused (by field), or a stale version with the
/// changes another writer made since the version the writer started from.
/// </summary>
public sealed record ActivitySaveResult(Guid? Id, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Conflict { get; init; }
    public bool NotFound { get; init; }
    public bool Forbidden { get; init; }
    /// <summary>For a conflict: what changed since the writer's version, field by field.</summary>
    public IReadOnlyList<FieldChange> TheirChanges { get; init; } = [];
    /// <summary>For a conflict: the version now stored (send it with the corrected input to save over it knowingly).</summary>
    public int CurrentVersion { get; init; }
    public bool Succeeded => Id is not null && Errors.Count == 0 && !Conflict && !NotFound && !Forbidden;
    public string? Reason => Errors.TryGetValue("", out var r) ? string.Join(" ", r) : null;

    internal static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>();
    public static ActivitySaveResult Ok(Guid id) => new(id, None);
    internal static ActivitySaveResult Missing() => new(null, None) { NotFound = true };
}

/// <summary>
/// Registers and edits activities: checks the input in one round (its own rules, then every code against the
/// reference data and every linked document through the library's contract), applies the write rule (a refusal is
/// audited and writes nothing else), refuses a stale version with the other writer's changes, and keeps each saved
/// version as a revision for the history.
/// </summary>
public sealed class SaveActivity(PolisDb db, TimeProvider clock, IReferenceCodes codes, IReferenceDirectory reference,
    ILibraryCatalogue library, RefusedWrites refusals)
{
    public async Task<ActivitySaveResult> CreateAsync(ActivityInput input, Viewer by, CancellationToken ct)
    {
        var (result, _) = await AddAsync(input, by, ct);
        if (!result.Succeeded) return result;
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>
    /// Checks a new activity and, when it may be registered, adds it (with its first revision) to the context without
    /// saving: an import adds every row and saves once, so that either all rows are stored or none.
    /// </summary>
    internal async Task<(ActivitySaveResult Result, Activity? Added)> AddAsync(ActivityInput input, Viewer by, CancellationToken ct)
    {
        var (result, activity) = await CheckNewAsync(input, by, clock.GetUtcNow(), auditRefusal: true, ct);
        if (activity is null) return (result, null);
        db.Set<Activity>().Add(activity);
        db.Set<ActivityRevision>().Add(ActivityRevision.Of(activity.Id, activity.Version, activity.CreatedAt, by, Serialize(Snapshot(activity))));
        return (result, activity);
    }

    /// <summary>
    /// Checks a new activity (its rules, the reference data, the write rule) and, when it may be registered, builds it
    /// at <paramref name="now"/> without adding it to the context: the bulk path (<see cref="StoreActivities"/>) stores many at once.
    /// A refusal by the write rule is audited only when <paramref name="auditRefusal"/> (an import reports it by row instead).
    /// </summary>
    internal async Task<(ActivitySaveResult Result, Activity? Built)> CheckNewAsync(ActivityInput input, Viewer by, DateTimeOffset now, bool auditRefusal, CancellationToken ct)
    {
        if (await ValidateAsync(input, null, by, ct) is { Count: > 0 } invalid) return (new(null, invalid), null);
        var values = Values(input, (input.ParsedOwner ?? WriteRule.DefaultOwner(by))!);
        var verdict = WriteRule.Check(by, WriteAction.Create, Activity.Proposed(values));
        if (verdict != WriteRule.Verdict.Allowed)
            return (auditRefusal ? await RefuseAsync(null, WriteAction.Create, verdict, values.Owner, by, ct)
                : new ActivitySaveResult(null, new Dictionary<string, string[]> { [""] = [await RefusalAsync(WriteAction.Create, verdict, values.Owner, ct)] }) { Forbidden = true }, null);
        var activity = Activity.Create(values, by, now);
        return (ActivitySaveResult.Ok(activity.Id), activity);
    }

    /// <summary>
    /// Updates when <paramref name="version"/> is still current; otherwise nothing is written and the answer lists the
    /// changes made since <paramref name="version"/> (409).
    /// </summary>
    public async Task<ActivitySaveResult> UpdateAsync(Guid id, int version, ActivityInput input, Viewer by, CancellationToken ct)
    {
        var activity = await Load(by).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (activity is null) return await NotFoundAsync(id, WriteAction.Edit, by, ct);
        var before = WriteRule.Target.Of(activity);
        if (WriteRule.Check(by, WriteAction.Edit, before) == WriteRule.Verdict.NotYours)
            return await RefuseAsync(id, WriteAction.Edit, WriteRule.Verdict.NotYours, activity.OwnerCode, by, ct);
        if (activity.Version != version) return await StaleAsync(activity, version, ct);
        if (await ValidateAsync(input, activity.OwnerCode, by, ct) is { Count: > 0 } invalid) return new(null, invalid);
        var values = Values(input, input.ParsedOwner ?? activity.OwnerCode);
        if (activity.Documents.Count > 0)
        {
            // Links to documents this writer may not read were never shown to them: they stay as they are.
            var readable = (await library.FindAsync(activity.Documents, by, ct)).Select(d => d.Id).ToHashSet();
            var kept = activity.Documents.Select((d, i) => (Id: d, Role: activity.RoleOf(i)))
                .Where(l => !readable.Contains(l.Id) && !values.Documents.Contains(l.Id)).ToList();
            if (kept.Count > 0)
                values = values with { Documents = [.. values.Documents, .. kept.Select(l => l.Id)], DocumentRoles = [.. values.DocumentRoles, .. kept.Select(l => l.Role)] };
        }
        var verdict = WriteRule.CheckChange(by, WriteAction.Edit, before, Activity.Proposed(values));
        if (verdict != WriteRule.Verdict.Allowed) return await RefuseAsync(id, WriteAction.Edit, verdict, values.Owner, by, ct);
        var old = Snapshot(activity);
        var now = clock.GetUtcNow();
        activity.Update(values, now);
        var snapshot = Snapshot(activity);
        if (Diff(old, snapshot).Count == 0) return ActivitySaveResult.Ok(id);   // nothing changed: no new version
        // The audit interceptor bumps the version by one in this save; the revision carries the new number.
        db.Set<ActivityRevision>().Add(ActivityRevision.Of(id, version + 1, now, by, Serialize(snapshot)));
        try
        {
            await db.SaveChangesAsync(ct);
            return ActivitySaveResult.Ok(id);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || IsDuplicateRevision(e))
        {
            // Another save won between our read and our write: nothing of ours is stored.
            db.ChangeTracker.Clear();
            var current = await Load(by).AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
            return current is null ? ActivitySaveResult.Missing() : await StaleAsync(current, version, ct);
        }
    }

    private static bool IsDuplicateRevision(DbUpdateException e) =>
        e.InnerException?.Message is { } m && (m.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) || m.Contains("duplicate key", StringComparison.OrdinalIgnoreCase));

    private IQueryable<Activity> Load(Viewer by) =>
        db.Set<Activity>().VisibleTo(by).Include(a => a.Texts).Include(a => a.ParticipantsByState).Include(a => a.BudgetLines)
            .Include(a => a.CoverageKeys).AsSplitQuery();

    /// <summary>The conflict answer: what changed from <paramref name="version"/> (the writer's) to the stored version.</summary>
    private async Task<ActivitySaveResult> StaleAsync(Activity current, int version, CancellationToken ct)
    {
        var theirs = await db.Set<ActivityRevision>().AsNoTracking().Where(r => r.ActivityId == current.Id && r.Version == version)
            .Select(r => r.Snapshot).FirstOrDefaultAsync(ct);
        var changes = Diff(theirs is null ? [] : Deserialize(theirs), Snapshot(current));
        return new ActivitySaveResult(current.Id, ActivitySaveResult.None) { Conflict = true, TheirChanges = changes, CurrentVersion = current.Version };
    }

    private async Task<ActivitySaveResult> NotFoundAsync(Guid id, WriteAction action, Viewer by, CancellationToken ct)
    {
        if (await db.AllRecords<Activity>("audit a write attempt on an activity the writer cannot see").AnyAsync(a => a.Id == id, ct))
            await refusals.RecordAsync(by, nameof(Activity), id.ToString(), action, "Invisible", ct);
        return ActivitySaveResult.Missing();
    }

    private async Task<ActivitySaveResult> RefuseAsync(Guid? id, WriteAction action, WriteRule.Verdict verdict, string owner, Viewer by, CancellationToken ct)
    {
        await refusals.RecordAsync(by, nameof(Activity), id?.ToString() ?? "", action, $"{verdict} (owner {owner})", ct);
        return new ActivitySaveResult(id, new Dictionary<string, string[]> { [""] = [await RefusalAsync(action, verdict, owner, ct)] }) { Forbidden = true };
    }

    /// <summary>Why the write is refused, naming the owner as readers know it.</summary>
    internal async Task<string> RefusalAsync(WriteAction action, WriteRule.Verdict verdict, string owner, CancellationToken ct)
    {
        if (verdict == WriteRule.Verdict.OwnerLosesAccess) return Format(Text.WriteOwnerLosesAccess, owner);
        if (action == WriteAction.Delete) return Text.WriteRefusedDelete;
        var name = (await reference.NamesAsync(CultureInfo.CurrentUICulture, ct)).Structure(owner);
        var named = name == owner ? owner : $"{name} ({owner})";
        return Format(action == WriteAction.Create ? Text.WriteRefusedCreate : Text.WriteRefused, named);
    }

    /// <summary>
    /// Every problem of the input at once, by field: its own rules, then the codes against the reference data, the
    /// linked documents against what the writer may read in the library, and the owner (<paramref name="currentOwner"/>
    /// on an edit; on a create, the writer's only structure when none is named).
    /// </summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(ActivityInput input, string? currentOwner, Viewer by, CancellationToken ct)
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

        // The field's label is read (a resource look-up, under the resource manager's lock) only for a message.
        async Task Check(string field, Func<string> label, IEnumerable<string> values, params ReferenceKind[] kinds)
        {
            var list = values.ToList();
            if (!Clean(field) || list.Count == 0) return;
            if (await codes.UnknownAsync(list, ct, kinds) is [var first, ..]) Add(field, Format(Text.ActivitiesUnknownCode, first, label()));
        }
        await Check(nameof(ActivityInput.CoOrganisers), static () => Text.ActivitiesCoOrganisers, ActivityInput.Codes(input.CoOrganisers), ReferenceKind.ExecutiveStructure);
        await Check(nameof(ActivityInput.Priorities), static () => Text.ActivitiesPriorities, ActivityInput.Codes(input.Priorities, upper: false), ReferenceKind.ThematicPriority);
        await Check(nameof(ActivityInput.SubAreas), static () => Text.ActivitiesSubAreas, ActivityInput.Codes(input.SubAreas, upper: false), ReferenceKind.ThematicSubArea);
        await Check(nameof(ActivityInput.LinesOfAction), static () => Text.ActivitiesLinesOfAction, ActivityInput.Codes(input.LinesOfAction, upper: false), ReferenceKind.LineOfAction);
        await Check(nameof(ActivityInput.States), static () => Text.ActivitiesStates, ActivityInput.Codes(input.States), ReferenceKind.State);
        await Check(nameof(ActivityInput.Partners), static () => Text.ActivitiesPartners, ActivityInput.Codes(input.Partners), ReferenceKind.PartnerOrganisation);
        await Check(nameof(ActivityInput.LocationState), static () => Text.ActivitiesLocationState, ActivityInput.Codes([input.LocationState]), ReferenceKind.State);
        var i = 0;
        foreach (var p in input.GivenParticipation)
        {
            var field = $"{nameof(ActivityInput.ParticipantsByState)}[{i++}].State";
            await Check(field, static () => Text.ActivitiesStates, ActivityInput.Codes([p.State]), ReferenceKind.State);
        }
        if (Clean(nameof(ActivityInput.AllowedParties)) && input.Access == AccessLevel.Restricted
            && await codes.UnknownPartiesAsync(input.ParsedParties, ct) is [var party, ..])
            Add(nameof(ActivityInput.AllowedParties), Format(Text.ActivitiesUnknownCode, party, Text.ActivitiesAllowedParties));
        if (input.Documents is { Length: > 0 } documents)
        {
            var wanted = documents.Distinct().ToList();
            var found = (await library.FindAsync(wanted, by, ct)).Select(d => d.Id).ToHashSet();
            if (wanted.FirstOrDefault(d => !found.Contains(d)) is var missing && missing != Guid.Empty)
                Add(nameof(ActivityInput.Documents), Format(Text.ActivitiesDocumentUnknown, missing.ToString()));
            else if (wanted.Contains(Guid.Empty))
                Add(nameof(ActivityInput.Documents), Format(Text.ActivitiesDocumentUnknown, Guid.Empty.ToString()));
        }
        if (input.DocumentRoles is { Length: > 0 } roles && (roles.Length > (input.Documents?.Length ?? 0) || roles.Any(r => !Enum.IsDefined(r))))
            Add(nameof(ActivityInput.DocumentRoles), Text.ActivitiesDocumentRolesBad);
        if (Clean(nameof(ActivityInput.Owner)))
        {
            var owner = input.ParsedOwner ?? currentOwner ?? WriteRule.DefaultOwner(by);
            if (owner is null) Add(nameof(ActivityInput.Owner), Text.WriteOwnerRequired);
            else if ((await codes.UnknownAsync([owner], ct, ReferenceKind.ExecutiveStructure)).Count > 0)
                Add(nameof(ActivityInput.Owner), Format(Text.ActivitiesUnknownCode, owner, Text.ActivitiesOwner));
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The checked input as the entity takes it.</summary>
    internal static ActivityValues Values(ActivityInput input, string owner)
    {
        static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var language = input.ParsedLanguage;
        return new ActivityValues
        {
            Language = language,
            Texts =
            [
                new(language, input.Title.Trim(), Clean(input.Description), Clean(input.Outcomes)),
                .. input.GivenTranslations.Select(t => new ActivityTextValues(t.Language!.Trim().ToLowerInvariant(), t.Title!.Trim(), Clean(t.Description), Clean(t.Outcomes))),
            ],
            Owner = owner,
            CoOrganisers = [.. ActivityInput.Codes(input.CoOrganisers).Where(c => c != owner)],
            Type = input.Type,
            Status = input.Status,
            Priorities = ActivityInput.Codes(input.Priorities, upper: false),
            SubAreas = ActivityInput.Codes(input.SubAreas, upper: false),
            LinesOfAction = ActivityInput.Codes(input.LinesOfAction, upper: false),
            States = ActivityInput.Codes(input.States),
            Agencies = [.. (input.Agencies ?? []).Distinct()],
            Partners = ActivityInput.Codes(input.Partners),
            Location = Clean(input.Location),
            LocationState = Clean(input.LocationState)?.ToUpperInvariant(),
            StartsOn = input.StartsOn!.Value,
            EndsOn = input.EndsOn ?? input.StartsOn!.Value,
            ParticipantsTotal = input.ParticipantsTotal,
            ParticipantsWomen = input.ParticipantsWomen,
            ParticipantsMen = input.ParticipantsMen,
            ParticipantsByState = [.. input.GivenParticipation.Select(p => new StateParticipation(p.State!.Trim().ToUpperInvariant(), p.Count!.Value))],
            BudgetLines = [.. input.GivenBudget.Select(b => new BudgetLine(b.Amount!.Value, b.Currency!.Trim().ToUpperInvariant(), b.Funding,
                b.Funding == FundingSource.ExtraBudgetary ? Clean(b.Donor) : null))],
            Documents = [.. Linked(input).Select(l => l.Id)],
            DocumentRoles = [.. Linked(input).Select(l => l.Role)],
            Access = input.Access,
            AllowedParties = input.Access == AccessLevel.Restricted ? [.. input.ParsedParties] : [],
        };
    }

    /// <summary>The linked documents of the input, each once (its first role), with its role (Other where none is given).</summary>
    internal static List<(Guid Id, DocumentRole Role)> Linked(ActivityInput input)
    {
        var roles = input.DocumentRoles ?? [];
        return [.. (input.Documents ?? []).Select((id, i) => (id, i < roles.Length ? roles[i] : DocumentRole.Other)).DistinctBy(l => l.id)];
    }

    /// <summary>An activity's fields as text, by the name of the <see cref="ActivityInput"/> field they come from.</summary>
    internal static Dictionary<string, string?> Snapshot(Activity a)
    {
        static string? List<T>(IEnumerable<T> values) => string.Join(", ", values) is { Length: > 0 } s ? s : null;
        static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);
        var original = a.Texts.FirstOrDefault(t => t.Language == a.Language);
        var snapshot = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [nameof(ActivityInput.Language)] = a.Language,
            [nameof(ActivityInput.Title)] = original?.Title ?? a.Title,
            [nameof(ActivityInput.Description)] = original?.Description,
            [nameof(ActivityInput.Outcomes)] = original?.Outcomes,
            [nameof(ActivityInput.Owner)] = a.OwnerCode,
            [nameof(ActivityInput.CoOrganisers)] = List(a.CoOrganisers),
            [nameof(ActivityInput.Type)] = a.Type.ToString(),
            [nameof(ActivityInput.Status)] = a.Status.ToString(),
            [nameof(ActivityInput.Priorities)] = List(a.Priorities),
            [nameof(ActivityInput.SubAreas)] = List(a.SubAreas),
            [nameof(ActivityInput.LinesOfAction)] = List(a.LinesOfAction),
            [nameof(ActivityInput.States)] = List(a.States),
            [nameof(ActivityInput.Agencies)] = List(a.Agencies),
            [nameof(ActivityInput.Partners)] = List(a.Partners),
            [nameof(ActivityInput.Location)] = a.Location,
            [nameof(ActivityInput.LocationState)] = a.LocationState,
            [nameof(ActivityInput.StartsOn)] = a.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [nameof(ActivityInput.EndsOn)] = a.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [nameof(ActivityInput.ParticipantsTotal)] = Number(a.ParticipantsTotal),
            [nameof(ActivityInput.ParticipantsWomen)] = Number(a.ParticipantsWomen),
            [nameof(ActivityInput.ParticipantsMen)] = Number(a.ParticipantsMen),
            [nameof(ActivityInput.ParticipantsByState)] = List(a.ParticipantsByState.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.StateCode} {p.Count}"))),
            [nameof(ActivityInput.BudgetLines)] = List(a.BudgetLines.Select(b => string.Create(CultureInfo.InvariantCulture,
                $"{b.Amount:0.####} {b.Currency} {b.Funding}{(b.Donor is null ? "" : " (" + b.Donor + ")")}"))),
            [nameof(ActivityInput.Documents)] = List(a.Documents.Select((d, i) => $"{d} ({a.RoleOf(i)})")),
            [nameof(ActivityInput.Access)] = a.Access.ToString(),
            [nameof(ActivityInput.AllowedParties)] = List(a.AllowedParties.Select(p => p.ToString()).Order(StringComparer.Ordinal)),
        };
        foreach (var t in a.Texts.Where(t => t.Language != a.Language).OrderBy(t => t.Language, StringComparer.Ordinal))
        {
            snapshot[$"{nameof(ActivityInput.Title)}:{t.Language}"] = t.Title;
            snapshot[$"{nameof(ActivityInput.Description)}:{t.Language}"] = t.Description;
            snapshot[$"{nameof(ActivityInput.Outcomes)}:{t.Language}"] = t.Outcomes;
        }
        return snapshot;
    }

    /// <summary>The fields that differ from <paramref name="before"/> to <paramref name="after"/>, in the order of <paramref name="after"/>.</summary>
    internal static List<FieldChange> Diff(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after) =>
    [
        .. after.Where(kv => (before.TryGetValue(kv.Key, out var old) ? old : null) != kv.Value)
            .Select(kv => new FieldChange(kv.Key, before.TryGetValue(kv.Key, out var old) ? old : null, kv.Value)),
        .. before.Where(kv => !after.ContainsKey(kv.Key) && kv.Value is not null).Select(kv => new FieldChange(kv.Key, kv.Value, null)),
    ];

    internal static string Serialize(Dictionary<string, string?> snapshot) => JsonSerializer.Serialize(snapshot);

    internal static Dictionary<string, string?> Deserialize(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? [];

    private static string Format(string template, params object[] values) => string.Format(CultureInfo.CurrentCulture, template, values);
}
