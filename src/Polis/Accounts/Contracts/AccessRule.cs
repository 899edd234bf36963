using System.Linq.Expressions;

namespace Polis.Accounts.Contracts;

/// <summary>
/// The one access rule of Polis. A record is readable by a viewer when the viewer is an administrator or
/// when one of the record's keys is among the viewer's keys:
/// Public → "public"; Registered → "registered"; Members → "members"; Restricted → "org:X" / "state:Y"
/// for each allowed party. A viewer holds "public"; "registered" once signed in; "members" with any role;
/// "org:X" for each organisation and "state:Y" for its state. Database queries use
/// <see cref="VisibleTo{T}"/>, the search index stores <see cref="RecordKeys(IRestricted)"/> and filters by
/// <see cref="ViewerKeys"/>; the three are proved equal by the access matrix tests.
/// A record that is not <see cref="PublicationState.Published"/> (<see cref="IPublishable"/>: a draft, a withdrawn
/// record) is read only by its writers: administrators, coordinators who could read it at its level, and the editors
/// of its owner. Its keys are <c>editor:OWNER</c> and its level's keys prefixed with <c>coordinator+</c>; an editor
/// holds <c>editor:ORG</c> for each of its structures, a coordinator <c>coordinator+K</c> for each key K it holds.
/// </summary>
public static class AccessRule
{
    public const string PublicKey = "public";
    public const string RegisteredKey = "registered";
    public const string MembersKey = "members";
    /// <summary>Prefix of the key an unpublished record grants its owner's editors (<c>editor:SPMU</c>).</summary>
    public const string EditorPrefix = "editor:";
    /// <summary>Prefix of the keys an unpublished record grants coordinators who could read it once published.</summary>
    public const string CoordinatorPrefix = "coordinator+";

    /// <summary>The keys a record grants.</summary>
    public static IReadOnlyList<string> RecordKeys(AccessLevel level, IEnumerable<AccessGrant> parties) => level switch
    {
        AccessLevel.Public => [PublicKey],
        AccessLevel.Registered => [RegisteredKey],
        AccessLevel.Members => [MembersKey],
        AccessLevel.Restricted => [.. parties.Select(p => p.ToString()).Distinct(StringComparer.Ordinal)],
    };

    /// <summary>The keys a record with a life cycle grants: its level's keys once published, its writers' keys before and after.</summary>
    public static IReadOnlyList<string> RecordKeys(AccessLevel level, IEnumerable<AccessGrant> parties, PublicationState state, string owner) =>
        state == PublicationState.Published ? RecordKeys(level, parties)
            : [EditorPrefix + owner, .. RecordKeys(level, parties).Select(k => CoordinatorPrefix + k)];

    /// <summary>The keys a record grants, whether or not it has a life cycle.</summary>
    public static IReadOnlyList<string> RecordKeys(IRestricted record) => record is IPublishable p
        ? RecordKeys(p.Access, p.AllowedParties, p.State, p.OwnerCode)
        : RecordKeys(record.Access, record.AllowedParties);

    /// <summary>The keys a viewer holds, or null for "sees everything" (administrators).</summary>
    public static IReadOnlyList<string>? ViewerKeys(Viewer viewer)
    {
        if (viewer.IsAdministrator) return null;
        var keys = new List<string> { PublicKey };
        if (viewer.IsSignedIn) keys.Add(RegisteredKey);
        if (viewer.IsMember) keys.Add(MembersKey);
        keys.AddRange(viewer.OrganisationCodes.Select(o => "org:" + o));
        if (viewer.StateCode is { } s) keys.Add("state:" + s);
        if (viewer.IsInRole(Role.Coordinator)) keys.AddRange([.. keys.Select(k => CoordinatorPrefix + k)]);
        if (viewer.IsInRole(Role.Editor)) keys.AddRange(viewer.OrganisationCodes.Select(o => EditorPrefix + o));
        return keys;
    }

    /// <summary>Whether the viewer may read a record with this level and these parties.</summary>
    public static bool Allows(Viewer viewer, AccessLevel level, IEnumerable<AccessGrant> parties) =>
        ViewerKeys(viewer) is not { } keys || RecordKeys(level, parties).Any(keys.Contains);

    public static bool Allows(this Viewer viewer, IRestricted record)
    {
        if (record is not IPublishable { State: not PublicationState.Published } unpublished)
            return Allows(viewer, record.Access, record.AllowedParties);
        return viewer.IsAdministrator
            || (viewer.IsInRole(Role.Coordinator) && Allows(viewer, record.Access, record.AllowedParties))
            || (viewer.IsInRole(Role.Editor) && viewer.OrganisationCodes.Contains(unpublished.OwnerCode, StringComparer.Ordinal));
    }

    /// <summary>Filters a query to the records the viewer may read; translated to SQL by EF Core.</summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> records, Viewer viewer) where T : class, IRestricted =>
        records.Where(Predicate<T>(viewer));

    /// <summary>The same rule as an expression, for use inside larger queries.</summary>
    public static Expression<Func<T, bool>> Predicate<T>(Viewer viewer) where T : class, IRestricted
    {
        if (viewer.IsAdministrator) return _ => true;
        return PredicateOf<T>.Build(viewer);
    }

    // Which rule a type gets, found once per type (issue 21: the reflection ran on every query).
    private static class PredicateOf<T> where T : class, IRestricted
    {
        public static readonly Func<Viewer, Expression<Func<T, bool>>> Build = typeof(IPublishable).IsAssignableFrom(typeof(T))
            ? typeof(AccessRule).GetMethod(nameof(PublishablePredicate), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(typeof(T)).CreateDelegate<Func<Viewer, Expression<Func<T, bool>>>>()
            : LevelPredicate<T>;
    }

    /// <summary>For records with a life cycle: published ones by their level, the others only for their writers.</summary>
    private static Expression<Func<T, bool>> PublishablePredicate<T>(Viewer viewer) where T : class, IPublishable
    {
        var level = LevelPredicate<T>(viewer);
        var coordinator = viewer.IsInRole(Role.Coordinator);
        var editorOrgs = viewer.IsInRole(Role.Editor) ? viewer.OrganisationCodes.ToArray() : [];
        var r = level.Parameters[0];
        Expression<Func<T, bool>> writer = x => x.State != PublicationState.Published && editorOrgs.Contains(x.OwnerCode);
        Expression<Func<T, bool>> readable = x => x.State == PublicationState.Published || coordinator;
        var body = Expression.OrElse(
            Expression.AndAlso(new Rebind(readable.Parameters[0], r).Visit(readable.Body), level.Body),
            new Rebind(writer.Parameters[0], r).Visit(writer.Body));
        return Expression.Lambda<Func<T, bool>>(body, r);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    private static Expression<Func<T, bool>> LevelPredicate<T>(Viewer viewer) where T : class, IRestricted
    {
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
