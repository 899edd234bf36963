using Polis.Accounts.Contracts;
using Polis.Data;

namespace Polis.Activities;

/// <summary>What kind of activity it is (the list; codes are stable, names are in strings.tsv).</summary>
public enum ActivityType
{
    TrainingCourse, TrainingOfTrainers, Workshop, Conference, NeedsAssessment, Advisory, StudyVisit, Exercise,
    EquipmentDonation, GuidelineDevelopment, Evaluation,
}

/// <summary>Where an activity is in its life.</summary>
public enum ActivityStatus { Planned, Ongoing, Completed, Cancelled, Postponed }

/// <summary>The part a linked library document plays for an activity.</summary>
public enum DocumentRole { Agenda, Report, Curriculum, Other }

/// <summary>The beneficiary agencies of a participating State.</summary>
public enum Agency { Police, Prosecution, Judiciary, Border, Customs, CivilSociety }

/// <summary>Where the money of a budget line comes from: the unified budget, or an extra-budgetary donor.</summary>
public enum FundingSource { UnifiedBudget, ExtraBudgetary }

/// <summary>
/// A police-related activity of an executive structure (a course, a workshop, a needs assessment …): who runs it,
/// for whom, on what, when, with how many participants and how much money. Its title, description and outcomes are
/// in one or more languages (<see cref="ActivityText"/>, one per language, like the library's editions); the record's
/// own <see cref="Title"/> is the title in its original <see cref="Language"/>.
/// Read by the access rule (<see cref="IRestricted"/>), written through the write rule (<see cref="IOwned"/>),
/// every change audited and versioned; each saved version is kept as an <see cref="ActivityRevision"/>.
/// </summary>
public sealed class Activity : IOwned, IAudited, IVersioned
{
    private Activity() { }

