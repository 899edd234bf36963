namespace Polis.Accounts.Contracts;

/// <summary>
/// One party allowed to read a Restricted record: an organisation (executive structure or partner
/// organisation, by code) or a participating State (ISO 3166-1 alpha-2). Exactly one of the two is set.
/// </summary>
public sealed class AccessGrant
{
    private AccessGrant() { }

    /// <summary>Code of the allowed organisation, or null when the grant names a state.</summary>
    public string? OrganisationCode { get; private init; }

    /// <summary>ISO code of the allowed state, or null when the grant names an organisation.</summary>
    public string? StateCode { get; private init; }

    /// <summary>Grants access to an organisation.</summary>
    public static AccessGrant ToOrganisation(string code) => new() { OrganisationCode = code.Trim().ToUpperInvariant() };

    /// <summary>Grants access to a participating State.</summary>
    public static AccessGrant ToState(string code) => new() { StateCode = code.Trim().ToUpperInvariant() };

    /// <summary>The grant as written in forms and the API: <c>org:SPMU</c> or <c>state:KG</c>.</summary>
    public override string ToString() => OrganisationCode is { } o ? "org:" + o : "state:" + StateCode;

    /// <summary>Parses <c>org:CODE</c> or <c>state:CC</c>; null when the text is neither.</summary>
    public static AccessGrant? Parse(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("org:", StringComparison.OrdinalIgnoreCase) && t.Length > 4)
            return ToOrganisation(t[4..]);
        if (t.StartsWith("state:", StringComparison.OrdinalIgnoreCase) && t.Length == 8)
            return ToState(t[6..]);
        return null;
    }
}
