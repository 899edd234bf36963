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
    /// <summary>Added, Modified or Deleted; Refused for a write the write rule turned down (nothing else was written).</summary>
    public string Action { get; private init; } = "";
    public string Entity { get; private init; } = "";
    public string RecordId { get; private init; } = "";
    /// <summary>
    /// What changed: names of the changed properties and of the changed parts (editions, files); values only for
    /// codes (access level, allowed parties, owner), never for free text, so audit never copies restricted text.
    /// For a refusal, the action and the reason.
    /// </summary>
    public string Changes { get; private init; } = "";

    internal static AuditEntry Of(DateTimeOffset at, Guid? userId, string actor, string action, string entity, string recordId, string changes) =>
        new() { At = at, UserId = userId, Actor = actor, Action = action, Entity = entity, RecordId = recordId, Changes = changes };
}

/// <summary>Marks an entity whose every write is audited.</summary>
public interface IAudited;

/// <summary>
/// A dependent entity (an edition, a file) that belongs to an audited record: its writes bump the record's
/// <see cref="IVersioned.Version"/> and are described in the record's one audit entry of the save. The
/// interceptor finds the record through the entity's foreign key (EF metadata), so no use case does it by hand.
/// Owned entities (such as access grants) count as parts of their owner without this marker.
/// </summary>
public interface IAuditedPart;

/// <summary>Entities with an optimistic-concurrency version, bumped on every save.</summary>
public interface IVersioned
{
    int Version { get; set; }
}