    public Guid Id { get; private init; }
    /// <summary>ISO 639-1 code of the language the activity was first described in.</summary>
    public string Language { get; private set; } = "";
    /// <summary>The title in <see cref="Language"/> (the same as that language's <see cref="ActivityText"/>).</summary>
    public string Title { get; private set; } = "";
    /// <summary>Title, description and outcomes per language: the original and its linked translations.</summary>
    public List<ActivityText> Texts { get; private set; } = [];
    /// <summary>The executive structure that runs the activity; its editors may change it (the write rule).</summary>
    public string OwnerCode { get; private set; } = "";
    /// <summary>Executive structures that organise it with the owner.</summary>
    public List<string> CoOrganisers { get; private set; } = [];
    public ActivityType Type { get; private set; }
    public ActivityStatus Status { get; private set; }
    /// <summary>Thematic priority codes (reference data).</summary>
    public List<string> Priorities { get; private set; } = [];
    public List<string> SubAreas { get; private set; } = [];
    public List<string> LinesOfAction { get; private set; } = [];
    /// <summary>Beneficiary participating States (ISO 3166-1 alpha-2).</summary>
    public List<string> States { get; private set; } = [];
    /// <summary>Beneficiary agencies.</summary>
    public List<Agency> Agencies { get; private set; } = [];
    /// <summary>Partner organisation codes (UNODC, INTERPOL …).</summary>
    public List<string> Partners { get; private set; } = [];
    /// <summary>Where it takes place (a city, "online").</summary>
    public string? Location { get; private set; }
    /// <summary>The State where it takes place, when it is one place.</summary>
    public string? LocationState { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public int? ParticipantsTotal { get; private set; }
    public int? ParticipantsWomen { get; private set; }
    public int? ParticipantsMen { get; private set; }
    /// <summary>Participants by the State they come from.</summary>
    public List<StateParticipation> ParticipantsByState { get; private set; } = [];
    public List<BudgetLine> BudgetLines { get; private set; } = [];
    /// <summary>Ids of linked library documents (agenda, report, curriculum), resolved through the library's contract.</summary>
    public List<Guid> Documents { get; private set; } = [];
    /// <summary>The role of each of <see cref="Documents"/>, in the same order (<see cref="DocumentRole.Other"/> where missing).</summary>
    public List<DocumentRole> DocumentRoles { get; private set; } = [];
    /// <summary>
    /// The activity unnested by State and thematic priority (<see cref="ActivityCoverageKey"/>): derived from the fields
    /// above by every change, saved with them in the same transaction; read by the overlap check and the coverage matrix.
    /// </summary>
    internal List<ActivityCoverageKey> CoverageKeys { get; private set; } = [];

    /// <summary>The role of the <paramref name="index"/>-th linked document.</summary>
    public DocumentRole RoleOf(int index) => index < DocumentRoles.Count ? DocumentRoles[index] : DocumentRole.Other;
    public AccessLevel Access { get; private set; }
    public List<AccessGrant> AllowedParties { get; private set; } = [];
    IReadOnlyCollection<AccessGrant> IRestricted.AllowedParties => AllowedParties;
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public Guid? CreatedBy { get; private init; }

    /// <summary>The text in <paramref name="language"/>, else in the original language.</summary>
    public ActivityText? TextIn(string language) =>
        Texts.FirstOrDefault(t => t.Language == language) ?? Texts.FirstOrDefault(t => t.Language == Language);

    /// <summary>A new activity from checked values.</summary>
    public static Activity Create(ActivityValues values, Viewer by, DateTimeOffset now)
    {
        var activity = new Activity { Id = Guid.CreateVersion7(now), CreatedAt = now, CreatedBy = by.UserId };
        activity.Apply(values, now);
        return activity;
    }

    public void Update(ActivityValues values, DateTimeOffset now) => Apply(values, now);

    /// <summary>The record as <paramref name="values"/> would leave it, for the write rule (nothing changes).</summary>
    public static WriteRule.Target Proposed(ActivityValues values) =>
        new(values.Owner, null, values.Access, values.Access == AccessLevel.Restricted ? [.. values.AllowedParties] : []);

    private void Apply(ActivityValues v, DateTimeOffset now)
    {
        Language = v.Language;
        OwnerCode = v.Owner;
        CoOrganisers = [.. v.CoOrganisers];
        Type = v.Type;
        Status = v.Status;
        Priorities = [.. v.Priorities];
        SubAreas = [.. v.SubAreas];
        LinesOfAction = [.. v.LinesOfAction];
        States = [.. v.States];
        Agencies = [.. v.Agencies];
        Partners = [.. v.Partners];
        Location = v.Location;
        LocationState = v.LocationState;
        StartsOn = v.StartsOn;
        EndsOn = v.EndsOn;
        ParticipantsTotal = v.ParticipantsTotal;
        ParticipantsWomen = v.ParticipantsWomen;
        ParticipantsMen = v.ParticipantsMen;
        Documents = [.. v.Documents];
        DocumentRoles = [.. v.Documents.Select((_, i) => i < v.DocumentRoles.Count ? v.DocumentRoles[i] : DocumentRole.Other)];
        Access = v.Access;
        AllowedParties = v.Access == AccessLevel.Restricted ? [.. v.AllowedParties] : [];
        // Parts are changed in place, so that an unchanged line is no audited change.
        SyncParticipation(v.ParticipantsByState);
        SyncBudget(v.BudgetLines);
        SyncTexts(v.Texts, now);
        Title = Texts.First(t => t.Language == Language).Title;
        UpdatedAt = now;
        SyncCoverageKeys();
    }

    /// <summary>
    /// Keeps <see cref="CoverageKeys"/> equal to what the fields make (changed in place: an unchanged key is no write).
    /// An edit must have loaded them (SaveActivity does); a missing load fails the save on the primary key, never silently.
    /// </summary>
    private void SyncCoverageKeys()
    {
        var wanted = ActivityCoverageKey.KeysOf(States, Priorities);
        CoverageKeys.RemoveAll(k => !wanted.Contains((k.State, k.Priority)));
        foreach (var key in CoverageKeys)
        {
            key.Describe(this);
            wanted.Remove((key.State, key.Priority));
        }
        foreach (var (state, priority) in wanted)
        {
            CoverageKeys.Add(ActivityCoverageKey.Of(this, state, priority));
        }
    }

    private void SyncTexts(IReadOnlyList<ActivityTextValues> texts, DateTimeOffset now)
    {
        Texts.RemoveAll(t => texts.All(n => n.Language != t.Language));
        foreach (var n in texts)
        {
            if (Texts.FirstOrDefault(t => t.Language == n.Language) is { } existing)
            {
                if (existing.Title != n.Title || existing.Description != n.Description || existing.Outcomes != n.Outcomes)
                    existing.Describe(n.Title, n.Description, n.Outcomes);
            }
            else
            {
                Texts.Add(ActivityText.Create(Id, n.Language, n.Title, n.Description, n.Outcomes, now));
            }
        }
    }

    private void SyncParticipation(IReadOnlyList<StateParticipation> lines)
    {
        if (ParticipantsByState.Select(p => (p.StateCode, p.Count)).SequenceEqual(lines.Select(p => (p.StateCode, p.Count)))) return;
        ParticipantsByState = [.. lines.Select(p => new StateParticipation(p.StateCode, p.Count))];
    }

    private void SyncBudget(IReadOnlyList<BudgetLine> lines)
    {
        if (BudgetLines.Select(b => (b.Amount, b.Currency, b.Funding, b.Donor)).SequenceEqual(lines.Select(b => (b.Amount, b.Currency, b.Funding, b.Donor)))) return;
        BudgetLines = [.. lines.Select(b => new BudgetLine(b.Amount, b.Currency, b.Funding, b.Donor))];
    }
}

/// <summary>
/// One row of the activity registry's side table: an activity × one beneficiary State × one thematic priority, with
/// what the overlap check's blocking key (State, priority, start date) and the coverage matrix (year, participants,
/// women) read. The row and column totals of the matrix count each activity once: a State × priority row also counts in
/// its State's total when its priority is the activity's first (<see cref="InStateTotal"/>) and in its priority's total
/// when its State is the activity's first (<see cref="InPriorityTotal"/>), so an activity has a row per pair and one
/// ("", "") row, and a row per State with an empty <see cref="Priority"/> only when it has no priority (a row per
/// priority with an empty <see cref="State"/> only when it has no State). The counts of each row in every cell it counts
/// in are the view <see cref="ActivityCoverageCount"/>. Derived from the <see cref="Activity"/> by every change to it
/// (never written on its own, so not audited on its own), deleted with it. Not restricted itself: every read joins it to
/// the access-filtered activity set (<see cref="ActivityCoverageKeys.Visible"/>), so the access rule applies exactly as
/// to activities.
/// </summary>
public sealed class ActivityCoverageKey
{
    private ActivityCoverageKey() { }

