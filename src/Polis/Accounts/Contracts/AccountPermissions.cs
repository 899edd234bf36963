
namespace Polis.Accounts.Contracts;

/// <summary>Policies of the Accounts module and the two that every module uses.</summary>
public static class AccountPermissions
{
    /// <summary>Anyone, signed in or not. Named so that a public endpoint says so explicitly.</summary>
    public const string Public = "Public";
    /// <summary>Any signed-in user.</summary>
    public const string SignedIn = "SignedIn";
    public const string ManageUsers = "Accounts.ManageUsers";
    /// <summary>Signed in with the cookie (not a personal access token): lists, creates and revokes one's own tokens.</summary>
    public const string ManageTokens = "Accounts.ManageTokens";
    public const string ReadAudit = "Accounts.ReadAudit";

    internal static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [ManageUsers] = [Role.Administrator],
        [ReadAudit] = [Role.Administrator, Role.Coordinator],
    };
}
