namespace Polis.Data;

/// <summary>
/// Who changed what, when: written by <see cref="AuditInterceptor"/> in the same transaction as the change,
/// so a change without its audit line cannot exist.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; private init; }
    public DateTimeOffset At { get; private init; }
    public Guid? UserId { get; private init; }
    public string Actor { get; private init; } = "";
    /// <summary>Added, Modified or Deleted.</summary>
    public string Action { get; private init; } = "";
    public string Entity { get; private init; } = "";
    public string RecordId { get; private init; } = "";
    /// <summary>Names of the changed properties (never their values: audit must not copy restricted text).</summary>
    public string Changes { get; private init; } = "";

    internal static AuditEntry Of(DateTimeOffset at, Guid? userId, string actor, string action, string entity, string recordId, string changes) =>
        new() { At = at, UserId = userId, Actor = actor, Action = action, Entity = entity, RecordId = recordId, Changes = changes };
}

/// <summary>Marks an entity whose every write is audited.</summary>
public interface IAudited;

/// <summary>Entities with an optimistic-concurrency version, bumped on every save.</summary>
public interface IVersioned
{
    int Version { get; set; }
}