    public Guid ActivityId { get; private init; }
    /// <summary>ISO 3166-1 alpha-2, or "" on the row of an activity without a State, or on its ("", "") row.</summary>
    public string State { get; private init; } = "";
    /// <summary>A thematic priority code, or "" on the row of an activity without a priority, or on its ("", "") row.</summary>
    public string Priority { get; private init; } = "";
    public DateOnly StartsOn { get; private set; }
    /// <summary>The year of <see cref="StartsOn"/> (the coverage filter).</summary>
    public int Year { get; private set; }
    /// <summary>The activity's participants (0 when not recorded), attributed whole to each of its cells.</summary>
    public int Participants { get; private set; }
    public int Women { get; private set; }
    /// <summary>
    /// The activity's access level: a key of an activity that is not <see cref="AccessLevel.Restricted"/> is counted in
    /// the pre-aggregated <see cref="ActivityCoverageCell"/> of its level (by the database's triggers on this table).
    /// </summary>
    public AccessLevel Access { get; private set; }
    /// <summary>A State × priority row whose priority is the activity's first: it also counts in the State's total (State, "").</summary>
    public bool InStateTotal { get; private set; }
    /// <summary>A State × priority row whose State is the activity's first: it also counts in the priority's total ("", priority).</summary>
    public bool InPriorityTotal { get; private set; }

    /// <summary>
    /// The (State, priority) pairs an activity has rows for: every State × every priority, ("", "") once (the activity
    /// itself: the trend and the total count it), each State with "" if it has no priority, "" with each priority if it
    /// has no State. The one rule in C#; the migration <c>CoverageKeyTotals</c> fills the rows of the activities stored
    /// before it with the same rule in SQL (<c>KeepingTheCoverageKeys</c> compares the two).
    /// </summary>
    internal static HashSet<(string State, string Priority)> KeysOf(IReadOnlyCollection<string> states, IReadOnlyCollection<string> priorities)
    {
        var keys = new HashSet<(string, string)> { ("", "") };
        foreach (var s in states)
        {
            if (priorities.Count == 0) keys.Add((s, ""));
            foreach (var p in priorities) keys.Add((s, p));
        }
        if (states.Count == 0)
            foreach (var p in priorities) keys.Add(("", p));
        return keys;
    }

