using System.Security.Claims;

namespace Polis.Accounts.Contracts;

/// <summary>
/// Who is reading: built once per request from the signed-in principal. Every read of a content record
/// passes it to <see cref="AccessRule"/>.
/// </summary>
public sealed record Viewer
{
    private Viewer() { }

    /// <summary>The user's id, or null for an anonymous visitor.</summary>
    public Guid? UserId { get; private init; }
    public string? Name { get; private init; }
    public IReadOnlySet<string> Roles { get; private init; } = new HashSet<string>();
    /// <summary>Organisation codes (upper case) that scope the user.</summary>
    public IReadOnlyList<string> OrganisationCodes { get; private init; } = [];
    /// <summary>The participating State (ISO alpha-2) that scopes the user, if any.</summary>
    public string? StateCode { get; private init; }

    public bool IsSignedIn => UserId is not null;
    public bool IsAdministrator => Roles.Contains(Role.Administrator);
    /// <summary>Holds any role at all: a vetted account, as opposed to a bare registration.</summary>
    public bool IsMember => Roles.Count > 0;
    public bool IsInRole(string role) => Roles.Contains(role);

    public static readonly Viewer Anonymous = new();

    /// <summary>The command line and background work act as an administrator named "system".</summary>
    public static readonly Viewer System = new()
    {
        UserId = Guid.Empty,
        Name = "system",
        Roles = new HashSet<string>(StringComparer.Ordinal) { Role.Administrator },
    };

    public static Viewer Of(Guid userId, string name, IEnumerable<string> roles, IEnumerable<string>? organisations = null, string? state = null) => new()
    {
        UserId = userId,
        Name = name,
        Roles = new HashSet<string>(roles, StringComparer.Ordinal),
        OrganisationCodes = [.. (organisations ?? []).Select(o => o.ToUpperInvariant()).Distinct(StringComparer.Ordinal)],
        StateCode = state?.ToUpperInvariant(),
    };

    public static Viewer From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
            return Anonymous;
        return Of(
            id,
            principal.FindFirstValue(PolisClaims.DisplayName) ?? principal.Identity.Name ?? "",
            principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Where(r => Role.All.Contains(r)),
            principal.FindAll(PolisClaims.Organisation).Select(c => c.Value),
            principal.FindFirstValue(PolisClaims.State));
    }
}
