namespace Polis.Accounts.Contracts;

/// <summary>The roles of Polis. A user may hold several; scopes (organisations, a state) come as claims.</summary>
public static class Role
{
    public const string Administrator = nameof(Administrator);
    public const string Coordinator = nameof(Coordinator);
    /// <summary>Edits content for one or more executive structures (organisation claims).</summary>
    public const string Editor = nameof(Editor);
    /// <summary>Speaks for one participating State (state claim).</summary>
    public const string FocalPoint = nameof(FocalPoint);
    public const string Expert = nameof(Expert);
    /// <summary>Vetted practitioner.</summary>
    public const string Member = nameof(Member);

    /// <summary>Every role, in order of power.</summary>
    public static readonly IReadOnlyList<string> All = [Administrator, Coordinator, Editor, FocalPoint, Expert, Member];
}

/// <summary>Claim types that carry a user's scope.</summary>
public static class PolisClaims
{
    /// <summary>An organisation code the user belongs to or edits for (repeatable).</summary>
    public const string Organisation = "polis:org";
    /// <summary>The participating State the user represents (ISO 3166-1 alpha-2).</summary>
    public const string State = "polis:state";
    public const string DisplayName = "polis:name";
}
