using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Polis.Accounts.Contracts;

namespace Polis.Accounts;

/// <summary>Creates users with their roles and scope; used by the CLI, the demo seed and the admin pages.</summary>
public sealed class UserDirectory(UserManager<PolisUser> users, RoleManager<PolisRole> roles, TimeProvider clock)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Role.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new PolisRole(role)));
    }

    /// <summary>The roles <see cref="EnsureRolesAsync"/> makes sure of, by the normalised name Identity finds a role by.</summary>
    public Platform.SeededKeys RoleKeys() =>
        new(typeof(PolisRole), [nameof(PolisRole.NormalizedName)], [.. Role.All.Select(r => (IReadOnlyList<string>)[roles.NormalizeKey(r)!])]);

    /// <summary>Creates the user, or returns false when the e-mail is taken. Throws with Identity's messages on a weak password.</summary>
    public async Task<bool> CreateAsync(string email, string displayName, string password,
        IEnumerable<string> roleNames, IEnumerable<string>? organisations = null, string? state = null)
    {
        await EnsureRolesAsync();
        if (await users.FindByEmailAsync(email) is not null) return false;
        var user = new PolisUser
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow(),
        };
        Check(await users.CreateAsync(user, password));
        var unknown = roleNames.Where(r => !Role.All.Contains(r)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown role(s): {string.Join(", ", unknown)}.");
        Check(await users.AddToRolesAsync(user, roleNames));
        var claims = (organisations ?? []).Select(o => new Claim(PolisClaims.Organisation, o.ToUpperInvariant())).ToList();
        if (state is not null) claims.Add(new Claim(PolisClaims.State, state.ToUpperInvariant()));
        if (claims.Count > 0) Check(await users.AddClaimsAsync(user, claims));
        return true;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new ArgumentException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
