using System.Linq.Expressions;

namespace Polis.Accounts.Contracts;

/// <summary>
/// The one access rule of Polis. A record is readable by a viewer when the viewer is an administrator or
/// when one of the record's keys is among the viewer's keys:
/// Public → "public"; Registered → "registered"; Members → "members"; Restricted → "org:X" / "state:Y"
/// for each allowed party. A viewer holds "public"; "registered" once signed in; "members" with any role;
/// "org:X" for each organisation and "state:Y" for its state. Database queries use
/// <see cref="VisibleTo{T}"/>, the search index stores <see cref="RecordKeys"/> and filters by
/// <see cref="ViewerKeys"/>; the three are proved equal by the access matrix tests.
/// </summary>
public static class AccessRule
{
    public const string PublicKey = "public";
    public const string RegisteredKey = "registered";
    public const string MembersKey = "members";

    /// <summary>The keys a record grants.</summary>
    public static IReadOnlyList<string> RecordKeys(AccessLevel level, IEnumerable<AccessGrant> parties) => level switch
    {
        AccessLevel.Public => [PublicKey],
        AccessLevel.Registered => [RegisteredKey],
        AccessLevel.Members => [MembersKey],
        AccessLevel.Restricted => [.. parties.Select(p => p.ToString()).Distinct(StringComparer.Ordinal)],
    };

    /// <summary>The keys a viewer holds, or null for "sees everything" (administrators).</summary>
    public static IReadOnlyList<string>? ViewerKeys(Viewer viewer)
    {
        if (viewer.IsAdministrator) return null;
        var keys = new List<string> { PublicKey };
        if (viewer.IsSignedIn) keys.Add(RegisteredKey);
        if (viewer.IsMember) keys.Add(MembersKey);
        keys.AddRange(viewer.OrganisationCodes.Select(o => "org:" + o));
        if (viewer.StateCode is { } s) keys.Add("state:" + s);
        return keys;
    }

    /// <summary>Whether the viewer may read a record with this level and these parties.</summary>
    public static bool Allows(Viewer viewer, AccessLevel level, IEnumerable<AccessGrant> parties) =>
        ViewerKeys(viewer) is not { } keys || RecordKeys(level, parties).Any(keys.Contains);

    public static bool Allows(this Viewer viewer, IRestricted record) => Allows(viewer, record.Access, record.AllowedParties);

    /// <summary>Filters a query to the records the viewer may read; translated to SQL by EF Core.</summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> records, Viewer viewer) where T : class, IRestricted =>
        records.Where(Predicate<T>(viewer));

    /// <summary>The same rule as an expression, for use inside larger queries.</summary>
    public static Expression<Func<T, bool>> Predicate<T>(Viewer viewer) where T : class, IRestricted
    {
        if (viewer.IsAdministrator) return _ => true;
        var signedIn = viewer.IsSignedIn;
        var member = viewer.IsMember;
        var orgs = viewer.OrganisationCodes.ToArray();
        var state = viewer.StateCode ?? "-";  // no ISO code is "-"; PostgreSQL refuses NUL in text
        return r => r.Access == AccessLevel.Public
            || (r.Access == AccessLevel.Registered && signedIn)
            || (r.Access == AccessLevel.Members && member)
            || (r.Access == AccessLevel.Restricted && r.AllowedParties.Any(p =>
                    (p.OrganisationCode != null && orgs.Contains(p.OrganisationCode)) || p.StateCode == state));
    }
}
