using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Library.Contracts;

namespace Polis.Activities;

/// <summary>An activity's text in one language.</summary>
public sealed record ActivityTextView(string Language, string Title, string? Description, string? Outcomes);
public sealed record ParticipationView(string State, int Count);
public sealed record BudgetLineView(decimal Amount, string Currency, FundingSource Funding, string? Donor);
/// <summary>A linked library document as the reader may see it, with the part it plays (agenda, report, curriculum).</summary>
public sealed record LinkedDocumentView(Guid Id, DocumentRole Role, string Title, string? Symbol, string Type, DateOnly? PublishedOn, string Link);

/// <summary>Everything the activity page and GET /api/v1/activities/{id} show.</summary>
public sealed record ActivityView(
    Guid Id, string Language, string Title, string? Description, string? Outcomes, IReadOnlyList<ActivityTextView> Translations,
    string Owner, IReadOnlyList<string> CoOrganisers, ActivityType Type, ActivityStatus Status,
    IReadOnlyList<string> Priorities, IReadOnlyList<string> SubAreas, IReadOnlyList<string> LinesOfAction,
    IReadOnlyList<string> States, IReadOnlyList<Agency> Agencies, IReadOnlyList<string> Partners,
    string? Location, string? LocationState, DateOnly StartsOn, DateOnly EndsOn,
    int? ParticipantsTotal, int? ParticipantsWomen, int? ParticipantsMen, IReadOnlyList<ParticipationView> ParticipantsByState,
    IReadOnlyList<BudgetLineView> BudgetLines, IReadOnlyList<LinkedDocumentView> Documents,
    AccessLevel Access, IReadOnlyList<string> AllowedParties, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// Only in the answer to a save (POST, PUT): the possibly overlapping activities of other structures or partners
    /// that the writer may see, each scored and explained (the same as GET /api/v1/activities/{id}/overlaps); absent elsewhere.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<global::Polis.Activities.Overlaps.OverlapWarning>? Overlaps { get; init; }

    /// <summary>The text in <paramref name="language"/>: a translation, else the original.</summary>
    public ActivityTextView TextIn(string language) =>
        Translations.FirstOrDefault(t => t.Language == language) ?? new ActivityTextView(Language, Title, Description, Outcomes);

    /// <summary>The activity as the write rule sees it (a method, so the API's JSON does not carry it).</summary>
    public WriteRule.Target WriteTarget() => new(Owner, null, Access, [.. AllowedParties.Select(AccessGrant.Parse).OfType<AccessGrant>()]);

    /// <summary>The input that would save the activity as it is (the edit form starts from it).</summary>
    public ActivityInput ToInput() => new()
    {
        Language = Language,
        Title = Title,
        Description = Description,
        Outcomes = Outcomes,
        Translations = [.. Translations.Select(t => new ActivityTranslationInput { Language = t.Language, Title = t.Title, Description = t.Description, Outcomes = t.Outcomes })],
        Owner = Owner,
        CoOrganisers = [.. CoOrganisers],
        Type = Type,
        Status = Status,
        Priorities = [.. Priorities],
        SubAreas = [.. SubAreas],
        LinesOfAction = [.. LinesOfAction],
        States = [.. States],
        Agencies = [.. Agencies],
        Partners = [.. Partners],
        Location = Location,
        LocationState = LocationState,
        StartsOn = StartsOn,
        EndsOn = EndsOn,
        ParticipantsTotal = ParticipantsTotal,
        ParticipantsWomen = ParticipantsWomen,
        ParticipantsMen = ParticipantsMen,
        ParticipantsByState = [.. ParticipantsByState.Select(p => new ParticipationInput { State = p.State, Count = p.Count })],
        BudgetLines = [.. BudgetLines.Select(b => new BudgetLineInput { Amount = b.Amount, Currency = b.Currency, Funding = b.Funding, Donor = b.Donor })],
        Documents = [.. Documents.Select(d => d.Id)],
        DocumentRoles = [.. Documents.Select(d => d.Role)],
        Access = Access,
        AllowedParties = [.. AllowedParties],
    };
}

