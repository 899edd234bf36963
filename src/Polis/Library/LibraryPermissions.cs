using Polis.Accounts.Contracts;

namespace Polis.Library;

/// <summary>
/// Who may do what in the library. Reading has no role: it is the access rule, record by record, and the
/// endpoints use the Public policy so anonymous visitors see public documents.
/// </summary>
public static class LibraryPermissions
{
    public const string Edit = "Library.Edit";
    public const string Import = "Library.Import";

    internal static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [Edit] = [Role.Administrator, Role.Coordinator, Role.Editor],
        [Import] = [Role.Administrator],
    };
}
