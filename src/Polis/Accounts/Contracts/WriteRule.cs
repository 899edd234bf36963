namespace Polis.Accounts.Contracts;

/// <summary>
/// The one write rule of Polis (docs/adr/0007-one-write-rule.md), used by every module for every
/// <see cref="WriteAction"/>. A viewer may write a record when one of its roles allows it:
/// Administrator: every record. Coordinator: every record it may read (<see cref="AccessRule"/>).
/// Editor: records owned by one of its structures (organisation claims). FocalPoint: records whose subject
/// is its State. Everyone else: nothing. <see cref="WriteAction.Delete"/> is for administrators and coordinators
/// only (others withdraw). A write is checked twice, on the record as it is and as it will be,
/// so no writer can hand a record to a structure it does not speak for, nor hide it from itself.
/// Except for administrators, a Restricted record must stay readable by its owner (<c>org:OWNER</c>, or
/// <c>state:CC</c> for a record about a State).
/// </summary>
public static class WriteRule
{
    /// <summary>The state of a record that the rule looks at: before a write, or as the write would leave it.</summary>
    public sealed record Target(string OwnerCode, string? SubjectStateCode, AccessLevel Access, IReadOnlyCollection<AccessGrant> Parties) : IOwned
    {
        IReadOnlyCollection<AccessGrant> IRestricted.AllowedParties => Parties;

        /// <summary>The record's current state.</summary>
        public static Target Of(IOwned record) =>
            new(record.OwnerCode, record.SubjectStateCode, record.Access, [.. record.AllowedParties]);
    }

    /// <summary>Why a write is refused, or <see cref="Allowed"/>.</summary>
    public enum Verdict
    {
        Allowed,
        /// <summary>The writer's role or scope does not cover the record.</summary>
        NotYours,
        /// <summary>The record would be Restricted without its owner among the parties.</summary>
        OwnerLosesAccess,
    }

    /// <summary>Whether the viewer may do <paramref name="action"/> to a record in this state.</summary>
    public static bool Allows(this Viewer viewer, WriteAction action, IOwned record) => Check(viewer, action, record) == Verdict.Allowed;

    /// <summary>The verdict for one state of a record (check the state before and the state after a write).</summary>
    public static Verdict Check(Viewer viewer, WriteAction action, IOwned record)
    {
        if (!Enum.IsDefined(action)) return Verdict.NotYours;
        if (viewer.IsAdministrator) return Verdict.Allowed;
        // Deleting removes a record for good: administrators and coordinators only; editors withdraw instead.
        if (action == WriteAction.Delete && !viewer.IsInRole(Role.Coordinator)) return Verdict.NotYours;
        var covered =
            (viewer.IsInRole(Role.Coordinator) && viewer.Allows(record))
            || (viewer.IsInRole(Role.Editor) && viewer.OrganisationCodes.Contains(record.OwnerCode, StringComparer.Ordinal))
            || (viewer.IsInRole(Role.FocalPoint) && viewer.StateCode is { } state && record.SubjectStateCode == state);
        if (!covered) return Verdict.NotYours;
        return OwnerKeepsAccess(record) ? Verdict.Allowed : Verdict.OwnerLosesAccess;
    }

    /// <summary>An edit is allowed when the viewer may write the record as it is and as it will be.</summary>
    public static Verdict CheckChange(Viewer viewer, WriteAction action, IOwned before, IOwned after) =>
        Check(viewer, action, before) is var now && now == Verdict.NotYours ? now : Check(viewer, action, after);

    /// <summary>Whether a Restricted record still names its owner (or its subject State) among the parties.</summary>
    public static bool OwnerKeepsAccess(IOwned record) =>
        record.Access != AccessLevel.Restricted
        || record.AllowedParties.Any(p => p.OrganisationCode == record.OwnerCode
                                       || (record.SubjectStateCode is { } s && p.StateCode == s));

    /// <summary>
    /// The owner a new record gets when the writer names none: the writer's only structure. Null when the writer
    /// has none or several (then the owner must be chosen; coordinators and administrators choose any structure).
    /// </summary>
    public static string? DefaultOwner(Viewer viewer) => viewer.OrganisationCodes.Count == 1 ? viewer.OrganisationCodes[0] : null;

    /// <summary>Whether the viewer may write anything at all (shows or hides editing links; never a substitute for <see cref="Check"/>).</summary>
    public static bool MayWriteAnything(Viewer viewer) =>
        viewer.IsAdministrator || viewer.IsInRole(Role.Coordinator)
        || (viewer.IsInRole(Role.Editor) && viewer.OrganisationCodes.Count > 0)
        || (viewer.IsInRole(Role.FocalPoint) && viewer.StateCode is not null);
}
