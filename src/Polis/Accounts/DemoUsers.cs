
namespace Polis.Accounts;

/// <summary>One demo account per role, created in demo mode only. The password is public: never use demo mode in production.</summary>
public static class DemoUsers
{
    public const string Password = "Polis-demo-2026";

    public sealed record Account(string Email, string Name, string? Role, string[] Organisations, string? State);

    public static readonly IReadOnlyList<Account> All =
    [
        new("admin@polis.example", "Ada Administrator", Contracts.Role.Administrator, [], null),
        new("coordinator@polis.example", "Cora Coordinator", Contracts.Role.Coordinator, ["SPMU"], null),
        new("editor@polis.example", "Edgar Editor", Contracts.Role.Editor, ["SPMU", "MSRB"], null),
        new("focalpoint@polis.example", "Farida Focal Point", Contracts.Role.FocalPoint, [], "KG"),
        new("expert@polis.example", "Erik Expert", Contracts.Role.Expert, [], null),
        new("member@polis.example", "Mira Member", Contracts.Role.Member, [], null),
        new("registered@polis.example", "Rustam Registered", null, [], null),
    ];

    public static async Task<int> EnsureAsync(UserDirectory directory)
    {
        var created = 0;
        foreach (var a in All)
            if (await directory.CreateAsync(a.Email, a.Name, Password, a.Role is null ? [] : [a.Role], a.Organisations, a.State))
                created++;
        return created;
    }
}