/// <summary>A line of the activity list.</summary>
public sealed record ActivitySummary(Guid Id, string Title, string Language, string Owner, ActivityType Type, ActivityStatus Status,
    DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<string> States, IReadOnlyList<string> Priorities, int? ParticipantsTotal, string? Location, AccessLevel Access);

/// <summary>The filters of the activity list (page and API). Each is optional; codes as in the reference data.</summary>
public sealed record ActivityFilter
{
    /// <summary>Activities that run during this year (start on or before its end, end on or after its start).</summary>
    public int? Year { get; init; }
    /// <summary>Owned or co-organised by this executive structure.</summary>
    public string? Structure { get; init; }
    /// <summary>For this beneficiary State.</summary>
    public string? State { get; init; }
    public string? Priority { get; init; }
    public string? LineOfAction { get; init; }
    public ActivityType? Type { get; init; }
    public ActivityStatus? Status { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

/// <summary>One page of the activity list, with the total the viewer may see.</summary>
public sealed record ActivityPage(IReadOnlyList<ActivitySummary> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A saved version of an activity in the history: who, when, and what changed from the version before.</summary>
public sealed record ActivityHistoryEntry(int Version, DateTimeOffset At, string Actor, IReadOnlyList<FieldChange> Changes);

/// <summary>Reads activities through the access rule: what the viewer may not see does not exist.</summary>
public sealed class ActivityQueries(PolisDb db, ILibraryCatalogue library)
{
    public const int MaxPageSize = 100;

    public async Task<ActivityView?> GetAsync(Guid id, Viewer viewer, CancellationToken ct)
    {
        var a = await db.Set<Activity>().AsNoTracking().VisibleTo(viewer).Include(x => x.Texts).Include(x => x.ParticipantsByState)
            .Include(x => x.BudgetLines).AsSplitQuery().SingleOrDefaultAsync(x => x.Id == id, ct);
        return a is null ? null : View(a, await library.FindAsync(a.Documents, viewer, ct));
    }

    /// <summary>The activities the viewer may see that pass the filter, latest start first.</summary>
    public async Task<ActivityPage> ListAsync(ActivityFilter filter, Viewer viewer, CancellationToken ct)
    {
        var size = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, filter.Page);
        var query = Filtered(db.Set<Activity>().AsNoTracking().VisibleTo(viewer), filter);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.StartsOn).ThenBy(a => a.Id).Skip((page - 1) * size).Take(size)
            .Select(a => new ActivitySummary(a.Id, a.Title, a.Language, a.OwnerCode, a.Type, a.Status, a.StartsOn, a.EndsOn, a.States,
                a.Priorities, a.ParticipantsTotal, a.Location, a.Access))
            .ToListAsync(ct);
        return new ActivityPage(rows, total, page, size);
    }

    /// <summary>Every activity the viewer may see that passes the filter (paging ignored), oldest start first, read in batches (CSV and XLSX export).</summary>
    public async IAsyncEnumerable<ActivityView> StreamAsync(ActivityFilter filter, Viewer viewer, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var skip = 0;
        while (true)
        {
            var batch = await Filtered(db.Set<Activity>().AsNoTracking().VisibleTo(viewer), filter).OrderBy(a => a.StartsOn).ThenBy(a => a.Id)
                .Skip(skip).Take(500).Include(a => a.Texts).Include(a => a.ParticipantsByState).Include(a => a.BudgetLines).AsSplitQuery().ToListAsync(ct);
            foreach (var a in batch) yield return View(a, []);
            if (batch.Count < 500) yield break;
            skip += batch.Count;
        }
    }

    private static ActivityView View(Activity a, IReadOnlyList<LibraryDocumentSummary> found)
    {
        var original = a.Texts.FirstOrDefault(t => t.Language == a.Language);
        IRestricted restricted = a;
        // Only the documents the library shows this reader, in the activity's order, each with its role.
        var byId = found.ToDictionary(d => d.Id);
        List<LinkedDocumentView> documents = [.. a.Documents.Select((id, i) => (id, i)).Where(x => byId.ContainsKey(x.id))
            .Select(x => byId[x.id] is var d ? new LinkedDocumentView(d.Id, a.RoleOf(x.i), d.Title, d.Symbol, d.Type, d.PublishedOn, d.Link) : null!)];
        return new ActivityView(a.Id, a.Language, original?.Title ?? a.Title, original?.Description, original?.Outcomes,
            [.. a.Texts.Where(t => t.Language != a.Language).OrderBy(t => t.Language, StringComparer.Ordinal)
                .Select(t => new ActivityTextView(t.Language, t.Title, t.Description, t.Outcomes))],
            a.OwnerCode, a.CoOrganisers, a.Type, a.Status, a.Priorities, a.SubAreas, a.LinesOfAction, a.States, a.Agencies, a.Partners,
            a.Location, a.LocationState, a.StartsOn, a.EndsOn, a.ParticipantsTotal, a.ParticipantsWomen, a.ParticipantsMen,
            [.. a.ParticipantsByState.Select(p => new ParticipationView(p.StateCode, p.Count))],
            [.. a.BudgetLines.Select(b => new BudgetLineView(b.Amount, b.Currency, b.Funding, b.Donor))],
            documents, a.Access, [.. restricted.AllowedParties.Select(p => p.ToString())], a.Version, a.CreatedAt, a.UpdatedAt);
    }

    /// <summary>The filter as a query (also for the CSV and XLSX export).</summary>
    internal static IQueryable<Activity> Filtered(IQueryable<Activity> query, ActivityFilter filter)
    {
        if (filter.Year is { } year)
        {
            var first = new DateOnly(Math.Clamp(year, 1, 9999), 1, 1);
            var last = new DateOnly(Math.Clamp(year, 1, 9999), 12, 31);
            query = query.Where(a => a.StartsOn <= last && a.EndsOn >= first);
        }
        if (Code(filter.Structure) is { } structure)
            query = query.Where(a => a.OwnerCode == structure || a.CoOrganisers.Contains(structure));
        if (Code(filter.State) is { } state) query = query.Where(a => a.States.Contains(state));
        if (Text(filter.Priority) is { } priority) query = query.Where(a => a.Priorities.Contains(priority));
        if (Text(filter.LineOfAction) is { } line) query = query.Where(a => a.LinesOfAction.Contains(line));
        if (filter.Type is { } type) query = query.Where(a => a.Type == type);
        if (filter.Status is { } status) query = query.Where(a => a.Status == status);
        return query;
    }

    private static string? Code(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().ToUpperInvariant();
    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Every saved version, newest first, each with what changed from the one before; null when the viewer may not see the activity.</summary>
    public async Task<IReadOnlyList<ActivityHistoryEntry>?> HistoryAsync(Guid id, Viewer viewer, CancellationToken ct)
    {
        if (!await db.Set<Activity>().VisibleTo(viewer).AnyAsync(a => a.Id == id, ct)) return null;
        var revisions = await db.Set<ActivityRevision>().AsNoTracking().Where(r => r.ActivityId == id).OrderBy(r => r.Version).ToListAsync(ct);
        var entries = new List<ActivityHistoryEntry>();
        Dictionary<string, string?> previous = [];
        foreach (var r in revisions)
        {
            var snapshot = SaveActivity.Deserialize(r.Snapshot);
            entries.Add(new ActivityHistoryEntry(r.Version, r.At, r.Actor, SaveActivity.Diff(previous, snapshot)));
            previous = snapshot;
        }
        entries.Reverse();
        return entries;
    }
}