    internal static ActivityCoverageKey Of(Activity a, string state, string priority)
    {
        var key = new ActivityCoverageKey { ActivityId = a.Id, State = state, Priority = priority };
        key.Describe(a);
        return key;
    }

    internal void Describe(Activity a)
    {
        if (StartsOn != a.StartsOn) StartsOn = a.StartsOn;
        if (Year != a.StartsOn.Year) Year = a.StartsOn.Year;
        if (Participants != (a.ParticipantsTotal ?? 0)) Participants = a.ParticipantsTotal ?? 0;
        if (Women != (a.ParticipantsWomen ?? 0)) Women = a.ParticipantsWomen ?? 0;
        if (Access != a.Access) Access = a.Access;
        var pair = State.Length > 0 && Priority.Length > 0;
        var inState = pair && string.Equals(Priority, a.Priorities[0], StringComparison.Ordinal);
        var inPriority = pair && string.Equals(State, a.States[0], StringComparison.Ordinal);
        if (InStateTotal != inState) InStateTotal = inState;
        if (InPriorityTotal != inPriority) InPriorityTotal = inPriority;
    }
}

/// <summary>
/// The view <c>act_coverage_count</c> (migration CoverageKeyTotals): each <see cref="ActivityCoverageKey"/> in each cell
/// of the coverage matrix it counts in: its own (State, priority), and its State's and its priority's totals when it
/// counts in them. Grouped by (State, priority) it is the matrix with its totals, each activity counted once per cell;
/// the triggers keep <see cref="ActivityCoverageCell"/> equal to its sums. Read only through
/// <see cref="ActivityCoverageKeys"/> (joined to the access-filtered activities).
/// </summary>
public sealed class ActivityCoverageCount
{
    private ActivityCoverageCount() { }

    public Guid ActivityId { get; private init; }
    public string State { get; private init; } = "";
    public string Priority { get; private init; } = "";
    public int Year { get; private init; }
    public int Participants { get; private init; }
    public int Women { get; private init; }
    public AccessLevel Access { get; private init; }
}

/// <summary>
/// The coverage matrix pre-aggregated: the sums of the <see cref="ActivityCoverageKey"/> rows of one year, State,
/// priority and access level (never <see cref="AccessLevel.Restricted"/>: a restricted activity's keys are counted
/// from the side table, each checked against its activity's grants by the access rule). Written only by the
/// database's triggers on <c>act_coverage_key</c>, in the transaction of the write to the keys (every save path:
/// the form, the API, the import, the generator, a cascade), never by the application; read by
/// <see cref="Coverage.CoverageQuery"/> for the levels the reader may read (<see cref="AccessRule.Allows(Viewer, AccessLevel, IEnumerable{AccessGrant})"/>).
/// A cell whose activities are all gone stays with zeros.
/// </summary>
public sealed class ActivityCoverageCell
{
    private ActivityCoverageCell() { }

    public int Year { get; private init; }
    /// <summary>As <see cref="ActivityCoverageKey.State"/> ("" on a priority's total and on the year's total).</summary>
    public string State { get; private init; } = "";
    /// <summary>As <see cref="ActivityCoverageKey.Priority"/> ("" on a State's total and on the year's total).</summary>
    public string Priority { get; private init; } = "";
    public AccessLevel Access { get; private init; }
    /// <summary>How many keys (so activities) the cell counts.</summary>
    public int Activities { get; private init; }
    public int Participants { get; private init; }
    public int Women { get; private init; }
}

/// <summary>An activity's title, description and outcomes in one language (the original or a linked translation).</summary>
public sealed class ActivityText : IAuditedPart
{
    private ActivityText() { }

