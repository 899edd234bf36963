using Microsoft.AspNetCore.Identity;

namespace Polis.Accounts;

/// <summary>A person who signs in. Roles and scopes (organisations, state) are Identity roles and claims.</summary>
public sealed class PolisUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    /// <summary>"en" or "ru": the interface language chosen in the profile.</summary>
    public string PreferredLanguage { get; set; } = "en";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class PolisRole : IdentityRole<Guid>
{
    public PolisRole() { }
    public PolisRole(string name) : base(name) => NormalizedName = name.ToUpperInvariant();
}
