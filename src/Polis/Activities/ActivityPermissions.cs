using Polis.Accounts.Contracts;

namespace Polis.Activities;

/// <summary>
/// Who may do what with activities. Reading has no role: it is the access rule, record by record. Writing is the
/// write rule (editors their structures' activities, coordinators all they may read); these permissions only open the
/// doors (the form, the write endpoints, the import).
/// </summary>
public static class ActivityPermissions
{
    public const string Edit = "Activities.Edit";
    public const string Import = "Activities.Import";

    internal static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [Edit] = [Role.Administrator, Role.Coordinator, Role.Editor],
        [Import] = [Role.Administrator, Role.Coordinator, Role.Editor],
    };
}