    public Guid Id { get; private init; }
    public Guid ActivityId { get; private init; }
    /// <summary>ISO 639-1 code.</summary>
    public string Language { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    /// <summary>What the activity achieved (for completed activities and the annual report).</summary>
    public string? Outcomes { get; private set; }
    public DateTimeOffset CreatedAt { get; private init; }

    internal static ActivityText Create(Guid activityId, string language, string title, string? description, string? outcomes, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), ActivityId = activityId, Language = language, Title = title, Description = description, Outcomes = outcomes, CreatedAt = now };

    internal void Describe(string title, string? description, string? outcomes)
    {
        Title = title;
        Description = description;
        Outcomes = outcomes;
    }
}

/// <summary>How many participants came from one State.</summary>
public sealed class StateParticipation(string stateCode, int count)
{
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string StateCode { get; private init; } = stateCode;
    public int Count { get; private init; } = count;
}

/// <summary>
/// Money for an activity: an exact amount (<c>decimal</c>, never floating point) in an ISO 4217 currency, and where it
/// comes from (the unified budget, or an extra-budgetary contribution of a donor).
/// </summary>
public sealed class BudgetLine(decimal amount, string currency, FundingSource funding, string? donor)
{
    public decimal Amount { get; private init; } = amount;
    /// <summary>ISO 4217 alphabetic code (EUR, USD …).</summary>
    public string Currency { get; private init; } = currency;
    public FundingSource Funding { get; private init; } = funding;
    /// <summary>The donor of an extra-budgetary contribution (a State code, an organisation, as given).</summary>
    public string? Donor { get; private init; } = donor;
}

/// <summary>
/// One saved version of an activity, as JSON of its fields: the history page shows
/// each change field by field, and a stale save shows what the other person changed since the version it started from.
/// Read only through its (access-checked) activity.
/// </summary>
public sealed class ActivityRevision
{
    private ActivityRevision() { }

    public long Id { get; private init; }
    public Guid ActivityId { get; private init; }
    /// <summary>The activity's <see cref="IVersioned.Version"/> this revision shows.</summary>
    public int Version { get; private init; }
    public DateTimeOffset At { get; private init; }
    public Guid? UserId { get; private init; }
    public string Actor { get; private init; } = "";
    public string Snapshot { get; private init; } = "";

    internal static ActivityRevision Of(Guid activityId, int version, DateTimeOffset at, Viewer by, string snapshot) =>
        new() { ActivityId = activityId, Version = version, At = at, UserId = by.UserId, Actor = by.Name ?? "system", Snapshot = snapshot };
}

/// <summary>The values of an activity after validation (codes upper-cased, texts trimmed): what <see cref="Activity"/> is made from.</summary>
public sealed record ActivityValues
{
    public required string Language { get; init; }
    public required IReadOnlyList<ActivityTextValues> Texts { get; init; }
    public required string Owner { get; init; }
    public IReadOnlyList<string> CoOrganisers { get; init; } = [];
    public ActivityType Type { get; init; }
    public ActivityStatus Status { get; init; }
    public IReadOnlyList<string> Priorities { get; init; } = [];
    public IReadOnlyList<string> SubAreas { get; init; } = [];
    public IReadOnlyList<string> LinesOfAction { get; init; } = [];
    public IReadOnlyList<string> States { get; init; } = [];
    public IReadOnlyList<Agency> Agencies { get; init; } = [];
    public IReadOnlyList<string> Partners { get; init; } = [];
    public string? Location { get; init; }
    public string? LocationState { get; init; }
    public DateOnly StartsOn { get; init; }
    public DateOnly EndsOn { get; init; }
    public int? ParticipantsTotal { get; init; }
    public int? ParticipantsWomen { get; init; }
    public int? ParticipantsMen { get; init; }
    public IReadOnlyList<StateParticipation> ParticipantsByState { get; init; } = [];
    public IReadOnlyList<BudgetLine> BudgetLines { get; init; } = [];
    public IReadOnlyList<Guid> Documents { get; init; } = [];
    /// <summary>The role of each of <see cref="Documents"/>, in the same order.</summary>
    public IReadOnlyList<DocumentRole> DocumentRoles { get; init; } = [];
    public AccessLevel Access { get; init; }
    public IReadOnlyList<AccessGrant> AllowedParties { get; init; } = [];
}

/// <summary>Title, description and outcomes in one language, checked.</summary>
public sealed record ActivityTextValues(string Language, string Title, string? Description, string? Outcomes);
